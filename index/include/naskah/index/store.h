// The index folder (DESIGN.md "On disk"): generations of Xapian databases and the stub file
// that names the live one, the write lock, the writer used by ingest, and the builder of a
// new generation used by reindex.
//
//   index/current      Xapian stub file: "auto gen-000003"
//   index/gen-NNNNNN/  one Xapian database per generation
//   index/write.lock   held (flock) by the one process writing the live generation
//
// One writer at a time (the lock), any number of readers (open_for_search) that never lock.
// Objects here are not thread-safe; use each from one thread.
#pragma once

#include <xapian.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "naskah/core/error.h"
#include "naskah/core/record.h"
#include "naskah/index/document.h"

namespace naskah::index {

inline constexpr const char* k_stub_name = "current";

// Opens the live generation for searching. Fails with index.missing when nothing has been
// indexed yet, index.damaged when it cannot be opened.
[[nodiscard]] Result<Xapian::Database> open_for_search(const std::string& index_dir);

// Whether `path` is an index folder (it has the stub file), not a single database.
[[nodiscard]] bool is_index_folder(const std::string& path);

// The path of the live generation's database, or empty when there is none yet.
[[nodiscard]] std::string live_generation(const std::string& index_dir);

// An exclusive lock on the index folder for writing, released on destruction.
class WriteLock {
 public:
  // Waits up to `timeout` for the lock; then fails with index.locked.
  [[nodiscard]] static Result<WriteLock> acquire(const std::string& index_dir,
                                                 std::chrono::milliseconds timeout);
  WriteLock(WriteLock&& other) noexcept;
  WriteLock& operator=(WriteLock&&) = delete;
  WriteLock(const WriteLock&) = delete;
  ~WriteLock();

 private:
  explicit WriteLock(int fd) : m_fd(fd) {}
  int m_fd = -1;
};

// Adds and replaces documents in the live generation (creating the first one if needed).
// Holds the write lock for its lifetime.
class Writer {
 public:
  [[nodiscard]] static Result<Writer> open(const std::string& index_dir,
                                           std::chrono::milliseconds lock_timeout);

  [[nodiscard]] bool contains(const std::string& sha256);
  // Indexes (or re-indexes) a record and flags near duplicates in it and in the others.
  [[nodiscard]] Result<void> put(const AgreementRecord& record);
  // Makes everything put so far durable and visible to searchers.
  [[nodiscard]] Result<void> commit();

 private:
  Writer(WriteLock lock, Xapian::WritableDatabase db)
      : m_lock(std::move(lock)), m_db(std::move(db)) {}
  WriteLock m_lock;
  Xapian::WritableDatabase m_db;
};

// Builds a new database from prepared documents: a new generation of an index folder
// (swapped in by finish), or a standalone database (a partition, reindex --out).
//
// Xapian's writer, not term generation, is what limits indexing speed (about 5 ms per
// agreement of 1,500 words on one core), so a build on several cores gives each thread
// its own part (make_part) and merges the parts into this database by compaction (merge).
class Builder {
 public:
  // Xapian buffers a batch's postings in memory until a commit (by default every 10,000
  // documents: over a gigabyte for agreements of 1,500 words). Committing by volume keeps
  // memory flat whatever the archive's size (a reindex of 100,000 records peaked at 240 MB).
  // Smaller batches are also faster: Xapian keeps each term's new postings in a std::map,
  // whose lookups were the writer's hottest spot. At 20,000 records of 1,677 words, a
  // million positions (about 600 records) a batch indexed 581,000 words/s against 454,000
  // with 2.5 million (index_bench, direct).
  static constexpr std::size_t k_positions_per_batch = 1'000'000;

  // A new generation in `index_dir`; the live one stays live until finish().
  [[nodiscard]] static Result<Builder> new_generation(const std::string& index_dir);
  // A standalone database at `path` (must not exist yet, or be empty).
  [[nodiscard]] static Result<Builder> standalone(const std::string& path);

  // A part database beside this one, for one thread; give it back to merge().
  [[nodiscard]] Result<Builder> make_part(int number) const;
  // Compacts `parts` (built on other threads) into this database, which must still be
  // empty, and removes them.
  [[nodiscard]] Result<void> merge(std::vector<Builder>& parts);

  // Compacts whole databases into this one, which must still be empty: shards to merge
  // (naskah compact). Each is an index folder (its live generation) or a database folder.
  // A document found in more than one is kept once. Returns how many were dropped so.
  [[nodiscard]] Result<std::uint64_t> merge_shards(const std::vector<std::string>& shards);

  void add(Prepared&& prepared);
  [[nodiscard]] bool contains(const std::string& sha256);
  [[nodiscard]] std::uint64_t count() const { return m_added; }
  // Flags near duplicates, commits, and (for a generation) swaps it in atomically; the
  // previous generation is kept, older ones are removed. For a generation `lock` must be
  // the index's write lock (so no ingest writes to the old generation meanwhile).
  [[nodiscard]] Result<void> finish(const WriteLock* lock);

  [[nodiscard]] const std::string& path() const { return m_path; }

 private:
  // Removes the folder of a build that did not finish (a failed or abandoned reindex, a
  // merged part), so no half-built generation is left behind. Moves hand the duty on.
  class Scratch {
   public:
    explicit Scratch(std::string path) : m_path(std::move(path)) {}
    Scratch(Scratch&& other) noexcept : m_path(std::exchange(other.m_path, {})) {}
    Scratch& operator=(Scratch&& other) noexcept;
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    ~Scratch() { remove(); }
    void keep() { m_path.clear(); }
    void remove() noexcept;

   private:
    std::string m_path;  // empty once kept or removed
  };

  Builder(std::string index_dir, std::string path, Xapian::WritableDatabase db)
      : m_index_dir(std::move(index_dir)),
        m_path(std::move(path)),
        m_scratch(m_path),
        m_db(std::move(db)) {}
  std::string m_index_dir;  // empty for a standalone database
  std::string m_path;
  Scratch m_scratch;  // declared before m_db: the database closes first
  Xapian::WritableDatabase m_db;
  void commit_batch();
  // Hands the counted spelling words to Xapian.
  void flush_spelling();
  // Replaces this (empty) database by the compaction of `sources`.
  void compact_from(Xapian::Database& sources);
  std::uint64_t m_added = 0;
  std::size_t m_buffered = 0;  // positions added since the last commit
  // Spelling words and how many documents had each, across batches: one add_spelling per
  // distinct word instead of one per word per document, or per word per batch (which was
  // 7% of a build: each batch of 600 agreements has most of the common words again).
  // Handed over when the build ends, or when this many words are held (memory).
  static constexpr std::size_t k_spelling_words = 200'000;
  std::unordered_map<std::string, Xapian::termcount> m_spelling;
};

// Flags near duplicates among the documents of `db`: the same agreement scanned twice
// (different bytes, a number in common, and the same parties where both name any). Each
// gets "possible duplicate of <id>". Two different agreements with one number (neither
// citing the other, not one family) each get check.number-reused naming the other. With
// `only`, checks just those ids against the rest, their number-reused findings made afresh.
// Returns how many documents were changed.
std::size_t mark_duplicates(Xapian::WritableDatabase& db,
                            const std::optional<std::vector<std::string>>& only = std::nullopt);

// Links families among the documents of `db` (families.cc): each addendum to the agreement it
// amends and each PKS to its MoU, from the numbers they cite (or a person's "parent"), with
// children, the family's root and the period after the addenda set on every member, and the
// checks only a family can make (an addendum without a parent, a PKS signed outside its
// MoU's period or outliving it). With `only`, the families of those ids. Returns how many
// documents were changed.
std::size_t link_families(Xapian::WritableDatabase& db,
                          const std::optional<std::vector<std::string>>& only = std::nullopt);

}  // namespace naskah::index
