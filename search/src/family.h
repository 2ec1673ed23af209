// Reading a family out of the index (search.h's Searcher::family does the retries).
#pragma once

#include <xapian.h>

#include <optional>
#include <string>

#include "naskah/core/error.h"
#include "naskah/search/search.h"

namespace naskah::search {

// The family of `id` in `db`, statuses as of `today`; nullopt when `db` does not hold `id`.
[[nodiscard]] Result<std::optional<Family>> family_of(const Xapian::Database& db,
                                                      const std::string& id,
                                                      const std::string& today, int expiring_days);

}  // namespace naskah::search
