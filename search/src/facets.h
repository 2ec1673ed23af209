// Facet counts over every match of a query: type, year, party, status (from the end date
// and today), office. A pass of its own, without weights, beside the ranked page.
//
// Local databases are counted by one spy of ours that reads the value slots of each match
// once and counts into hash tables, status straight into its four buckets; or, given a
// FacetTable (facet_table.h), from the table's numbers, and for a query of plain words
// straight from its posting lists. A large index is counted on two threads (FacetCounter).
// Remote shards cannot run a spy they do not know, so each is counted alone with Xapian's
// stock ValueCountMatchSpy, one per slot (Xapian 1.4.22 miscounts those over a combination
// in which a remote shard is not the first).
#pragma once

#include <xapian.h>

#include <array>
#include <atomic>
#include <exception>
#include <cstdint>
#include <string>
#include <thread>
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
//
// Given `helper`, a second handle on the same state of the same local databases, counting
// starts at construction on another thread, in parts of the document ids, while the caller
// ranks its page; finish() counts the parts still left on the calling thread and adds up.
// On two cores a broad query's counting so takes about half the time. With a table, a
// query of plain terms (no phrase, range or wildcard) is counted instead from a bitmap of
// its posting lists, without the matcher. The arguments must outlive the counter; the
// destructor waits for the other thread.
class FacetCounter {
 public:
  FacetCounter(const std::vector<Xapian::Database>& databases, bool remote,
               const Xapian::Query& query, std::string today, std::string soon,
               const FacetTable* table = nullptr, const Xapian::Database* helper = nullptr);
  ~FacetCounter();
  FacetCounter(const FacetCounter&) = delete;
  FacetCounter& operator=(const FacetCounter&) = delete;

  [[nodiscard]] FacetCounts finish();

 private:
  // Counts the matches of `query` in local `db` by our spy (from the table when there is
  // one): in one pass, or part by part as long as parts are left.
  void count_local(const Xapian::Database& db, const Xapian::Query& query, bool in_parts,
                   FacetCounts& counts);
  // Counts a plain_terms() query from its posting lists, through the table.
  void count_postings(const Xapian::Database& db, const Xapian::Query& query,
                      FacetCounts& counts) const;
  void stop();

  const std::vector<Xapian::Database>& m_databases;
  bool m_remote;
  const Xapian::Query& m_query;
  std::string m_today;
  std::string m_soon;
  const FacetTable* m_table;
  bool m_from_postings = false;  // a query of plain terms over a table: set algebra
  std::atomic<int> m_next{0};  // the next part to count, on either thread
  FacetCounts m_theirs;        // the other thread's counts
  std::exception_ptr m_failure;
  std::thread m_other;
};

// FacetCounter(...).finish().
[[nodiscard]] FacetCounts count_facets(const std::vector<Xapian::Database>& databases, bool remote,
                                       const Xapian::Query& query, const std::string& today,
                                       const std::string& soon, const FacetTable* table = nullptr,
                                       const Xapian::Database* helper = nullptr);

}  // namespace naskah::search
