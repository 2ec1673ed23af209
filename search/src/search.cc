#include "naskah/search/search.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>

#include "naskah/core/clock.h"
#include "naskah/index/document.h"
#include "naskah/index/schema.h"
#include "naskah/index/store.h"
#include "query.h"

namespace naskah::search {
namespace {

constexpr int k_max_limit = 1000;
constexpr std::size_t k_party_facet_size = 20;
constexpr std::size_t k_snippet_bytes = 240;

Facet sorted_by_count(std::map<std::string, std::uint64_t> counts, std::size_t keep) {
  Facet facet(counts.begin(), counts.end());
  std::stable_sort(facet.begin(), facet.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (facet.size() > keep) facet.resize(keep);
  return facet;
}

std::map<std::string, std::uint64_t> counts_of(const Xapian::ValueCountMatchSpy& spy) {
  std::map<std::string, std::uint64_t> counts;
  for (auto v = spy.values_begin(); v != spy.values_end(); ++v) counts[*v] += v.get_termfreq();
  return counts;
}

// The facets' counters: one stock ValueCountMatchSpy per value slot (they work through
// remote shards too). They add up over every match they are given.
struct Spies {
  Xapian::ValueCountMatchSpy type{index::slot::k_type};
  Xapian::ValueCountMatchSpy year{index::slot::k_year};
  Xapian::ValueCountMatchSpy end{index::slot::k_end};
  Xapian::ValueCountMatchSpy office{index::slot::k_office};
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> party;

  Spies() {
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
};

std::string value_to_iso(const std::string& yyyymmdd) {
  if (yyyymmdd.size() != 8) return {};
  return yyyymmdd.substr(0, 4) + "-" + yyyymmdd.substr(4, 2) + "-" + yyyymmdd.substr(6, 2);
}

// The plain words and stems the query looks for ("Zpelayan" -> "pelayan"; prefixed terms
// such as "XPlapas" belong to fields, not the body).
std::vector<std::string> body_words(const Xapian::Query& query) {
  std::vector<std::string> words;
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    std::string term = *t;
    if (term.size() > 1 && term[0] == 'Z' && std::islower(static_cast<unsigned char>(term[1]))) {
      term.erase(0, 1);
    }
    if (!term.empty() && !std::isupper(static_cast<unsigned char>(term[0]))) {
      words.push_back(std::move(term));
    }
  }
  return words;
}

// The part of a record's text worth a snippet: around the first place a query word
// starts, about a kilobyte. Xapian's snippet() tokenises and stems all it is given, which
// on whole agreements was most of a query's time.
std::string snippet_text(const std::string& text, const std::vector<std::string>& words) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  std::size_t first = std::string::npos;
  for (const std::string& w : words) {
    for (std::size_t at = lower.find(w); at != std::string::npos && at < first;
         at = lower.find(w, at + 1)) {
      if (at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1]))) {
        first = at;
        break;
      }
    }
  }
  constexpr std::size_t k_before = 300;
  constexpr std::size_t k_window = 1200;
  std::size_t begin = first == std::string::npos || first < k_before ? 0 : first - k_before;
  while (begin > 0 && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) --begin;
  std::size_t end = std::min(text.size(), begin + k_window);
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  std::string window = text.substr(begin, end - begin);
  std::replace(window.begin(), window.end(), '\f', '\n');
  return window;
}

}  // namespace

Result<Sort> parse_sort(const std::string& text) {
  if (text.empty() || text == "relevance" || text == "relevansi") return Sort::relevance;
  if (text == "signed" || text == "+signed") return Sort::signed_ascending;
  if (text == "-signed") return Sort::signed_descending;
  if (text == "end" || text == "+end") return Sort::end_ascending;
  return fail(codes::k_usage_invalid,
              "sort is one of relevance, signed, -signed, end; got '" + text + "'");
}

std::string status_of(const std::optional<std::string>& end_date, const std::string& today,
                      int expiring_days) {
  if (!end_date || index::date_value(*end_date).empty()) return "unknown";
  if (*end_date < today) return "expired";
  if (*end_date <= add_days(today, expiring_days)) return "expiring";
  return "active";
}

Searcher::Searcher(std::string index_dir)
    : m_shards(std::vector<std::string>{std::move(index_dir)}) {}

Searcher::Searcher(std::vector<std::string> shards, index::ShardOptions options)
    : m_shards(std::move(shards), options) {}

Result<Xapian::Database*> Searcher::database() {
  return m_shards.database();
}

template <typename F>
auto Searcher::with_retries(const char* what, F attempt) -> decltype(attempt()) {
  constexpr int k_attempts = 6;
  for (int n = 1;; ++n) {
    try {
      return attempt();
    } catch (const Xapian::DatabaseModifiedError&) {
      // The writer committed twice since we opened: the next attempt reads the newest.
      if (n == k_attempts) throw;
    } catch (const Xapian::DatabaseOpeningError&) {
      // The generation we had open was removed after a swap: open the live one.
      if (n == k_attempts) throw;
      m_shards.reset();
    } catch (const Xapian::NetworkError& e) {
      // A remote shard went away mid-search: connect again, leaving out those that fail.
      if (n == k_attempts) {
        return fail("index.unavailable", std::string(what) + " failed: " + e.get_description());
      }
      m_shards.reconnect();
    } catch (const Xapian::Error& e) {
      return fail("index.damaged", std::string(what) + " failed: " + e.get_description());
    }
  }
}

Result<std::string> Searcher::state() {
  return with_retries("reading the index state", [&]() -> Result<std::string> {
    auto db = database();
    if (!db) return tl::unexpected(db.error());
    return m_shards.state();
  });
}

Result<bool> Searcher::contains(const std::string& id) {
  return with_retries("looking up a document", [&]() -> Result<bool> {
    auto db = database();
    if (!db) return tl::unexpected(db.error());
    return (*db)->term_exists(index::id_term(id));
  });
}

Result<Results> Searcher::search(const Request& request) {
  if (request.offset < 0 || request.limit < 0 || request.limit > k_max_limit) {
    return fail(codes::k_usage_invalid,
                "offset must be 0 or more and limit 0.." + std::to_string(k_max_limit));
  }
  if (!request.today.empty() && index::date_value(request.today).empty()) {
    return fail(codes::k_usage_invalid, "today must be a date written 2025-01-31");
  }
  return with_retries("the search", [&] { return run(request); });
}

Result<Results> Searcher::run(const Request& request) {
  auto db = database();
  if (!db) return tl::unexpected(db.error());
  Xapian::Database& database = **db;
  const std::string today = request.today.empty() ? today_iso() : request.today;
  auto parsed = build_query(m_shards.vocabulary(), database, request, today);
  if (!parsed) return tl::unexpected(parsed.error());

  Xapian::Enquire enquire(database);
  enquire.set_query(parsed->query);
  switch (request.sort) {
    case Sort::relevance: enquire.set_sort_by_relevance_then_value(index::slot::k_id, false); break;
    case Sort::signed_ascending:
      enquire.set_sort_by_value_then_relevance(index::slot::k_signed, false);
      break;
    case Sort::signed_descending:
      enquire.set_sort_by_value_then_relevance(index::slot::k_signed, true);
      break;
    case Sort::end_ascending:
      enquire.set_sort_by_value_then_relevance(index::slot::k_end, false);
      break;
  }
  Spies spies;
  if (!m_shards.spies_per_shard()) spies.watch(enquire);
  // Exact counts: the matcher must look at every match, not stop at the page asked for.
  const Xapian::MSet mset =
      enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                       static_cast<Xapian::doccount>(request.limit), database.get_doccount());
  if (m_shards.spies_per_shard()) {
    for (const Xapian::Database& shard : m_shards.open_shards()) {
      Xapian::Enquire counting(shard);
      counting.set_query(parsed->query);
      counting.set_weighting_scheme(Xapian::BoolWeight());
      spies.watch(counting);
      counting.get_mset(0, 0, shard.get_doccount());
    }
  }
  Results results;
  results.query = request.query;
  results.offset = request.offset;
  results.limit = request.limit;
  results.today = today;
  results.warnings = m_shards.warnings();
  results.total = mset.get_matches_estimated();
  results.estimated = mset.get_matches_lower_bound() != mset.get_matches_upper_bound();
  // Suggest a spelling only when the query as typed found nothing: a word the dictionary
  // lacks (a synonym, a name) is not a misspelling when it matches.
  if (results.total == 0 && !parsed->corrected.empty() && parsed->corrected != request.query) {
    results.suggestion = parsed->corrected;
  }

  const std::vector<std::string> words = body_words(parsed->query);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    auto record = index::record_of(it.get_document());
    if (!record) continue;
    Hit hit;
    hit.id = record->sha256;
    hit.rank = static_cast<int>(it.get_rank()) + 1;
    hit.score = it.get_percent() / 100.0;
    hit.status = status_of(record->end_date, today, request.expiring_days);
    // Without the background model: it looks up the frequency of every word of the text
    // in the index, which made snippets most of a query's time.
    hit.snippet = mset.snippet(snippet_text(record->text, words), k_snippet_bytes,
                               index::stemmer_for(record->language), 0, "<mark>", "</mark>", "…");
    record->text.clear();
    hit.record = std::move(*record);
    results.hits.push_back(std::move(hit));
  }

  results.facets.emplace_back("doc_type", sorted_by_count(counts_of(spies.type), 50));
  Facet years;
  for (const auto& [year, n] : counts_of(spies.year)) years.emplace_back(year, n);
  std::reverse(years.begin(), years.end());
  results.facets.emplace_back("year", years);
  std::map<std::string, std::uint64_t> parties;
  for (const auto& spy : spies.party) {
    for (const auto& [name, n] : counts_of(*spy)) parties[name] += n;
  }
  results.facets.emplace_back("party", sorted_by_count(parties, k_party_facet_size));
  std::map<std::string, std::uint64_t> status;
  std::uint64_t with_end = 0;
  for (const auto& [end, n] : counts_of(spies.end)) {
    status[status_of(value_to_iso(end), today, request.expiring_days)] += n;
    with_end += n;
  }
  if (results.total > with_end) status["unknown"] += results.total - with_end;
  Facet status_facet;
  for (const char* s : {"active", "expiring", "expired", "unknown"}) {
    if (status.contains(s)) status_facet.emplace_back(s, status[s]);
  }
  results.facets.emplace_back("status", status_facet);
  results.facets.emplace_back("office", sorted_by_count(counts_of(spies.office), 50));
  return results;
}

nlohmann::ordered_json to_json(const Results& r) {
  nlohmann::ordered_json hits = nlohmann::ordered_json::array();
  for (const Hit& h : r.hits) {
    hits.push_back({{"id", h.id},
                    {"rank", h.rank},
                    {"score", h.score},
                    {"record", to_json(h.record, false)},
                    {"status", h.status},
                    {"snippet", h.snippet}});
  }
  nlohmann::ordered_json facets = nlohmann::ordered_json::object();
  for (const auto& [name, values] : r.facets) {
    nlohmann::ordered_json counts = nlohmann::ordered_json::object();
    for (const auto& [value, n] : values) counts[value] = n;
    facets[name] = counts;
  }
  nlohmann::ordered_json out = {
      {"query", r.query},
      {"total", r.total},
      {"estimated", r.estimated},
      {"offset", r.offset},
      {"limit", r.limit},
      {"suggestion", r.suggestion ? nlohmann::ordered_json(*r.suggestion) : nullptr},
      {"hits", hits},
      {"facets", facets},
      {"today", r.today}};
  if (!r.warnings.empty()) out["warnings"] = r.warnings;
  return out;
}

}  // namespace naskah::search
