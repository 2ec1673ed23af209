// The seam between the extractor and the OCR plugin (libnaskah_ocr.so).
//
// Tesseract and the libraries it pulls in (libarchive, libcurl, OpenMP...) take longer to
// load than Poppler takes to read a whole text PDF, and libgomp reads OMP_THREAD_LIMIT as
// it loads. So everything that renders or recognises pages lives in a plugin that is
// loaded on the first page that needs OCR: text PDFs start as fast as pdftotext, and the
// CLI can set OMP_THREAD_LIMIT before OpenMP exists.
//
// An OcrBackend keeps its engines warm across calls; it is not thread-safe (one call at a
// time), like the Extractor that owns it.
#pragma once

#include <chrono>
#include <memory>
#include <string_view>
#include <vector>

#include "naskah/core/error.h"
#include "naskah/extract/extractor.h"

namespace naskah::extract {

struct OcrJob {
  std::string_view bytes;
  FileType type = FileType::unknown;
  // PDF: the pages to OCR. Images: ignored, every page is read.
  std::vector<int> pages;
  std::chrono::steady_clock::time_point deadline;
};

class OcrBackend {
 public:
  virtual ~OcrBackend() = default;
  // PDF: one Page per entry of job.pages, in that order. Images: every page, after their
  // headers passed the pixel and page limits. Fails with the CONTRACT codes.
  [[nodiscard]] virtual Result<std::vector<Page>> run(const OcrJob& job) = 0;
  // Page `index` (0-based) of a PDF or image file as PNG at about `dpi`, turned `rotation`
  // degrees clockwise, for people to look at (page_image.h).
  [[nodiscard]] virtual Result<std::string> page_png(std::string_view bytes, FileType type,
                                                     int index, int dpi, int rotation) = 0;
};

// The plugin's one exported function (C linkage so dlsym finds it by this name).
using CreateOcrBackend = OcrBackend* (*)(const Options& options);
inline constexpr const char* k_create_ocr_backend = "naskah_create_ocr_backend";

// Loads the plugin (once per process) and creates a backend. Looks in $NASKAH_OCR_PLUGIN,
// beside the executable's ../lib/naskah/, and in the build tree. Fails with ocr.failed.
[[nodiscard]] Result<std::unique_ptr<OcrBackend>> load_ocr_backend(const Options& options);

}  // namespace naskah::extract
