// The design the index issue asks for, measured: term generation on several threads feeding
// one writer. Besides its speed, it measures how long the writer itself was busy: records
// divided by that time is the most any build with one Xapian writer can index, however fast
// its term generation (index_bench reports both).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "synthetic_agreements.h"

namespace naskah::bench {

struct OneWriter {
  int threads = 0;  // preparing
  std::size_t docs = 0;
  std::size_t words = 0;
  double seconds = 0;              // from the first record made to the database finished
  double writer_busy_seconds = 0;  // in Builder::add and Builder::finish
  std::string error;               // empty on success
};

// Records 0..docs-1, made and prepared on `threads` threads, added by this thread to a new
// database at `path` (removed at the end).
[[nodiscard]] OneWriter one_writer(const Corpus& corpus, std::size_t docs, int threads,
                                   const std::filesystem::path& path);

}  // namespace naskah::bench
