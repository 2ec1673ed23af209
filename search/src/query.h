// The query language: words (AND by default), "phrases", OR/NOT/+/-, wildcards*, fields
// (Indonesian and English names), date ranges, and the filters of a Request.
#pragma once

#include <string>

#include <xapian.h>

#include "naskah/core/error.h"
#include "naskah/search/search.h"

namespace naskah::search {

// A YYYY, YYYY-MM or YYYY-MM-DD date as the first (or, with `end`, last) YYYYMMDD value it
// covers; empty when malformed.
[[nodiscard]] std::string date_bound(const std::string& text, bool end);

// ISO date `days` after `iso`.
[[nodiscard]] std::string add_days(const std::string& iso, int days);

// The value-range query on the end date for a status ("active", "expiring", ...).
[[nodiscard]] Result<Xapian::Query> status_query(const std::string& status,
                                                 const std::string& today, int expiring_days);

struct ParsedQuery {
  Xapian::Query query;
  std::string corrected;  // spelling correction of the query text, or empty
};

// Parses `request.query` with the synonyms and spelling of `vocabulary` and adds the
// request's filters, looking names up in `db` (the database searched).
[[nodiscard]] Result<ParsedQuery> build_query(const Xapian::Database& vocabulary,
                                              const Xapian::Database& db, const Request& request,
                                              const std::string& today);

}  // namespace naskah::search
