// The facet values of every document of a local database, held in memory as small numbers,
// so that counting a match is a few array reads instead of eight value lookups and string
// hashes (facets.h). For long-lived searchers (the web): a table is made from Xapian's value
// streams on the first search of each state of the index (about 40 ms for 100,000
// documents), and shared by every searcher of the process that reads the same state.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "facets.h"

namespace naskah::search {

// A document's place among equal scores (search.cc): the first 16 hex digits of its sha256
// (slot::k_id) as 8 big-endian bytes, which sort as the whole sha256 does, the same in any
// arrangement of shards.
[[nodiscard]] std::string tie_key(std::uint64_t id_prefix);
[[nodiscard]] std::uint64_t id_prefix(const std::string& sha256);  // 0 if not hex

// A table serves a single local database: Xapian 1.4 gives a match spy or a key maker each
// shard's own document ids, which over several shards are not those of the combination.
class FacetTable {
 public:
  // Reads the facet slots of every document of `db` (a local database: a remote one has no
  // value streams to read).
  explicit FacetTable(const Xapian::Database& db);

  // The table of `db`, whose state (shards, generations, revisions) `key` names: made once
  // per key in the process; the last few are kept. Thread-safe.
  [[nodiscard]] static std::shared_ptr<const FacetTable> of(const Xapian::Database& db,
                                                           const std::string& key);

  // Counts each match from the table, for Enquire::add_matchspy; add_to() then adds the
  // counts. A document the table does not hold (none, unless the database moved on) goes
  // to `fallback`. `today` and `soon` are YYYYMMDD values.
  class Spy final : public Xapian::MatchSpy {
   public:
    Spy(const FacetTable& table, const std::string& today, const std::string& soon,
        Xapian::MatchSpy& fallback);
    void operator()(const Xapian::Document& doc, double weight) override;
    // Counts document `id`, which the table holds (id < documents()).
    void count(Xapian::docid id);
    void add_to(FacetCounts& counts) const;

   private:
    const FacetTable& m_table;
    Xapian::MatchSpy& m_fallback;
    std::uint32_t m_today;
    std::uint32_t m_soon;
    std::uint64_t m_total = 0;
    std::vector<std::uint64_t> m_type, m_year, m_office, m_party;
    std::array<std::uint64_t, 4> m_status{};
  };

  // For Enquire::set_sort_by_relevance_then_key: tie_key() of each document, from the
  // table (a document it does not hold reads slot::k_id). A query that scores every match
  // alike (a filter, a date range) compares them all by this key, which from the value
  // slot cost a B-tree read per match: 14 of 15 ms of "jenis:addendum" at 100,000.
  class TieKey final : public Xapian::KeyMaker {
   public:
    explicit TieKey(const FacetTable& table) : m_table(table) {}
    std::string operator()(const Xapian::Document& doc) const override;

   private:
    const FacetTable& m_table;
  };

  [[nodiscard]] std::size_t documents() const { return m_rows.size(); }

 private:
  // 0 in a code means no value; names[code] is the value.
  struct Row {
    std::uint32_t type = 0;
    std::uint32_t year = 0;
    std::uint32_t office = 0;
    std::uint32_t end = 0;  // YYYYMMDD as a number, 0 when unknown
    std::uint32_t party[4] = {};
    std::uint64_t id = 0;  // id_prefix() of the sha256
  };
  std::vector<Row> m_rows;  // by docid
  std::vector<std::string> m_types{""}, m_years{""}, m_offices{""}, m_parties{""};
};

}  // namespace naskah::search
