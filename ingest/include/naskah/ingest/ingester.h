// Ingest: one file -> archived original and record -> the index. Idempotent by content:
// the same bytes again are "already present" (and indexed again if a crash left them out).
// Extraction runs in this process, or wherever the caller's ExtractFn sends it (`watch`
// uses isolated worker processes). Not thread-safe: one Ingester per thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "naskah/core/data_dir.h"
#include "naskah/core/error.h"
#include "naskah/core/file.h"
#include "naskah/extract/extractor.h"
#include "naskah/ingest/archive.h"

namespace naskah::ingest {

struct Options {
  DataDir data;  // the data folder and its layout
  extract::Options extract;
  std::uint64_t max_file_bytes = 256ull * 1024 * 1024;
  std::chrono::milliseconds lock_timeout{60'000};  // waiting for another index writer
  std::optional<std::string> office;               // unit or office the files come from
  std::string today;                               // ISO date for the parser; empty = clock
};

enum class Outcome { ingested, present, refused, failed };
[[nodiscard]] const char* to_string(Outcome outcome);

struct FileResult {
  std::string path;  // as shown: printable() of the name on disk
  Outcome outcome = Outcome::failed;
  std::string sha256;
  std::optional<Error> error;  // refused or failed: why
  int pages = 0;
  std::string text_source;
  double seconds = 0;
  std::optional<FileStamp> taken;  // the file as it was read: put_away leaves it if it changed
};

// Turns a file (its path, the folder it was found in or "" — see Ingester::ingest_file —
// and the bytes read from it) into its record, text included.
using ExtractFn = std::function<Result<AgreementRecord>(
    const std::string& path, const std::string& base, std::string_view bytes)>;

// Puts a record in the index and commits (with `only_if_missing`, only when the index lacks
// it); true when it was written. By default each file opens the index's writer itself;
// `watch` hands the records of all its workers to one IndexQueue (index_queue.h).
using IndexFn = std::function<Result<bool>(const AgreementRecord& record, bool only_if_missing)>;

class Ingester {
 public:
  // Extracts in this process, with warm engines kept across files.
  explicit Ingester(Options options);
  Ingester(Options options, ExtractFn extract, IndexFn index = {});
  ~Ingester();
  Ingester(const Ingester&) = delete;
  Ingester& operator=(const Ingester&) = delete;

  // `office` (e.g. from the inbox sub-folder) overrides Options::office for this file.
  // `base`: the folder the file was found in (an inbox, a folder given to `ingest`), from
  // which no link is followed (take_file); "" for a file an operator named, read as named.
  [[nodiscard]] FileResult ingest_file(const std::string& path,
                                       const std::optional<std::string>& office = std::nullopt,
                                       const std::string& base = {});

 private:
  Options m_options;
  Archive m_archive;
  std::unique_ptr<extract::Extractor> m_extractor;  // only without an ExtractFn
  ExtractFn m_extract;
  IndexFn m_index;
};

// Names an operator's tools leave while a file is still being written (".part",
// ".crdownload", "~$...", ".tmp"), and hidden files: never taken.
[[nodiscard]] bool ignored_name(const std::string& name);

// A file to take: its path, and the folder it was found in ("" for a path given as it is).
struct Found {
  std::string path;
  std::string base;
  bool operator==(const Found&) const = default;
};

// The files under `paths`: files as given, and what folders hold, recursively and sorted,
// skipping hidden names and unfinished downloads. Links, pipes and devices found in a
// folder are listed too, never followed, so that each is refused with its reason; a linked
// folder is not entered. Paths that do not exist are returned as they are, so the caller
// reports them.
[[nodiscard]] std::vector<Found> collect_files(const std::vector<std::string>& paths);

// How the archive's records were made: parser version, OCR engine and settings, time.
[[nodiscard]] nlohmann::json provenance(const extract::Options& options);

}  // namespace naskah::ingest
