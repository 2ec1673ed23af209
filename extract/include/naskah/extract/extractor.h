// Extractor: one file's bytes -> the text of every page, from the PDF text layer where it
// can be trusted and from OCR (Tesseract, on Leptonica images rendered by Poppler) where not.
//
// An Extractor keeps one warm Tesseract engine per worker thread across calls and spreads
// the pages of a document over those workers. It is not thread-safe: make one call at a
// time (use one Extractor per worker process or thread pool).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "naskah/core/error.h"
#include "naskah/core/record.h"
#include "naskah/core/sniff.h"

namespace naskah::extract {

struct Options {
  int workers = 0;                    // OCR threads; 0 = one per core
  std::string languages = "ind+eng";  // Tesseract languages
  std::string tessdata_dir;           // empty = Tesseract's built-in default
  int ocr_dpi = 300;                  // resolution scanned PDF pages are rendered at
  bool deskew = true;                 // straighten skewed scans
  bool orientation = true;            // turn pages scanned sideways or upside down
  int max_pages = 2000;
  std::uint64_t max_page_pixels = 80'000'000;  // refused before decoding
  std::chrono::milliseconds timeout{900'000};  // per document
};

using FileType = naskah::FileType;  // core/sniff.h

struct Page {
  std::string text;
  bool ocr = false;                   // text from OCR rather than the text layer
  std::optional<double> confidence;   // Tesseract's mean word confidence, 0..100
  int rotation = 0;                   // degrees the scan was turned to read it
  // OCR: each word with the highest confidence it was read with (0..100).
  std::map<std::string, double> word_confidence;
};

struct Extraction {
  FileType type = FileType::unknown;
  std::string mime;
  std::vector<Page> pages;

  [[nodiscard]] TextSource text_source() const;
  // Mean confidence over OCRed pages that held text; nullopt when nothing was OCRed.
  [[nodiscard]] std::optional<double> ocr_confidence() const;
  // The words OCR read with low confidence wherever it read them, as compared (lower case,
  // no punctuation around), each with the highest confidence it was read with; nullopt when
  // nothing was OCRed (AgreementRecord::unsure_words).
  [[nodiscard]] std::optional<std::map<std::string, double>> unsure_words() const;
  // The pages' text joined with form feeds.
  [[nodiscard]] std::string text() const;
};

class OcrBackend;

// Page images for people (the web's page view): PDF pages rendered by Poppler, image
// files' pages decoded by Leptonica, as PNG. Loads the OCR plugin, which holds the
// renderers, on first use. Not thread-safe: one call at a time.
class PageRenderer {
 public:
  explicit PageRenderer(Options options);
  ~PageRenderer();
  PageRenderer(const PageRenderer&) = delete;
  PageRenderer& operator=(const PageRenderer&) = delete;

  // Page `index` (0-based) of the file `bytes` at about `dpi`, turned `rotation` degrees
  // clockwise (AgreementRecord::page_rotations). Fails with page.unknown for a page the file
  // does not have, input.unsupported-type, or the file's own codes.
  [[nodiscard]] Result<std::string> png(std::string_view bytes, int index, int dpi,
                                        int rotation = 0);

 private:
  Options m_options;
  std::unique_ptr<OcrBackend> m_backend;
};

class Extractor {
 public:
  explicit Extractor(Options options);
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // Extracts the text of every page of `bytes`. Fails with the CONTRACT codes
  // input.unsupported-type, input.too-large, pdf.encrypted, pdf.damaged, image.damaged,
  // ocr.failed or extract.timeout; the message says what the operator can do.
  [[nodiscard]] Result<Extraction> extract(std::string_view bytes);

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// "tesseract 5.3.0": the OCR engine this build uses, recorded with archived records.
[[nodiscard]] const char* ocr_engine();

// Routes Poppler's, Leptonica's and Tesseract's own messages to spdlog (debug level).
// Call once, before any thread starts.
void route_library_logs();

}  // namespace naskah::extract
