#include "facets.h"

#include <algorithm>
#include <bit>
#include <exception>
#include <memory>
#include <optional>
#include <thread>

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

// Part `k` of `n` of each database's document ids, in order. Initialised once per shard with
// that shard's own ids, so the parts of a combination of shards still hold every document
// exactly once.
class DocidPart final : public Xapian::PostingSource {
 public:
  DocidPart(int k, int n) : m_k(k), m_n(n) {}
  Xapian::PostingSource* clone() const override { return new DocidPart(m_k, m_n); }
  void init(const Xapian::Database& db) override {
    const std::uint64_t last = db.get_lastdocid();
    m_first = static_cast<Xapian::docid>(last * static_cast<std::uint64_t>(m_k) / m_n + 1);
    m_last = static_cast<Xapian::docid>(last * static_cast<std::uint64_t>(m_k + 1) / m_n);
    m_at = 0;
    const Xapian::doccount size = m_last >= m_first ? m_last - m_first + 1 : 0;
    m_max = std::min<Xapian::doccount>(size, db.get_doccount());
    set_maxweight(0);
  }
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return m_max; }
  Xapian::doccount get_termfreq_max() const override { return m_max; }
  void next(double /*min_wt*/) override { m_at = m_at == 0 ? m_first : m_at + 1; }
  void skip_to(Xapian::docid did, double /*min_wt*/) override {
    m_at = std::max({m_at, did, m_first});
  }
  bool at_end() const override { return m_at > m_last; }
  Xapian::docid get_docid() const override { return m_at; }
  std::string get_description() const override {
    return "DocidPart(" + std::to_string(m_k) + "/" + std::to_string(m_n) + ")";
  }

 private:
  int m_k;
  int m_n;
  Xapian::docid m_first = 1;
  Xapian::docid m_last = 0;
  Xapian::docid m_at = 0;  // 0 before the first next() or skip_to()
  Xapian::doccount m_max = 0;
};

// Parts small enough that the thread done first takes over the rest: the calling thread
// ranks the page before it counts, and a part costs one Enquire (tens of microseconds).
constexpr int k_parts = 8;

void add(std::unordered_map<std::string, std::uint64_t>& into,
         const std::unordered_map<std::string, std::uint64_t>& from) {
  for (const auto& [name, n] : from) into[name] += n;
}

// Whether `query` is made only of terms joined by OR, AND, AND_NOT, FILTER (what most
// searches are): then its matches are a set algebra of posting lists (matches_of).
bool plain_terms(const Xapian::Query& query) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
    case Xapian::Query::LEAF_MATCH_ALL:
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return true;
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        if (!plain_terms(query.get_subquery(i))) return false;
      }
      return true;
    default:
      return false;
  }
}

// The matches of a plain_terms() query as a bitmap of document ids, read straight from the
// posting lists: none of the matcher's work per document (weights, a virtual call per
// sub-query and per spy), which was most of a broad query's counting.
using Bits = std::vector<std::uint64_t>;

Bits matches_of(const Xapian::Database& db, const Xapian::Query& query, std::size_t words) {
  Bits bits(words, 0);
  const auto postings = [&](const std::string& term) {
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
      bits[*p / 64] |= std::uint64_t{1} << (*p % 64);
    }
  };
  const auto sub = [&](std::size_t i) { return matches_of(db, query.get_subquery(i), words); };
  const std::size_t n = query.get_num_subqueries();
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM: postings(*query.get_terms_begin()); break;
    case Xapian::Query::LEAF_MATCH_ALL: postings(std::string()); break;  // every document
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
      bits = sub(0);
      for (std::size_t i = 1; i < n; ++i) {
        const Bits other = sub(i);
        for (std::size_t w = 0; w < words; ++w) bits[w] &= other[w];
      }
      break;
    case Xapian::Query::OP_AND_NOT:
      bits = sub(0);
      for (std::size_t i = 1; i < n; ++i) {
        const Bits other = sub(i);
        for (std::size_t w = 0; w < words; ++w) bits[w] &= ~other[w];
      }
      break;
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT: bits = sub(0); break;
    case Xapian::Query::LEAF_MATCH_NOTHING: break;
    default:  // OR, SYNONYM, MAX
      for (std::size_t i = 0; i < n; ++i) {
        const Bits other = sub(i);
        for (std::size_t w = 0; w < words; ++w) bits[w] |= other[w];
      }
  }
  return bits;
}

}  // namespace

FacetCounter::FacetCounter(const std::vector<Xapian::Database>& databases, bool remote,
                           const Xapian::Query& query, std::string today, std::string soon,
                           const FacetTable* table, const Xapian::Database* helper)
    : m_databases(databases),
      m_remote(remote),
      m_query(query),
      m_today(std::move(today)),
      m_soon(std::move(soon)),
      m_table(table) {
  m_from_postings = table != nullptr && !remote && databases.size() == 1 &&
                    databases.front().get_lastdocid() < table->documents() && plain_terms(query);
  if (helper == nullptr || remote || databases.size() != 1) return;
  // Xapian's objects are not shared between threads: the helper gets the query as text and
  // reads through its own handle. It counts from the start, while the caller ranks the page:
  // a plain_terms() query all alone, any other in parts shared with the caller (finish()).
  m_other = std::thread([this, helper, text = query.serialise()] {
    try {
      const Xapian::Query theirs = Xapian::Query::unserialise(text);
      if (m_from_postings) {
        count_postings(*helper, theirs, m_theirs);  // all of it, while the caller ranks
      } else {
        count_local(*helper, theirs, true, m_theirs);
      }
    } catch (...) {
      m_failure = std::current_exception();
    }
  });
}

FacetCounter::~FacetCounter() { stop(); }

void FacetCounter::stop() {
  m_next = k_parts;  // no more parts for anyone
  if (m_other.joinable()) m_other.join();
}

void FacetCounter::count_local(const Xapian::Database& db, const Xapian::Query& query,
                               bool in_parts, FacetCounts& counts) {
  FacetSpy fallback(counts, m_today, m_soon);
  std::optional<FacetTable::Spy> from_table;
  if (m_table != nullptr) from_table.emplace(*m_table, m_today, m_soon, fallback);
  Xapian::MatchSpy& spy = from_table ? static_cast<Xapian::MatchSpy&>(*from_table) : fallback;
  const auto run = [&](const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.add_matchspy(&spy);
    match_all(enquire, db);
  };
  if (!in_parts) run(query);
  for (int k = in_parts ? m_next++ : k_parts; k < k_parts; k = m_next++) {
    run(Xapian::Query(Xapian::Query::OP_FILTER, query,
                      Xapian::Query((new DocidPart(k, k_parts))->release())));
  }
  if (from_table) from_table->add_to(counts);
}

void FacetCounter::count_postings(const Xapian::Database& db, const Xapian::Query& query,
                                  FacetCounts& counts) const {
  const Bits bits = matches_of(db, query, db.get_lastdocid() / 64 + 1);
  FacetSpy unused(counts, m_today, m_soon);
  FacetTable::Spy spy(*m_table, m_today, m_soon, unused);
  for (std::size_t w = 0; w < bits.size(); ++w) {
    for (std::uint64_t word = bits[w]; word != 0; word &= word - 1) {
      spy.count(static_cast<Xapian::docid>(w * 64 + static_cast<unsigned>(std::countr_zero(word))));
    }
  }
  spy.add_to(counts);
}

FacetCounts FacetCounter::finish() {
  FacetCounts counts;
  if (m_remote) {
    for (const Xapian::Database& db : m_databases) {
      Xapian::Enquire enquire(db);
      enquire.set_query(m_query);
      StockSpies spies;
      spies.watch(enquire);
      const Xapian::doccount matches = match_all(enquire, db);
      spies.add_to(counts, matches, m_today, m_soon);
    }
    return counts;
  }
  if (m_from_postings && !m_other.joinable()) {
    count_postings(m_databases.front(), m_query, counts);
    return counts;
  }
  if (!m_other.joinable()) {
    for (const Xapian::Database& db : m_databases) count_local(db, m_query, false, counts);
    return counts;
  }
  if (!m_from_postings) {
    count_local(m_databases.front(), m_query, true, counts);  // on throwing, the destructor joins
  }
  stop();
  if (m_failure) std::rethrow_exception(m_failure);
  counts.total += m_theirs.total;
  add(counts.type, m_theirs.type);
  add(counts.year, m_theirs.year);
  add(counts.party, m_theirs.party);
  add(counts.office, m_theirs.office);
  for (std::size_t s = 0; s < counts.status.size(); ++s) counts.status[s] += m_theirs.status[s];
  return counts;
}

FacetCounts count_facets(const std::vector<Xapian::Database>& databases, bool remote,
                         const Xapian::Query& query, const std::string& today,
                         const std::string& soon, const FacetTable* table,
                         const Xapian::Database* helper) {
  return FacetCounter(databases, remote, query, today, soon, table, helper).finish();
}

}  // namespace naskah::search
