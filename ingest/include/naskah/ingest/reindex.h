// Reindex: a new index generation built from the archive's records, re-read by the current
// parser (and, with `ocr`, re-extracted from the originals), then swapped in atomically
// while searches go on. Term generation runs on several threads; one thread writes.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "naskah/core/data_dir.h"
#include "naskah/core/error.h"
#include "naskah/extract/extractor.h"

namespace naskah::ingest {

// The k-th (1-based) of n equal ranges of document ids (the first 8 hex digits of sha256).
struct Partition {
  int k = 1;
  int n = 1;
};
// Parses "k/n"; fails with usage.invalid when malformed or k is not in 1..n.
[[nodiscard]] Result<Partition> parse_partition(const std::string& text);
[[nodiscard]] bool in_partition(const std::string& sha256, const Partition& partition);

// The words of a text as reindex counts them (its words/s): runs of anything but white space.
[[nodiscard]] std::size_t word_count(std::string_view text);

struct ReindexOptions {
  DataDir data;                          // the data folder and its layout
  bool ocr = false;                      // extract the originals again instead of re-parsing
  std::optional<Partition> partition;    // only these ids
  std::optional<std::string> out;        // a standalone database here instead of a generation
  int threads = 0;                       // term generation threads; 0 = one per core
  std::chrono::milliseconds lock_timeout{60'000};
  extract::Options extract;              // for `ocr`
  std::uint64_t max_file_bytes = 256ull * 1024 * 1024;
  std::string today;                     // for the parser; empty = clock
  // Called from the writing thread after each document: (done, total).
  std::function<void(std::size_t, std::size_t)> progress;
};

struct ReindexStats {
  std::size_t documents = 0;  // indexed
  std::size_t failed = 0;     // records that could not be read (logged)
  std::size_t words = 0;      // words of text indexed
  double seconds = 0;
  std::string database;       // the new generation or output folder
};

[[nodiscard]] Result<ReindexStats> reindex(const ReindexOptions& options);

}  // namespace naskah::ingest
