// Ingest: one file -> archived original and record -> the index. Idempotent by content:
// the same bytes again are "already present" (and indexed again if a crash left them out).
// Extraction runs in this process for now (a pool of isolated workers comes with `watch`).
// Not thread-safe: one Ingester per thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
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

class Ingester {
 public:
  explicit Ingester(Options options);
  ~Ingester();
  Ingester(const Ingester&) = delete;
  Ingester& operator=(const Ingester&) = delete;

  [[nodiscard]] FileResult ingest_file(const std::string& path);

 private:
  [[nodiscard]] Result<void> index_record(const AgreementRecord& record);
  Options m_options;
  Archive m_archive;
  extract::Extractor m_extractor;
};

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
