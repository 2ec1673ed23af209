// The archive: the source of truth of the data folder (DESIGN.md "On disk").
//
//   archive/ab/<sha256>.<ext>   the original bytes, stored once, never modified
//   archive/ab/<sha256>.json    the record with full text, and under "naskah" how it was
//                               made: parser version, OCR engine and settings, time
//   archive/ab/<sha256>.corrections.jsonl   what people corrected, one line per change,
//                               append-only (core/correction.h)
//
// Every write is crash-safe (write_file_atomic): after a crash a file is absent or whole.
// The original is written before the record, so a record always has its original.
// Safe to use from several threads and processes (writes are atomic renames).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "naskah/core/correction.h"
#include "naskah/core/error.h"
#include "naskah/core/record.h"

namespace naskah::ingest {

struct StoredRecord {
  AgreementRecord record;
  nlohmann::json provenance;  // the "naskah" member: parser_version, ocr, archived_at...
};

class Archive {
 public:
  explicit Archive(std::string archive_dir);

  [[nodiscard]] const std::string& dir() const { return m_dir; }
  [[nodiscard]] bool has_record(const std::string& sha256) const;
  // The stored original of `sha256`, if any.
  [[nodiscard]] std::optional<std::string> original_path(const std::string& sha256) const;
  [[nodiscard]] std::string record_path(const std::string& sha256) const;

  // Stores the original once: a second call for the same bytes does nothing.
  [[nodiscard]] Result<void> store_original(const std::string& sha256, std::string_view bytes,
                                            const std::string& mime);
  // Writes (or replaces) the record beside its original.
  [[nodiscard]] Result<void> store_record(const AgreementRecord& record,
                                          const nlohmann::json& provenance);
  // The record as the parser made it.
  [[nodiscard]] Result<StoredRecord> load(const std::string& sha256) const;
  // The record as people left it: parsed, with its corrections applied.
  [[nodiscard]] Result<StoredRecord> load_effective(const std::string& sha256) const;

  // The corrections of `sha256`, oldest first (none: an empty list).
  [[nodiscard]] Result<std::vector<Correction>> corrections(const std::string& sha256) const;
  // Appends one, durably.
  [[nodiscard]] Result<void> add_correction(const std::string& sha256,
                                            const Correction& correction);

  // The ids of every stored record, sorted.
  [[nodiscard]] std::vector<std::string> list() const;

 private:
  [[nodiscard]] std::string folder_of(const std::string& sha256) const;
  std::string m_dir;
};

// The file name extension an original is stored under, from its sniffed MIME type.
[[nodiscard]] std::string extension_for(const std::string& mime);

}  // namespace naskah::ingest
