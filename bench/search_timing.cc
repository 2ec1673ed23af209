#include "search_timing.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "measure.h"

namespace naskah::bench {
namespace {

// The numbers of record `i` or of the next one that has any.
std::string number_near(const Corpus& corpus, std::size_t i, std::size_t docs) {
  for (std::size_t k = i % docs; k < docs; ++k) {
    const Synthetic s = make_record(k, corpus);
    if (!s.record.numbers.empty()) return s.record.numbers.front();
  }
  return "W13-HH.05.05-0001";
}

double percentile(std::vector<double> sorted, double q) {
  if (sorted.empty()) return 0;
  std::sort(sorted.begin(), sorted.end());
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

// "mou 12, pks 30, ...": the doc_type facet's counts, sorted by value.
std::string doc_type_counts(const search::Results& results) {
  std::vector<std::string> counts;
  for (const auto& [name, facet] : results.facets) {
    if (name != "doc_type") continue;
    for (const auto& [value, n] : facet) counts.push_back(value + " " + std::to_string(n));
  }
  std::sort(counts.begin(), counts.end());
  std::string text;
  for (const auto& count : counts) text += (text.empty() ? "" : ", ") + count;
  return text;
}

// The results of `query`, or an error for a failed search and for partial results: a shard
// left out would make the figures those of a smaller index.
Result<search::Results> search_whole(search::Searcher& searcher, const BenchQuery& query) {
  auto results = searcher.search(query.request);
  if (!results) {
    return fail(results.error().code, query.label + ": " + results.error().message);
  }
  if (!results->warnings.empty()) {
    return fail(codes::k_index_unavailable,
                query.label + ": a shard was left out: " + results->warnings.front());
  }
  return results;
}

void show_counts(const BenchQuery& query, const search::Results& results) {
  std::uint64_t sum = 0;
  std::string counts;
  for (const auto& [name, facet] : results.facets) {
    if (name != "doc_type") continue;
    for (const auto& [value, n] : facet) {
      counts += (counts.empty() ? "" : ", ") + value + " " + std::to_string(n);
      sum += n;
    }
  }
  std::printf("  %-28s total %7llu%s  doc_type: %s  (sum %llu%s)\n", query.label.c_str(),
              static_cast<unsigned long long>(results.total),
              results.estimated ? " (estimated)" : "", counts.c_str(),
              static_cast<unsigned long long>(sum),
              sum == results.total && !results.estimated ? " = total: exact" : " != total");
}

}  // namespace

std::vector<BenchQuery> bench_queries(const Corpus& corpus, std::size_t docs) {
  std::vector<BenchQuery> queries;
  auto add = [&](std::string label, search::Request request) {
    request.today = k_today;
    request.limit = 20;
    queries.push_back({std::move(label), std::move(request)});
  };
  // (Assigned, not designated initializers: -Wextra wants every member named in those.)
  auto filtered = [&](const std::string& label, const std::string& query, auto set_filters,
                      search::Sort sort = search::Sort::relevance) {
    search::Request request;
    request.query = query;
    set_filters(request.filters);
    request.sort = sort;
    add(label, std::move(request));
  };
  auto text = [&](const std::string& query) { filtered(query, query, [](auto&) {}); };
  const Vocabulary& id = corpus.indonesian;
  const auto& parties = corpus.parties;
  // The first five are shown with their counts.
  text("pemasyarakatan");
  text("pelayanan publik");
  text("\"hak asasi manusia\"");
  text("pihak:universitas");
  text("jenis:pks tahun:2021");
  // Single words: common, middling, rare (made-up words from the tail of the curve).
  for (const char* word : {"pembinaan", "anggaran", "rehabilitasi", "ditandatangani", "kahar",
                           "lembaga", "narkotika"}) {
    text(word);
  }
  for (std::size_t rank : {400, 1000, 2000, 3000, 3600, 3990}) text(id.at(rank));
  // Two or three words, AND by default; phrases; boolean operators; a wildcard; a typo.
  for (const char* query :
       {"pelatihan kerja", "jangka waktu berlaku", "anggaran biaya pelaksanaan",
        "kantor wilayah pendidikan", "\"perjanjian kerja sama\"", "\"jangka waktu\"",
        "\"pelayanan publik\" kesehatan", "kesehatan OR pendidikan", "pelatihan -narkotika",
        "pemasyarak*", "pemasyarakatn", "memorandum of understanding",
        "cooperation research exchange", "\"human rights\"", "kemenkumham", "lapas",
        "tentang:kesehatan"}) {
    text(query);
  }
  text(id.at(1500) + " " + id.at(2500));
  text(id.at(800) + " " + id.at(1200) + " " + id.at(60));
  // Fields, statuses and date ranges in the query language.
  text("pihak:\"" + parties[40] + "\"");
  text("pihak:\"" + parties[150] + "\" pelatihan");
  text("nomor:\"" + number_near(corpus, docs / 3, docs) + "\"");
  text("nomor:\"" + number_near(corpus, docs / 2 + 7, docs) + "\"");
  text("jenis:mou tahun:2019");
  text("jenis:addendum");
  text("tahun:2021");
  text("status:aktif");
  text("status:berakhir pembinaan");
  text("status:segera");
  text("signed:2020..2021");
  text("signed:2018-03..2018-09 pelayanan");
  text("end:2025..2026 jenis:pks");
  text("kantor:\"" + corpus.offices[3] + "\"");
  // The same through Request filters, and sorted by signing date.
  using search::Sort;
  using F = search::Filters;
  filtered("[type pks, year 2022] pelatihan", "pelatihan", [](F& f) {
    f.type = {"pks"};
    f.year = {"2022"};
  });
  filtered("[party] " + parties[7], "", [&](F& f) { f.party = {parties[7]}; });
  filtered("[party words] universitas negeri", "kerja sama",
           [](F& f) { f.party = {"universitas negeri"}; });
  filtered(
      "[status active] -signed", "pendidikan", [](F& f) { f.status = {"active"}; },
      Sort::signed_descending);
  filtered("[office] " + corpus.offices[11], "", [&](F& f) { f.office = {corpus.offices[11]}; });
  filtered("[signed 2018-03..2019-06] hukum", "hukum", [](F& f) {
    f.signed_from = "2018-03";
    f.signed_to = "2019-06";
  });
  filtered(
      "[type mou, addendum] -signed", "",
      [](F& f) {
        f.type = {"mou", "addendum"};
      },
      Sort::signed_descending);
  filtered("[status expired, expiring] kerja", "kerja", [](F& f) {
    f.status = {"expired", "expiring"};
  });
  filtered(
      "[everything] -signed", "", [](F&) {}, Sort::signed_descending);
  filtered(
      "[everything] end", "", [](F&) {}, Sort::end_ascending);
  filtered(
      "[year 2016] -signed kesehatan", "kesehatan", [](F& f) { f.year = {"2016"}; },
      Sort::signed_descending);
  return queries;
}

SearchFigures run_searches(const Corpus& corpus, std::size_t docs, search::Searcher& searcher,
                           bool facet_tables) {
  SearchFigures figures;
  figures.facet_tables = facet_tables;
  const std::vector<BenchQuery> queries = bench_queries(corpus, docs);
  searcher.keep_facet_tables(facet_tables);
  reset_peak_rss();
  std::printf("\nsearch%s: first queries, hits and doc_type facet (warm-up run)\n",
              facet_tables ? " with facet tables" : "");
  for (std::size_t q = 0; q < queries.size(); ++q) {
    const auto started = Clock::now();
    auto results = search_whole(searcher, queries[q]);
    if (q == 0) figures.first_ms = seconds_since(started) * 1000.0;
    if (!results) {
      figures.error = results.error().message;
      return figures;
    }
    if (q < 5) show_counts(queries[q], *results);
    figures.per_query.push_back(
        {queries[q].label, results->total, 0, 0, results->estimated, doc_type_counts(*results)});
  }
  std::vector<double> all;
  std::vector<std::vector<double>> per_query(queries.size());
  for (int round = 0; round < k_search_rounds; ++round) {
    for (std::size_t q = 0; q < queries.size(); ++q) {
      const auto started = Clock::now();
      const auto results = search_whole(searcher, queries[q]);
      const double ms = seconds_since(started) * 1000.0;
      if (!results) figures.error = results.error().message;
      all.push_back(ms);
      per_query[q].push_back(ms);
    }
  }
  for (std::size_t q = 0; q < queries.size(); ++q) {
    figures.per_query[q].median_ms = percentile(per_query[q], 0.5);
    figures.per_query[q].max_ms = percentile(per_query[q], 1.0);
  }
  figures.queries = queries.size();
  figures.calls = all.size();
  figures.p50_ms = percentile(all, 0.50);
  figures.p99_ms = percentile(all, 0.99);
  figures.max_ms = percentile(all, 1.0);
  for (const double ms : all) figures.mean_ms += ms / static_cast<double>(all.size());
  figures.peak_kb = peak_rss_kb();
  return figures;
}

void print_search(const SearchFigures& search) {
  std::printf("\nsearch%s: %zu queries x %d rounds = %zu calls, limit 20, exact facets\n",
              search.facet_tables ? " with facet tables (as naskah serve)" : " (as naskah search)",
              search.queries, k_search_rounds, search.calls);
  std::printf("  first query of the warm-up (opening the index%s): %.1f ms\n",
              search.facet_tables ? ", making the facet table" : "", search.first_ms);
  std::printf("  p50 %.2f ms   p99 %.2f ms   max %.2f ms   mean %.2f ms   peak %.0f MB\n",
              search.p50_ms, search.p99_ms, search.max_ms, search.mean_ms,
              mib_of_kb(search.peak_kb));
  std::printf("  %-52s %9s %10s %8s\n", "query", "hits", "median ms", "max ms");
  for (const auto& q : search.per_query) {
    std::printf("  %-52s %9llu %10.2f %8.2f\n", q.label.substr(0, 52).c_str(),
                static_cast<unsigned long long>(q.hits), q.median_ms, q.max_ms);
  }
}

nlohmann::ordered_json search_json(const SearchFigures& search, bool full) {
  nlohmann::ordered_json queries = nlohmann::ordered_json::array();
  for (const auto& q : search.per_query) {
    nlohmann::ordered_json one = {{"query", q.label}, {"hits", q.hits}};
    if (full) {
      one["estimated"] = q.estimated;
      one["doc_type"] = q.doc_types;
    }
    one["median_ms"] = q.median_ms;
    if (full) one["max_ms"] = q.max_ms;
    queries.push_back(one);
  }
  return {{"facet_tables", search.facet_tables},
          {"first_ms", search.first_ms},
          {"queries", search.queries},
          {"calls", search.calls},
          {"p50_ms", search.p50_ms},
          {"p99_ms", search.p99_ms},
          {"max_ms", search.max_ms},
          {"mean_ms", search.mean_ms},
          {"peak_rss_mb", mib_of_kb(search.peak_kb)},
          {"per_query", queries}};
}

}  // namespace naskah::bench
