// The search half of index_bench: a fixed list of queries over the synthetic agreements
// (words common and rare, phrases, operators, fields, ranges, filters, sort orders), timed
// through a Searcher with exact facets, warmed up and then k_search_rounds rounds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "naskah/search/search.h"
#include "synthetic_agreements.h"

namespace naskah::bench {

inline constexpr int k_search_rounds = 5;

struct BenchQuery {
  std::string label;
  search::Request request;
};

// The list for `docs` records of `corpus`: the same for the same records.
[[nodiscard]] std::vector<BenchQuery> bench_queries(const Corpus& corpus, std::size_t docs);

struct SearchFigures {
  bool facet_tables = false;
  double first_ms = 0;  // the warm-up's first query: opening, and making the facet table
  std::size_t queries = 0;
  std::size_t calls = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
  double mean_ms = 0;
  struct Query {
    std::string label;
    std::uint64_t hits = 0;
    double median_ms = 0;
    double max_ms = 0;
    bool estimated = false;
    std::string doc_types;  // the doc_type facet, "mou 12, pks 30": compared across runs
  };
  std::vector<Query> per_query;  // in the order of the list
  long peak_kb = 0;
  std::string error;
};

// `facet_tables`: as naskah serve searches (Searcher::keep_facet_tables), else as a one-off
// `naskah search` does. Prints the first five queries' counts from the warm-up.
[[nodiscard]] SearchFigures run_searches(const Corpus& corpus, std::size_t docs,
                                         search::Searcher& searcher, bool facet_tables);

void print_search(const SearchFigures& search);
// `full`: with each query's doc_type counts and whether its total was estimated.
[[nodiscard]] nlohmann::ordered_json search_json(const SearchFigures& search, bool full);

}  // namespace naskah::bench
