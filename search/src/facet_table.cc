#include "facet_table.h"

#include <map>
#include <mutex>
#include <unordered_map>

#include "naskah/index/schema.h"

namespace naskah::search {
namespace {

static_assert(index::slot::k_party_slots == 4, "FacetTable::Row holds four parties");

// "20250131" -> 20250131; 0 for anything else.
std::uint32_t date_number(const std::string& value) {
  if (value.size() != 8) return 0;
  std::uint32_t n = 0;
  for (const char c : value) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return n;
}

// Gives each distinct value of a facet a small number, 0 being "no value".
class Interner {
 public:
  explicit Interner(std::vector<std::string>& names) : m_names(names) {}
  std::uint32_t operator()(const std::string& value) {
    if (value.empty()) return 0;
    auto [it, added] = m_codes.try_emplace(value, static_cast<std::uint32_t>(m_names.size()));
    if (added) m_names.push_back(value);
    return it->second;
  }

 private:
  std::vector<std::string>& m_names;
  std::unordered_map<std::string, std::uint32_t> m_codes;
};

template <typename Set>
void read_slot(const Xapian::Database& db, Xapian::valueno slot, Set set) {
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    set(it.get_docid(), *it);
  }
}

}  // namespace

std::uint64_t id_prefix(const std::string& sha256) {
  if (sha256.size() < 16) return 0;
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < 16; ++i) {
    const char c = sha256[i];
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (digit < 0) return 0;
    n = n << 4 | static_cast<std::uint64_t>(digit);
  }
  return n;
}

std::string tie_key(std::uint64_t id_prefix) {
  std::string key(8, '\0');
  for (int i = 7; i >= 0; --i, id_prefix >>= 8) {
    key[static_cast<std::size_t>(i)] = static_cast<char>(id_prefix & 0xFF);
  }
  return key;
}

FacetTable::FacetTable(const Xapian::Database& db) {
  m_rows.resize(static_cast<std::size_t>(db.get_lastdocid()) + 1);
  const auto fill = [&](Xapian::valueno slot, std::vector<std::string>& names, auto field) {
    Interner intern(names);
    read_slot(db, slot, [&](Xapian::docid id, const std::string& value) {
      if (id < m_rows.size()) field(m_rows[id]) = intern(value);
    });
  };
  fill(index::slot::k_type, m_types, [](Row& r) -> std::uint32_t& { return r.type; });
  fill(index::slot::k_year, m_years, [](Row& r) -> std::uint32_t& { return r.year; });
  fill(index::slot::k_office, m_offices, [](Row& r) -> std::uint32_t& { return r.office; });
  read_slot(db, index::slot::k_end, [&](Xapian::docid id, const std::string& value) {
    if (id < m_rows.size()) m_rows[id].end = date_number(value);
  });
  read_slot(db, index::slot::k_id, [&](Xapian::docid id, const std::string& value) {
    if (id < m_rows.size()) m_rows[id].id = id_prefix(value);
  });
  Interner parties(m_parties);
  for (int i = 0; i < index::slot::k_party_slots; ++i) {
    read_slot(db, index::slot::k_party_first + static_cast<Xapian::valueno>(i),
              [&](Xapian::docid id, const std::string& value) {
                if (id < m_rows.size()) m_rows[id].party[i] = parties(value);
              });
  }
}

std::shared_ptr<const FacetTable> FacetTable::of(const Xapian::Database& db,
                                                 const std::string& key) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const FacetTable>> tables;
  static std::vector<std::string> order;  // oldest first
  constexpr std::size_t k_kept = 2;  // the live state, and the one before while it goes
  {
    const std::lock_guard lock(mutex);
    if (auto it = tables.find(key); it != tables.end()) return it->second;
  }
  // Made outside the lock: two threads may both make the first table of a new state, but
  // no search waits for another's table.
  auto table = std::make_shared<const FacetTable>(db);
  const std::lock_guard lock(mutex);
  auto [it, added] = tables.try_emplace(key, table);
  if (added) {
    order.push_back(key);
    if (order.size() > k_kept) {
      tables.erase(order.front());
      order.erase(order.begin());
    }
  }
  return it->second;
}

FacetTable::Spy::Spy(const FacetTable& table, const std::string& today, const std::string& soon,
                     Xapian::MatchSpy& fallback)
    : m_table(table),
      m_fallback(fallback),
      m_today(date_number(today)),
      m_soon(date_number(soon)),
      m_type(table.m_types.size()),
      m_year(table.m_years.size()),
      m_office(table.m_offices.size()),
      m_party(table.m_parties.size()) {}

void FacetTable::Spy::operator()(const Xapian::Document& doc, double weight) {
  const Xapian::docid id = doc.get_docid();
  if (id >= m_table.m_rows.size()) return m_fallback(doc, weight);
  count(id);
}

void FacetTable::Spy::count(Xapian::docid id) {
  const Row& row = m_table.m_rows[id];
  ++m_total;
  ++m_type[row.type];
  ++m_year[row.year];
  ++m_office[row.office];
  for (const std::uint32_t party : row.party) ++m_party[party];
  ++m_status[row.end == 0 ? 3 : row.end < m_today ? 2 : row.end <= m_soon ? 1 : 0];
}

std::string FacetTable::TieKey::operator()(const Xapian::Document& doc) const {
  const Xapian::docid id = doc.get_docid();
  if (id < m_table.m_rows.size() && m_table.m_rows[id].id != 0) {
    return tie_key(m_table.m_rows[id].id);
  }
  return tie_key(id_prefix(doc.get_value(index::slot::k_id)));
}

namespace {

void add(std::unordered_map<std::string, std::uint64_t>& into,
         const std::vector<std::uint64_t>& counts, const std::vector<std::string>& names) {
  for (std::size_t code = 1; code < counts.size(); ++code) {
    if (counts[code] > 0) into[names[code]] += counts[code];
  }
}

}  // namespace

void FacetTable::Spy::add_to(FacetCounts& counts) const {
  counts.total += m_total;
  add(counts.type, m_type, m_table.m_types);
  add(counts.year, m_year, m_table.m_years);
  add(counts.office, m_office, m_table.m_offices);
  add(counts.party, m_party, m_table.m_parties);
  for (std::size_t s = 0; s < m_status.size(); ++s) counts.status[s] += m_status[s];
}

}  // namespace naskah::search
