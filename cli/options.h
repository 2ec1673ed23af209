// Maps the loaded Settings onto each module's Options: the only place that knows both.
#pragma once

#include <cstdint>

#include "naskah/config/config.h"
#include "naskah/extract/extractor.h"
#include "naskah/ingest/ingester.h"
#include "naskah/ingest/reindex.h"

namespace naskah::cli {

[[nodiscard]] constexpr std::uint64_t mebibytes(int n) {
  return static_cast<std::uint64_t>(n) * 1024 * 1024;
}

[[nodiscard]] inline extract::Options extract_options(const config::Settings& s) {
  extract::Options o;
  o.workers = s.extract.workers;
  o.languages = s.extract.languages;
  o.tessdata_dir = s.extract.tessdata_dir;
  o.ocr_dpi = s.extract.ocr_dpi;
  o.deskew = s.extract.deskew;
  o.orientation = s.extract.orientation;
  o.max_pages = s.limits.max_pages;
  o.max_page_pixels = static_cast<std::uint64_t>(s.limits.max_page_megapixels) * 1'000'000;
  o.timeout = std::chrono::seconds(s.limits.timeout_seconds);
  return o;
}

[[nodiscard]] inline ingest::Options ingest_options(const config::Settings& s) {
  ingest::Options o;
  o.data_dir = s.data_dir;
  o.extract = extract_options(s);
  o.max_file_bytes = mebibytes(s.limits.max_file_mb);
  o.lock_timeout = std::chrono::seconds(s.index.lock_timeout_seconds);
  return o;
}

[[nodiscard]] inline ingest::ReindexOptions reindex_options(const config::Settings& s) {
  ingest::ReindexOptions o;
  o.data_dir = s.data_dir;
  o.extract = extract_options(s);
  o.max_file_bytes = mebibytes(s.limits.max_file_mb);
  o.lock_timeout = std::chrono::seconds(s.index.lock_timeout_seconds);
  return o;
}

}  // namespace naskah::cli
