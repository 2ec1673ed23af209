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
#include <string_view>
#include <string>
#include <vector>

#include "naskah/core/error.h"
#include "naskah/extract/extractor.h"
#include "naskah/ingest/archive.h"

namespace naskah::ingest {

struct Options {
  std::string data_dir = "./naskah-data";
  extract::Options extract;
  std::uint64_t max_file_bytes = 256ull * 1024 * 1024;
  std::chrono::milliseconds lock_timeout{60'000};  // waiting for another index writer
  std::optional<std::string> office;               // unit or office the files come from
  std::string today;                               // ISO date for the parser; empty = clock
};

enum class Outcome { ingested, present, refused, failed };
[[nodiscard]] const char* to_string(Outcome outcome);

struct FileResult {
  std::string path;
  Outcome outcome = Outcome::failed;
  std::string sha256;
  std::optional<Error> error;  // refused or failed: why
  int pages = 0;
  std::string text_source;
  double seconds = 0;
};

// Turns a file (its path and the bytes read from it) into its record, text included.
using ExtractFn =
    std::function<Result<AgreementRecord>(const std::string& path, std::string_view bytes)>;

class Ingester {
 public:
  // Extracts in this process, with warm engines kept across files.
  explicit Ingester(Options options);
  Ingester(Options options, ExtractFn extract);
  ~Ingester();
  Ingester(const Ingester&) = delete;
  Ingester& operator=(const Ingester&) = delete;

  // `office` (e.g. from the inbox sub-folder) overrides Options::office for this file.
  [[nodiscard]] FileResult ingest_file(const std::string& path,
                                       const std::optional<std::string>& office = std::nullopt);

 private:
  [[nodiscard]] Result<void> index_record(const AgreementRecord& record);
  Options m_options;
  Archive m_archive;
  std::unique_ptr<extract::Extractor> m_extractor;  // only without an ExtractFn
  ExtractFn m_extract;
};

// Names an operator's tools leave while a file is still being written (".part",
// ".crdownload", "~$...", ".tmp"), and hidden files: never taken.
[[nodiscard]] bool ignored_name(const std::string& name);

// The files under `paths` (files as given, folders recursively, sorted), skipping hidden
// names and unfinished downloads. Paths that do not exist are returned as they are, so the
// caller reports them.
[[nodiscard]] std::vector<std::string> collect_files(const std::vector<std::string>& paths);

// How the archive's records were made: parser version, OCR engine and settings, time.
[[nodiscard]] nlohmann::json provenance(const extract::Options& options);

// Folder layout of the data folder.
[[nodiscard]] std::string archive_dir(const std::string& data_dir);
[[nodiscard]] std::string index_dir(const std::string& data_dir);

}  // namespace naskah::ingest
