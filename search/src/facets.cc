#include "facets.h"

#include <memory>

#include "facet_table.h"
#include "naskah/index/schema.h"

namespace naskah::search {
namespace {

// Status of an end date value (YYYYMMDD, or empty) as an index into k_statuses.
std::size_t status_bucket(const std::string& end, const std::string& today,
                          const std::string& soon) {
  if (end.size() != 8) return 3;  // unknown
  if (end < today) return 2;      // expired
  if (end <= soon) return 1;      // expiring
  return 0;                       // active
}

// One spy for every facet: a value read per slot per match, counted in hash tables (the
// stock spy keeps a std::map per slot, whose string comparisons were a fifth of a broad
// query's time).
class FacetSpy : public Xapian::MatchSpy {
 public:
  FacetSpy(FacetCounts& counts, std::string today, std::string soon)
      : m_counts(counts), m_today(std::move(today)), m_soon(std::move(soon)) {}

  void operator()(const Xapian::Document& doc, double /*weight*/) override {
    ++m_counts.total;
    count(m_counts.type, doc.get_value(index::slot::k_type));
    count(m_counts.year, doc.get_value(index::slot::k_year));
    count(m_counts.office, doc.get_value(index::slot::k_office));
    ++m_counts.status[status_bucket(doc.get_value(index::slot::k_end), m_today, m_soon)];
    for (int i = 0; i < index::slot::k_party_slots; ++i) {
      count(m_counts.party,
            doc.get_value(index::slot::k_party_first + static_cast<Xapian::valueno>(i)));
    }
  }

 private:
  static void count(std::unordered_map<std::string, std::uint64_t>& counts, std::string value) {
    if (!value.empty()) ++counts[std::move(value)];
  }
  FacetCounts& m_counts;
  std::string m_today;
  std::string m_soon;
};

// Xapian's own spies, one per slot: what a remote shard can run.
struct StockSpies {
  Xapian::ValueCountMatchSpy type{index::slot::k_type};
  Xapian::ValueCountMatchSpy year{index::slot::k_year};
  Xapian::ValueCountMatchSpy end{index::slot::k_end};
  Xapian::ValueCountMatchSpy office{index::slot::k_office};
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> party;

  StockSpies() {
    for (int i = 0; i < index::slot::k_party_slots; ++i) {
      party.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(
          index::slot::k_party_first + static_cast<Xapian::valueno>(i)));
    }
  }
  void watch(Xapian::Enquire& enquire) {
    enquire.add_matchspy(&type);
    enquire.add_matchspy(&year);
    enquire.add_matchspy(&end);
    enquire.add_matchspy(&office);
    for (auto& spy : party) enquire.add_matchspy(spy.get());
  }
  static void add(std::unordered_map<std::string, std::uint64_t>& counts,
                  const Xapian::ValueCountMatchSpy& spy) {
    for (auto v = spy.values_begin(); v != spy.values_end(); ++v) counts[*v] += v.get_termfreq();
  }
  void add_to(FacetCounts& counts, Xapian::doccount matches, const std::string& today,
              const std::string& soon) const {
    counts.total += matches;
    add(counts.type, type);
    add(counts.year, year);
    add(counts.office, office);
    for (const auto& spy : party) add(counts.party, *spy);
    std::uint64_t with_end = 0;
    for (auto v = end.values_begin(); v != end.values_end(); ++v) {
      counts.status[status_bucket(*v, today, soon)] += v.get_termfreq();
      with_end += v.get_termfreq();
    }
    counts.status[3] += matches - with_end;
  }
};

// Every match, unranked: the matcher skips the weights and looks at all of them.
Xapian::doccount match_all(Xapian::Enquire& enquire, const Xapian::Database& db) {
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

}  // namespace

FacetCounts count_facets(const std::vector<Xapian::Database>& databases, bool remote,
                         const Xapian::Query& query, const std::string& today,
                         const std::string& soon, const FacetTable* table) {
  FacetCounts counts;
  for (const Xapian::Database& db : databases) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    if (remote) {
      StockSpies spies;
      spies.watch(enquire);
      const Xapian::doccount matches = match_all(enquire, db);
      spies.add_to(counts, matches, today, soon);
    } else if (table != nullptr) {
      FacetSpy fallback(counts, today, soon);
      FacetTable::Spy spy(*table, today, soon, fallback);
      enquire.add_matchspy(&spy);
      match_all(enquire, db);
      spy.add_to(counts);
    } else {
      FacetSpy spy(counts, today, soon);
      enquire.add_matchspy(&spy);
      match_all(enquire, db);
    }
  }
  return counts;
}

}  // namespace naskah::search
