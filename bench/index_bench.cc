// Index benchmark (not a test: neither ctest nor CI runs it). How fast naskah indexes and
// searches a large archive, on synthetic agreements that look like the real ones.
//
//   index_bench WORK_DIR [--docs N] [--words W] [--threads T] [--text-dir DIR]
//
//   1. generates N records deterministically (about W = 1,500 words each, Indonesian, ~10%
//      English, words Zipf-distributed over a few thousand) and writes them as an archive
//      under WORK_DIR/data, and each text as DIR/<i>.txt (default WORK_DIR/text) for omindex;
//   2. indexes them from memory into WORK_DIR/index-direct the way reindex does: each of T
//      threads runs index::prepare and adds to an index::Builder part of its own, and the
//      parts are merged; then, on the first 10,000 records, one writer fed by T-1 preparing
//      threads, timing how busy the writer is (bench/one_writer.h);
//   3. runs ingest::reindex on WORK_DIR/data (loads and re-parses every archived record);
//   4. times a fixed list of queries (warmed up, then 5 rounds) on the new generation;
//   5. prints sizes, peak memory, a table and, last, one JSON line with every figure.
// Records are made again from their number whenever needed, so memory stays flat whatever N.
// bench/index_bench.sh runs it next to omindex on the same texts.
//
// Two partial runs serve bench/shard_bench.sh, which reindexes and serves shards itself:
// --archive-only does step 1 without the texts; --search-only [--shards LIST] does step 4
// alone, on WORK_DIR/data/index or on the shards, and prints each query's total so that two
// runs over the same records can be compared.
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "measure.h"
#include "naskah/core/record.h"
#include "naskah/core/sha256.h"
#include "naskah/index/document.h"
#include "naskah/index/store.h"
#include "naskah/ingest/archive.h"
#include "naskah/ingest/pipeline.h"
#include "naskah/ingest/reindex.h"
#include "naskah/search/search.h"
#include "one_writer.h"
#include "search_timing.h"
#include "synthetic_agreements.h"

namespace {

namespace fs = std::filesystem;
using namespace naskah::bench;  // the corpus, measuring, the search timings
using naskah::ingest::word_count;

// Now and then, on stderr, how far a long phase is and the memory it holds.
// Counts arrive sampled or in jumps, so a line is printed on crossing each tenth; `shown`
// is the caller's count at the last line.
void progress(const char* phase, std::size_t done, std::size_t total, Clock::time_point started,
              std::size_t& shown) {
  const std::size_t step = std::max<std::size_t>(total / 10, 1000);
  if (done / step == shown / step && done != total) return;
  shown = done;
  const double seconds = seconds_since(started);
  std::fprintf(stderr, "  %s: %zu/%zu records, %.0f s, %.1f/s, resident %.0f MB\n", phase, done,
               total, seconds, per_second(done, seconds), mib_of_kb(status_kb("VmRSS:")));
}

// ---- the phases ------------------------------------------------------------------------------

struct Config {
  fs::path work_dir;
  fs::path text_dir;  // empty: no texts (--archive-only)
  std::size_t docs = 100'000;
  std::size_t words = k_default_words;
  int threads = 1;
  bool archive_only = false;
  bool search_only = false;
  std::vector<std::string> shards;  // --search-only: empty = WORK_DIR/data/index
};

struct Phase {
  std::size_t docs = 0;
  std::size_t words = 0;
  double seconds = 0;
  double finish_seconds = 0;  // direct indexing: merging the parts, Builder::finish
  double add_seconds = 0;     // direct indexing: writing the parts, all threads at once
  long peak_kb = 0;
  std::string error;  // empty on success
};

// A thread pool over record numbers 0..n-1: `work(i)` for each, `threads` at a time.
template <typename Work>
void for_each_record(std::size_t n, int threads, Work work) {
  std::atomic<std::size_t> next{0};
  std::vector<std::jthread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (std::size_t i = next++; i < n; i = next++) work(i);
    });
  }
}

// Writes the archive and, unless text_dir is empty, the text files. Writing is mostly waiting for
// fsync (every archive write is made durable), so it runs more threads than cores.
Phase write_corpus(const Corpus& corpus, const Config& config) {
  naskah::ingest::Archive archive(naskah::DataDir{(config.work_dir / "data").string()}.archive());
  const nlohmann::json provenance = naskah::ingest::provenance(naskah::extract::Options{});
  if (!config.text_dir.empty()) fs::create_directories(config.text_dir);
  std::atomic<std::size_t> words{0};
  std::mutex error_mutex;
  Phase phase;
  reset_peak_rss();
  const auto started = Clock::now();
  for_each_record(config.docs, std::max(8, config.threads), [&](std::size_t i) {
    const Synthetic s = make_record(i, corpus);
    words += word_count(s.record.text);
    auto stored = archive.store_original(s.record.sha256, s.pdf, "application/pdf");
    if (stored) stored = archive.store_record(s.record, provenance);
    if (!config.text_dir.empty()) {
      std::ofstream(config.text_dir / (std::to_string(i) + ".txt"), std::ios::binary)
          << s.record.text;
    }
    if (!stored) {
      const std::lock_guard lock(error_mutex);
      phase.error = stored.error().message + " (" + stored.error().where + ")";
    }
  });
  phase.seconds = seconds_since(started);
  phase.docs = config.docs;
  phase.words = words;
  phase.peak_kb = peak_rss_kb();
  return phase;
}

// Seconds to make one record, on one thread: the share of the direct indexing time that
// is this benchmark's own work rather than naskah's.
double generation_seconds_per_record(const Corpus& corpus, std::size_t docs) {
  const std::size_t sample = std::min<std::size_t>(docs, 500);
  const auto started = Clock::now();
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < sample; ++i) bytes += make_record(i, corpus).record.text.size();
  return bytes > 0 ? seconds_since(started) / static_cast<double>(sample) : 0;
}

// The records straight from memory into a database, the way reindex writes: each thread
// generates terms and writes its own part, and the parts are merged by compaction.
Phase index_direct(const Corpus& corpus, const Config& config) {
  Phase phase;
  auto builder = naskah::index::Builder::standalone((config.work_dir / "index-direct").string());
  if (!builder) {
    phase.error = builder.error().message;
    return phase;
  }
  const int threads = std::max(1, config.threads);
  std::vector<naskah::index::Builder> parts;
  for (int t = 0; t < threads; ++t) {
    auto part = builder->make_part(t + 1);
    if (!part) {
      phase.error = part.error().message;
      return phase;
    }
    parts.push_back(std::move(*part));
  }
  std::atomic<std::size_t> words{0};
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> added{0};
  std::mutex error_mutex;
  reset_peak_rss();
  const auto started = Clock::now();
  {
    std::vector<std::jthread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        naskah::index::Builder& part = parts[static_cast<std::size_t>(t)];
        for (std::size_t i = next++; i < config.docs; i = next++) {
          const Synthetic s = make_record(i, corpus);
          words += word_count(s.record.text);
          try {
            part.add(naskah::index::prepare(s.record));
            ++added;
          } catch (const Xapian::Error& e) {
            const std::lock_guard lock(error_mutex);
            phase.error = e.get_description();
          }
        }
      });
    }
    std::size_t shown = 0;
    for (std::size_t seen = 0; seen < config.docs;) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      const std::size_t now = added.load();
      if (now != seen) progress("direct", now, config.docs, started, shown);
      seen = now;
      const std::lock_guard lock(error_mutex);
      if (!phase.error.empty()) break;
    }
  }
  phase.docs = added;
  phase.add_seconds = seconds_since(started);
  const auto finishing = Clock::now();
  if (auto merged = builder->merge(parts); !merged && phase.error.empty()) {
    phase.error = merged.error().message;
  }
  if (auto finished = builder->finish(nullptr); !finished && phase.error.empty()) {
    phase.error = finished.error().message;
  }
  phase.finish_seconds = seconds_since(finishing);
  phase.seconds = seconds_since(started);
  phase.words = words;
  phase.peak_kb = peak_rss_kb();
  return phase;
}

Phase run_reindex(const Config& config) {
  naskah::ingest::ReindexOptions options;
  options.data = naskah::DataDir{(config.work_dir / "data").string()};
  options.threads = config.threads;
  options.today = k_today;
  const auto started = Clock::now();
  std::size_t shown = 0;
  options.progress = [&](std::size_t done, std::size_t total) {
    progress("reindex", done, total, started, shown);
  };
  Phase phase;
  reset_peak_rss();
  const auto stats = naskah::ingest::reindex(options);
  phase.peak_kb = peak_rss_kb();
  if (!stats) {
    phase.error = stats.error().message + " (" + stats.error().code + ")";
    return phase;
  }
  phase.docs = stats->documents;
  phase.words = stats->words;
  phase.seconds = stats->seconds;
  if (stats->failed > 0) phase.error = std::to_string(stats->failed) + " records failed";
  return phase;
}

// ---- searching (search_timing.h) --------------------------------------------------------------

naskah::search::Searcher open_searcher(const Config& config) {
  if (config.shards.empty()) {
    return naskah::search::Searcher(naskah::DataDir{(config.work_dir / "data").string()}.index());
  }
  return naskah::search::Searcher(config.shards, naskah::index::ShardOptions{});
}

// The timed searches (search_timing.h) on WORK_DIR's index or on --shards.
SearchFigures time_searches(const Corpus& corpus, const Config& config, bool facet_tables) {
  naskah::search::Searcher searcher = open_searcher(config);
  return run_searches(corpus, config.docs, searcher, facet_tables);
}

// ---- report ----------------------------------------------------------------------------------

struct Sizes {
  std::uint64_t archive = 0;
  std::uint64_t text = 0;
  std::uint64_t direct = 0;
  std::uint64_t generation = 0;
  std::string generation_path;
};

Sizes measure_sizes(const Config& config) {
  Sizes sizes;
  const std::string data = (config.work_dir / "data").string();
  sizes.archive = disk_usage(naskah::DataDir{data}.archive());
  sizes.text = disk_usage(config.text_dir);
  sizes.direct = disk_usage(config.work_dir / "index-direct");
  sizes.generation_path = naskah::index::live_generation(naskah::DataDir{data}.index());
  if (!sizes.generation_path.empty()) sizes.generation = disk_usage(sizes.generation_path);
  return sizes;
}

void print_phase(const char* name, const Phase& p) {
  std::printf("%-34s %8zu %9.1f %9.1f %11.0f %8.0f\n", name, p.docs, p.seconds,
              per_second(p.docs, p.seconds), per_second(p.words, p.seconds), mib_of_kb(p.peak_kb));
}

nlohmann::ordered_json phase_json(const Phase& p) {
  return {{"docs", p.docs},
          {"words", p.words},
          {"seconds", p.seconds},
          {"docs_per_s", per_second(p.docs, p.seconds)},
          {"words_per_s", per_second(p.words, p.seconds)},
          {"peak_rss_mb", mib_of_kb(p.peak_kb)}};
}

struct Report {
  Config config;
  Phase corpus;
  double generation_ms = 0;  // per record, one thread
  Phase direct;
  naskah::bench::OneWriter one_writer;
  Phase reindex;
  SearchFigures search;
  SearchFigures search_tables;
  Sizes sizes;
  long peak_kb = 0;
};

void print_report(const Report& r) {
  std::printf("\n%-34s %8s %9s %9s %11s %8s\n", "phase", "docs", "seconds", "docs/s", "words/s",
              "peak MB");
  print_phase("generate + write archive & texts", r.corpus);
  print_phase("index direct (prepare + Builder)", r.direct);
  print_phase("reindex (load + parse + index)", r.reindex);
  // Where the direct time goes: the parts written in parallel, then the serial merge
  // (compaction) and finish (near duplicates, commit).
  std::printf(
      "  direct: writing the parts %.1f s, merging them and Builder::finish %.1f s;\n"
      "          making the records, %.2f ms each on one thread, is included\n",
      r.direct.add_seconds, r.direct.finish_seconds, r.generation_ms);
  const auto& one = r.one_writer;
  std::printf(
      "  one writer fed by %d preparing threads, the first %zu records: %.1f s, %.1f docs/s,\n"
      "          %.0f words/s; the writer was busy %.1f s of it: no build with one writer\n"
      "          indexes more than %.0f words/s here\n",
      one.threads, one.docs, one.seconds, per_second(one.docs, one.seconds),
      per_second(one.words, one.seconds), one.writer_busy_seconds,
      per_second(one.words, one.writer_busy_seconds));
  print_search(r.search);
  print_search(r.search_tables);
  std::printf("\non disk                              MB\n");
  std::printf("  archive (data/archive)      %10.1f\n", mib(r.sizes.archive));
  std::printf("  texts for omindex           %10.1f\n", mib(r.sizes.text));
  std::printf("  index-direct                %10.1f\n", mib(r.sizes.direct));
  std::printf("  reindex generation          %10.1f  (%s)\n", mib(r.sizes.generation),
              r.sizes.generation_path.c_str());
  std::printf("\npeak resident memory of the whole run: %.0f MB\n", mib_of_kb(r.peak_kb));
}

nlohmann::ordered_json report_json(const Report& r) {
  return {
      {"bench", "index_bench"},
      {"docs", r.config.docs},
      {"threads", r.config.threads},
      {"xapian_flush_threshold",
       std::getenv("XAPIAN_FLUSH_THRESHOLD") ? std::getenv("XAPIAN_FLUSH_THRESHOLD") : ""},
      {"cores", std::thread::hardware_concurrency()},
      {"words", r.corpus.words},
      {"corpus", phase_json(r.corpus)},
      {"generation_ms_per_record", r.generation_ms},
      {"direct", phase_json(r.direct)},
      {"direct_add_seconds", r.direct.add_seconds},
      {"direct_finish_seconds", r.direct.finish_seconds},
      {"one_writer",
       {{"docs", r.one_writer.docs},
        {"seconds", r.one_writer.seconds},
        {"words_per_s", per_second(r.one_writer.words, r.one_writer.seconds)},
        {"writer_busy_seconds", r.one_writer.writer_busy_seconds},
        {"writer_words_per_s", per_second(r.one_writer.words, r.one_writer.writer_busy_seconds)}}},
      {"reindex", phase_json(r.reindex)},
      {"search", search_json(r.search, false)},
      {"search_facet_tables", search_json(r.search_tables, false)},
      {"disk_mb",
       {{"archive", mib(r.sizes.archive)},
        {"text", mib(r.sizes.text)},
        {"index_direct", mib(r.sizes.direct)},
        {"generation", mib(r.sizes.generation)}}},
      {"peak_rss_mb", mib_of_kb(r.peak_kb)}};
}

// ---- main ------------------------------------------------------------------------------------

constexpr const char* k_usage =
    "usage: index_bench WORK_DIR [--docs N] [--words W] [--threads T] [--text-dir DIR]\n"
    "       index_bench WORK_DIR --archive-only [--docs N] [--words W] [--threads T]\n"
    "       index_bench WORK_DIR --search-only [--docs N] [--words W] [--shards LIST]\n"
    "  N: records (default 100000); W: words per record aimed at (default 1500; below ~300\n"
    "  records hold only their heading, opening and closing, ~250 words, and no body text);\n"
    "  T: threads preparing documents (default: one per core); DIR: where the texts go for\n"
    "  omindex (default WORK_DIR/text). WORK_DIR must not hold data/, index-direct/ or texts\n"
    "  from an earlier run.\n"
    "  --archive-only: only write the records into WORK_DIR/data's archive (no texts).\n"
    "  --search-only: only time the queries (the same list for the same N and W) on\n"
    "  WORK_DIR/data/index, or on LIST: shards separated by commas (folders, tcp://HOST:PORT).\n";

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> items;
  for (std::size_t from = 0; from <= text.size();) {
    const std::size_t to = std::min(text.find(',', from), text.size());
    if (to > from) items.push_back(text.substr(from, to - from));
    from = to + 1;
  }
  return items;
}

std::optional<Config> parse_args(int argc, char** argv) {
  Config config;
  config.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    for (std::size_t k = 0; k < args.size(); ++k) {
      const bool has_value = k + 1 < args.size();
      if (args[k] == "--docs" && has_value) {
        config.docs = std::stoul(args[++k]);
      } else if (args[k] == "--words" && has_value) {
        config.words = std::stoul(args[++k]);
      } else if (args[k] == "--archive-only") {
        config.archive_only = true;
      } else if (args[k] == "--search-only") {
        config.search_only = true;
      } else if (args[k] == "--shards" && has_value) {
        config.shards = split_commas(args[++k]);
      } else if (args[k] == "--threads" && has_value) {
        config.threads = std::max(1, std::stoi(args[++k]));
      } else if (args[k] == "--text-dir" && has_value) {
        config.text_dir = args[++k];
      } else if (config.work_dir.empty() && !args[k].starts_with("-")) {
        config.work_dir = args[k];
      } else {
        return std::nullopt;
      }
    }
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (config.work_dir.empty() || config.docs == 0 || config.words == 0) return std::nullopt;
  if (config.archive_only && config.search_only) return std::nullopt;
  if (!config.shards.empty() && !config.search_only) return std::nullopt;
  if (config.text_dir.empty() && !config.archive_only) config.text_dir = config.work_dir / "text";
  return config;
}

bool used(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir, ec) && !fs::is_empty(dir, ec);
}

// --archive-only: the records in WORK_DIR/data's archive, for a reindex run from outside.
int run_archive_only(const Config& config, const Corpus& corpus) {
  std::printf("index_bench: writing %zu records of about %zu words into %s, %u cores...\n",
              config.docs, config.words, (config.work_dir / "data").c_str(),
              std::thread::hardware_concurrency());
  std::fflush(stdout);
  const Phase written = write_corpus(corpus, config);
  if (!written.error.empty()) {
    std::fprintf(stderr, "index_bench: writing the archive: %s\n", written.error.c_str());
    return 1;
  }
  const auto archive =
      mib(disk_usage(naskah::DataDir{(config.work_dir / "data").string()}.archive()));
  std::printf("\n%-34s %8s %9s %9s %11s %8s\n", "phase", "docs", "seconds", "docs/s", "words/s",
              "peak MB");
  print_phase("generate + write archive", written);
  std::printf("archive: %.1f MB\n", archive);
  nlohmann::ordered_json json = {{"bench", "index_bench"}, {"mode", "archive"}};
  json["docs"] = config.docs;
  json["words_per_record"] = config.words;
  json["words"] = written.words;
  json["corpus"] = phase_json(written);
  json["disk_mb"] = {{"archive", archive}};
  std::printf("%s\n", json.dump().c_str());
  return 0;
}

// --search-only: the query timings on an index made elsewhere, with each query's total and
// doc_type counts, so that runs on the same records can be checked against each other.
int run_search_only(const Config& config, const Corpus& corpus) {
  std::string where = (config.work_dir / "data" / "index").string();
  if (!config.shards.empty()) {
    where.clear();
    for (const auto& shard : config.shards) where += (where.empty() ? "" : ", ") + shard;
  }
  std::printf("index_bench: searching %zu records of about %zu words in %s\n", config.docs,
              config.words, where.c_str());
  const SearchFigures search = time_searches(corpus, config, false);
  if (!search.error.empty()) {
    std::fprintf(stderr, "index_bench: search: %s\n", search.error.c_str());
    return 1;
  }
  print_search(search);
  nlohmann::ordered_json json = {{"bench", "index_bench"},  {"mode", "search"},
                                 {"docs", config.docs},     {"words_per_record", config.words},
                                 {"shards", config.shards}, {"search", search_json(search, true)}};
  // Facet tables are made of local databases only: over remote shards they change nothing.
  if (config.shards.empty()) {
    const SearchFigures tables = time_searches(corpus, config, true);
    if (!tables.error.empty()) {
      std::fprintf(stderr, "index_bench: search: %s\n", tables.error.c_str());
      return 1;
    }
    print_search(tables);
    json["search_facet_tables"] = search_json(tables, true);
  }
  std::printf("%s\n", json.dump().c_str());
  return 0;
}

int run(const Config& config) {
  if (config.search_only) return run_search_only(config, make_corpus(config.words));
  for (const fs::path& dir :
       {config.work_dir / "data", config.work_dir / "index-direct", config.text_dir}) {
    if (used(dir)) {
      std::fprintf(stderr, "index_bench: %s is not empty; give a new WORK_DIR\n", dir.c_str());
      return 2;
    }
  }
  const Corpus corpus = make_corpus(config.words);
  if (config.archive_only) return run_archive_only(config, corpus);
  std::printf(
      "index_bench: %zu records, %d threads, %u cores, vocabulary %zu id + %zu en words, "
      "%zu parties, %zu offices\n",
      config.docs, config.threads, std::thread::hardware_concurrency(), corpus.indonesian.size(),
      corpus.english.size(), corpus.parties.size(), corpus.offices.size());
  // Xapian holds added documents in memory until a commit: naskah's builder commits by
  // volume, before Xapian's own threshold (XAPIAN_FLUSH_THRESHOLD, 10000 documents).
  const char* flush = std::getenv("XAPIAN_FLUSH_THRESHOLD");
  std::printf("a build commits every %zu word positions; XAPIAN_FLUSH_THRESHOLD=%s\n",
              naskah::index::Builder::k_positions_per_batch, flush ? flush : "(unset)");
  Report report;
  report.config = config;
  report.generation_ms = generation_seconds_per_record(corpus, config.docs) * 1000.0;
  auto check = [&](const std::string& phase, const std::string& error) {
    if (error.empty()) return true;
    std::fprintf(stderr, "index_bench: %s: %s\n", phase.c_str(), error.c_str());
    return false;
  };
  std::printf("writing the archive and texts...\n");
  std::fflush(stdout);
  report.corpus = write_corpus(corpus, config);
  if (!check("writing the archive", report.corpus.error)) return 1;
  std::printf("indexing directly...\n");
  std::fflush(stdout);
  report.direct = index_direct(corpus, config);
  if (!check("direct indexing", report.direct.error)) return 1;
  // The writer on a core of its own, the other threads preparing.
  const int preparing = std::max(1, config.threads - 1);
  std::printf("one writer fed by %d threads...\n", preparing);
  std::fflush(stdout);
  report.one_writer = naskah::bench::one_writer(corpus, std::min<std::size_t>(config.docs, 10'000),
                                                preparing, config.work_dir / "one-writer");
  if (!check("one writer", report.one_writer.error)) return 1;
  std::printf("reindexing the archive...\n");
  std::fflush(stdout);
  report.reindex = run_reindex(config);
  if (!check("reindex", report.reindex.error)) return 1;
  report.search = time_searches(corpus, config, false);
  report.search_tables = time_searches(corpus, config, true);
  if (!check("search", report.search.error)) return 1;
  report.sizes = measure_sizes(config);
  report.peak_kb = std::max({max_rss_kb(), report.corpus.peak_kb, report.direct.peak_kb,
                             report.reindex.peak_kb, report.search.peak_kb});
  print_report(report);
  std::printf("%s\n", report_json(report).dump().c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const auto config = parse_args(argc, argv);
  if (!config) {
    std::fputs(k_usage, stderr);
    return 2;
  }
  try {
    return run(*config);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "index_bench: %s\n", e.what());
    return 1;
  }
}
