// Facet counts over every match of a query: type, year, party, status (from the end date
// and today), office. A pass of its own, without weights, beside the ranked page.
//
// Local databases are counted by one spy of ours that reads the value slots of each match
// once and counts into hash tables, status straight into its four buckets; or, given a
// FacetTable (facet_table.h), from the table's numbers. Remote shards cannot run a spy
// they do not know, so each is counted alone with Xapian's stock ValueCountMatchSpy, one
// per slot (Xapian 1.4.22 miscounts those over a combination in which a remote shard is
// not the first).
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace naskah::search {

struct FacetCounts {
  std::uint64_t total = 0;  // the matches
  std::unordered_map<std::string, std::uint64_t> type, year, party, office;
  std::array<std::uint64_t, 4> status{};  // active, expiring, expired, unknown
};

class FacetTable;

inline constexpr std::array<const char*, 4> k_statuses = {"active", "expiring", "expired",
                                                          "unknown"};

// Counts the matches of `query` in `databases`: the one combined database of local shards,
// or each remote-holding shard in turn (`remote`). `today` and `soon` are YYYYMMDD values:
// an end before today is expired, up to soon expiring, after it active.
[[nodiscard]] FacetCounts count_facets(const std::vector<Xapian::Database>& databases, bool remote,
                                       const Xapian::Query& query, const std::string& today,
                                       const std::string& soon, const FacetTable* table = nullptr);

}  // namespace naskah::search
