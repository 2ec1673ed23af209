#include "naskah/search/search.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

#include "facet_table.h"
#include "facets.h"
#include "family.h"
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

// Most frequent first; equal counts in alphabetical order.
Facet sorted_by_count(const std::unordered_map<std::string, std::uint64_t>& counts,
                      std::size_t keep) {
  // Ranks pointers, not copies: a broad search counts thousands of party names.
  using Entry = const std::pair<const std::string, std::uint64_t>*;
  std::vector<Entry> entries;
  entries.reserve(counts.size());
  for (const auto& entry : counts) entries.push_back(&entry);
  const auto before = [](Entry a, Entry b) {
    return a->second != b->second ? a->second > b->second : a->first < b->first;
  };
  const std::size_t kept = std::min(keep, entries.size());
  std::partial_sort(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(kept),
                    entries.end(), before);
  Facet facet;
  facet.reserve(kept);
  for (std::size_t i = 0; i < kept; ++i) facet.emplace_back(entries[i]->first, entries[i]->second);
  return facet;
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

// Where the first of `words` starts a word in `text`, ASCII case folded; npos if nowhere.
// The text is folded a piece at a time: the first match is usually in the first piece.
std::size_t first_word_at(const std::string& text, const std::vector<std::string>& words) {
  constexpr std::size_t k_piece = 2048;
  std::size_t longest = 0;
  for (const std::string& w : words) longest = std::max(longest, w.size());
  std::string lower;
  for (std::size_t start = 0; start < text.size(); start += k_piece) {
    // A piece reaches `longest` bytes further, so a word starting in it is seen whole.
    lower.assign(text, start, k_piece + longest);
    // By hand: the locale's tolower, a call per byte, was 4% of all searching.
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    }
    std::size_t first = std::string::npos;
    for (const std::string& w : words) {
      if (w.empty()) continue;
      for (std::size_t at = lower.find(w); at < k_piece && at < first; at = lower.find(w, at + 1)) {
        const std::size_t in_text = start + at;
        if (in_text == 0 || !std::isalnum(static_cast<unsigned char>(text[in_text - 1]))) {
          first = at;
          break;
        }
      }
    }
    if (first != std::string::npos) return start + first;
  }
  return std::string::npos;
}

// The part of a record's text worth a snippet: around the first place a query word
// starts, about a kilobyte. Xapian's snippet() tokenises and stems all it is given, which
// on whole agreements was most of a query's time.
std::string snippet_text(const std::string& text, const std::vector<std::string>& words) {
  const std::size_t first = first_word_at(text, words);
  // Enough around the match for snippet() to choose k_snippet_bytes from; it stems every
  // word it is given, so no more.
  constexpr std::size_t k_before = 160;
  constexpr std::size_t k_window = 720;
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
    : m_shards(std::vector<std::string>{index_dir}),
      m_shard_specs{index_dir},
      m_shard_list(std::move(index_dir)) {}

Searcher::Searcher(std::vector<std::string> shards, ShardOptions options)
    : m_shards(shards, options), m_shard_specs(shards), m_shard_options(options) {
  for (const std::string& shard : shards) m_shard_list += shard + '\n';
}

Result<Xapian::Database*> Searcher::database() {
  return m_shards.database();
}

const Xapian::Database* Searcher::helper_database() {
  if (m_shards.any_remote()) return nullptr;
  if (!m_helper) m_helper.emplace(m_shard_specs, m_shard_options);
  auto db = m_helper->database();
  // Both handles must read the same revisions, or the halves would not add up.
  if (!db || m_helper->state() != m_shards.state()) return nullptr;
  return *db;
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
      m_helper.reset();
    } catch (const Xapian::NetworkError& e) {
      // A remote shard went away mid-search: connect again, leaving out those that fail.
      if (n == k_attempts) {
        return fail(codes::k_index_unavailable,
                    std::string(what) + " failed: " + e.get_description());
      }
      m_shards.reconnect();
    } catch (const Xapian::Error& e) {
      return fail(codes::k_index_damaged, std::string(what) + " failed: " + e.get_description());
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

Result<std::uint64_t> Searcher::document_count() {
  return with_retries("counting documents", [&]() -> Result<std::uint64_t> {
    auto db = database();
    if (!db) return tl::unexpected(db.error());
    return (*db)->get_doccount();
  });
}

Result<bool> Searcher::contains(const std::string& id) {
  return with_retries("looking up a document", [&]() -> Result<bool> {
    auto db = database();
    if (!db) return tl::unexpected(db.error());
    return (*db)->term_exists(index::id_term(id));
  });
}

Result<std::optional<Family>> Searcher::family(const std::string& id, const std::string& today,
                                               int expiring_days) {
  return with_retries("reading a family", [&]() -> Result<std::optional<Family>> {
    auto db = database();
    if (!db) return tl::unexpected(db.error());
    return family_of(**db, id, today.empty() ? today_iso() : today, expiring_days);
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

  const bool remote = m_shards.any_remote();
  // A table serves one database: Xapian hands spies and key makers each shard's own ids.
  const std::shared_ptr<const FacetTable> table =
      m_facet_tables && !remote && m_shards.open_shards().size() == 1
          ? FacetTable::of(database, m_shard_list + m_shards.state())
          : nullptr;
  std::optional<FacetTable::TieKey> tie_key;
  if (table) tie_key.emplace(*table);

  Xapian::Enquire enquire(database);
  enquire.set_query(*parsed);
  switch (request.sort) {
    case Sort::relevance:
      // Equal scores in the order of the sha256, the same however the shards are arranged.
      if (tie_key) {
        enquire.set_sort_by_relevance_then_key(&*tie_key, false);
      } else {
        enquire.set_sort_by_relevance_then_value(index::slot::k_id, false);
      }
      break;
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
  // The counts come from a pass over every match (facets.h), on a large index begun on
  // another thread now, while this one ranks the page and makes its snippets.
  const std::vector<Xapian::Database> counted =
      remote ? m_shards.open_shards() : std::vector<Xapian::Database>{database};
  FacetCounter counter(
      counted, remote, *parsed, index::date_value(today),
      index::date_value(add_days(today, request.expiring_days)), table.get(),
      !remote && database.get_doccount() >= m_split_from ? helper_database() : nullptr);
  // The page: the matcher may stop early (weight bounds) once it knows the page cannot
  // change.
  const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                             static_cast<Xapian::doccount>(request.limit));
  Results results;
  results.query = request.query;
  results.offset = request.offset;
  results.limit = request.limit;
  results.today = today;
  results.warnings = m_shards.warnings();
  const std::vector<std::string> words = body_words(*parsed);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    auto record = index::record_of(it.get_document());
    if (!record) continue;
    Hit hit;
    hit.id = record->sha256;
    hit.rank = static_cast<int>(it.get_rank()) + 1;
    hit.score = it.get_percent() / 100.0;
    hit.status = status_of(record->effective_end(), today, request.expiring_days);
    // Without the background model: it looks up the frequency of every word of the text
    // in the index, which made snippets most of a query's time.
    hit.snippet = mset.snippet(snippet_text(record->text, words), k_snippet_bytes,
                               index::stemmer_for(record->language), 0, "<mark>", "</mark>", "…");
    record->text.clear();
    hit.record = std::move(*record);
    results.hits.push_back(std::move(hit));
  }

  const FacetCounts counts = counter.finish();
  results.total = counts.total;
  // Suggest a spelling only when the query as typed found nothing: a word the dictionary
  // lacks (a synonym, a name) is not a misspelling when it matches. (Only then: finding
  // corrections costs a look through the spelling table for every word.) And only a
  // spelling that finds something with the same filters: "kapal selam nuklir" is not
  // better read as "pasal selama nuklir" when that finds nothing either.
  if (results.total == 0) {
    Request respelled = request;
    respelled.query = corrected_query(m_shards.vocabulary(), request, today);
    if (!respelled.query.empty() && respelled.query != request.query) {
      auto query = build_query(m_shards.vocabulary(), database, respelled, today);
      if (query) {
        Xapian::Enquire probe(database);
        probe.set_query(*query);
        if (!probe.get_mset(0, 1).empty()) results.suggestion = respelled.query;
      }
    }
  }

  // Filters of one facet are alternatives (any of them): a facet a filter is set on is
  // counted without that filter, so that ticking "2021" keeps "2022" offered with the count
  // it would add. One more pass over the matches for each such facet.
  using Values = std::vector<std::string> Filters::*;
  const std::array<std::pair<const char*, Values>, 5> k_selectable{{{"doc_type", &Filters::type},
                                                                    {"year", &Filters::year},
                                                                    {"party", &Filters::party},
                                                                    {"status", &Filters::status},
                                                                    {"office", &Filters::office}}};
  std::map<std::string, FacetCounts> others;
  for (const auto& [facet, values] : k_selectable) {
    if ((request.filters.*values).empty()) continue;
    Request without = request;
    (without.filters.*values).clear();
    auto query = build_query(m_shards.vocabulary(), database, without, today);
    if (!query) continue;
    FacetCounter other(counted, remote, *query, index::date_value(today),
                       index::date_value(add_days(today, request.expiring_days)), table.get());
    others.emplace(facet, other.finish());
  }
  auto counts_for = [&](const char* facet) -> const FacetCounts& {
    const auto it = others.find(facet);
    return it == others.end() ? counts : it->second;
  };
  results.facets.emplace_back("doc_type", sorted_by_count(counts_for("doc_type").type, 50));
  const auto& year_counts = counts_for("year").year;
  const std::map<std::string, std::uint64_t> years(year_counts.begin(), year_counts.end());
  results.facets.emplace_back("year", Facet(years.rbegin(), years.rend()));  // newest first
  results.facets.emplace_back("party",
                              sorted_by_count(counts_for("party").party, k_party_facet_size));
  Facet status;
  const auto& status_counts = counts_for("status").status;
  for (std::size_t s = 0; s < k_statuses.size(); ++s) {
    if (status_counts[s] > 0) status.emplace_back(k_statuses[s], status_counts[s]);
  }
  results.facets.emplace_back("status", status);
  results.facets.emplace_back("office", sorted_by_count(counts_for("office").office, 50));
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
