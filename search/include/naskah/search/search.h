// Search: a query in naskah's query language (CONTRACT.md) plus filters -> ranked records
// with snippets, exact facet counts and status, over the live index generation.
//
// A Searcher follows the index: when a reindex swaps in a new generation, the next search
// opens it; when the writer commits meanwhile, it reopens and retries. It searches one
// index folder or several shards as one (index/shards.h); a shard that does not answer makes
// the results partial, with a warning, not an error. Not thread-safe: one Searcher per
// thread.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "naskah/core/error.h"
#include "naskah/core/record.h"
#include "naskah/index/shards.h"

namespace naskah::search {

// How long to wait for remote shards, and to try a left-out one again (index/shards.h).
using ShardOptions = index::ShardOptions;

enum class Sort { relevance, signed_ascending, signed_descending, end_ascending };
// "relevance", "signed", "-signed", "end"; fails with usage.invalid.
[[nodiscard]] Result<Sort> parse_sort(const std::string& text);

struct Filters {
  std::vector<std::string> type;    // mou, pks, addendum, other (any of them)
  std::vector<std::string> party;   // a party's name, whole or some of its words
  std::vector<std::string> year;    // signing year
  std::vector<std::string> status;  // active, expiring, expired, unknown
  std::vector<std::string> office;
  std::string signed_from;  // YYYY, YYYY-MM or YYYY-MM-DD, inclusive
  std::string signed_to;
};

struct Request {
  std::string query;
  Filters filters;
  Sort sort = Sort::relevance;
  int offset = 0;
  int limit = 20;
  std::string today;       // ISO date status is computed for; empty = the system clock
  int expiring_days = 90;  // "expiring": ends within this many days
};

struct Hit {
  std::string id;
  int rank = 0;
  double score = 0;
  AgreementRecord record;  // text cleared
  std::string status;
  std::string snippet;  // HTML: everything escaped but <mark>
};

// One facet's values and counts, most frequent first (years: newest first).
using Facet = std::vector<std::pair<std::string, std::uint64_t>>;

struct Results {
  std::string query;
  std::uint64_t total = 0;
  bool estimated = false;
  int offset = 0;
  int limit = 0;
  std::optional<std::string> suggestion;
  std::vector<Hit> hits;
  std::vector<std::pair<std::string, Facet>> facets;  // doc_type, year, party, status, office
  std::string today;
  std::vector<std::string> warnings;  // shards left out: the results are partial
};

// The CONTRACT.md JSON (plus "warnings" when the results are partial) of results.
[[nodiscard]] nlohmann::ordered_json to_json(const Results& results);

// "active", "expiring", "expired" or "unknown" for an end date as of `today`.
[[nodiscard]] std::string status_of(const std::optional<std::string>& end_date,
                                    const std::string& today, int expiring_days);

// One member of a family as the agreement page's tree shows it.
struct FamilyMember {
  AgreementRecord record;  // text cleared
  std::string status;      // from its period after the addenda
};

// An agreement's family as the index knows it (index/families.cc).
struct Family {
  AgreementRecord record;          // as indexed: parent, children, period after addenda, all checks
  std::vector<std::string> flags;  // its findings as the index files them (report's reasons)
  std::vector<FamilyMember> members;  // the whole family, each parent before its children
};

// The members of `family` that the index-side passes set (parent, children, family_root,
// effective_end_date, needs_review, warnings), "checks" (its findings, as report.h's
// findings_json), and "family": the members, each with id, parent, type, title, numbers,
// dates and status.
[[nodiscard]] nlohmann::ordered_json to_json(const Family& family);

struct Report;

class Searcher {
 public:
  // One index folder (DATA/index).
  explicit Searcher(std::string index_dir);
  // Shards searched as one: index folders, database folders, tcp://HOST:PORT.
  Searcher(std::vector<std::string> shards, ShardOptions options);

  // Fails with index.missing before anything was indexed, usage.invalid for a bad filter.
  [[nodiscard]] Result<Results> search(const Request& request);

  // Whether the live index holds the agreement `id` (its sha256). Fails with index.missing
  // before anything was indexed.
  [[nodiscard]] Result<bool> contains(const std::string& id);

  // The family of agreement `id` (its sha256); nullopt when the index does not hold it.
  [[nodiscard]] Result<std::optional<Family>> family(const std::string& id,
                                                     const std::string& today, int expiring_days);
  // The state of the live index as text ("gen-000003:17": generation and revision): it
  // changes with every commit and every swap, so answers computed on it may be reused until
  // it does. Fails with index.missing before anything was indexed.
  [[nodiscard]] Result<std::string> state();

  // How many agreements the live index holds. Fails with index.missing before anything
  // was indexed.
  [[nodiscard]] Result<std::uint64_t> document_count();

  // For searchers that answer many queries (the web): the facets of a single local index
  // are counted (and equal scores ordered) from a table of every document's facet values
  // and id, made on the first search of each state of the index (about 40 ms for 100,000
  // documents, shared by the process's searchers), instead of from each match's stored
  // values. Off by default: a one-off search would pay for the table. Several shards are
  // counted from the values (facet_table.h says why).
  void keep_facet_tables(bool on) { m_facet_tables = on; }

  // From how many documents a search counts its facets on two threads (facets.h); 20,000
  // by default: under it, a second thread and handle cost more than they save. Tests lower
  // it to compare both ways on small indexes.
  void split_from(std::uint32_t documents) { m_split_from = documents; }

  // The shards left out of the last database(): empty when the answers are complete.
  [[nodiscard]] const std::vector<std::string>& warnings() const { return m_shards.warnings(); }

 private:
  // The report reads the database as search does; nothing outside search/ gets a handle.
  friend Result<Report> make_report(Searcher& searcher, std::string today, int days);
  // The live database, opened (or reopened when a new generation was swapped in).
  [[nodiscard]] Result<Xapian::Database*> database();
  [[nodiscard]] Result<Results> run(const Request& request);
  // A second handle on the state database() read, for the other thread of a count pass
  // (facets.h); nullptr with remote shards or when it cannot be had at that state.
  [[nodiscard]] const Xapian::Database* helper_database();
  // Runs `attempt` again after the index changed under it or a remote shard went away.
  template <typename F>
  [[nodiscard]] auto with_retries(const char* what, F attempt) -> decltype(attempt());
  index::ShardSet m_shards;
  std::vector<std::string> m_shard_specs;
  ShardOptions m_shard_options;
  std::optional<index::ShardSet> m_helper;  // opened on the first large count
  std::string m_shard_list;                 // names the shards in a facet table's key
  bool m_facet_tables = false;
  std::uint32_t m_split_from = 20'000;
};

}  // namespace naskah::search
