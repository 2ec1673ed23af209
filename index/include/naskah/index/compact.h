// Compaction (naskah compact): shards merged into one database with Xapian's compaction —
// the partitions of a reindex split over machines (reindex --partition k/n --out DIR), or
// the shards of several ingest nodes. A document found in more than one shard is kept once.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "naskah/core/error.h"

namespace naskah::index {

struct Compaction {
  // Index folders (their live generation) or database folders; remote shards cannot be
  // compacted here (their folders are elsewhere).
  std::vector<std::string> shards;
  // Where the result goes: a new standalone database folder, or (install) a new generation
  // of this index folder, swapped in while searches go on.
  std::string into;
  bool install = false;
  std::chrono::milliseconds lock_timeout{60'000};  // waiting for the index's writer (install)
};

struct Compacted {
  std::uint64_t documents = 0;
  std::uint64_t duplicates_dropped = 0;
  std::string database;  // the folder written
};

// Fails with usage.invalid for a bad shard list (none, malformed, remote), index.locked,
// index.damaged, io.write.
[[nodiscard]] Result<Compacted> compact(const Compaction& compaction);

}  // namespace naskah::index
