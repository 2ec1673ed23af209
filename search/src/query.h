// The query language: words (AND by default), "phrases", OR/NOT/+/-, wildcards*, fields
// (Indonesian and English names), date ranges, and the filters of a Request.
#pragma once

#include <xapian.h>

#include <string>

#include "naskah/core/error.h"
#include "naskah/search/search.h"

namespace naskah::search {

// A YYYY, YYYY-MM or YYYY-MM-DD date as the first (or, with `end`, last) YYYYMMDD value it
// covers; empty when malformed.
[[nodiscard]] std::string date_bound(const std::string& text, bool end);

// The value-range query on the end date for a status ("active", "expiring", ...).
[[nodiscard]] Result<Xapian::Query> status_query(const std::string& status,
                                                 const std::string& today, int expiring_days);

// Parses `request.query` with the synonyms of `vocabulary` and adds the request's filters,
// looking names up in `db` (the database searched).
[[nodiscard]] Result<Xapian::Query> build_query(const Xapian::Database& vocabulary,
                                                const Xapian::Database& db, const Request& request,
                                                const std::string& today);

// The query text with misspelt words replaced by the likeliest words of `vocabulary`'s
// spelling table; empty when nothing needs correcting.
[[nodiscard]] std::string corrected_query(const Xapian::Database& vocabulary,
                                          const Request& request, const std::string& today);

}  // namespace naskah::search
