// One warm Tesseract engine (plus its orientation detector) for one worker thread.
// Not thread-safe: Tesseract's API is only safe per instance, so each worker owns one.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "naskah/core/error.h"
#include "pix.h"

namespace tesseract {
class TessBaseAPI;
}

namespace naskah::extract {

struct OcrSettings {
  std::string languages = "ind+eng";
  std::string tessdata_dir;  // empty = Tesseract's default
  bool orientation = true;
  bool deskew = true;
};

struct OcrPage {
  std::string text;
  std::optional<double> confidence;  // mean word confidence; nullopt for a page with no text
  int rotation = 0;                  // degrees turned clockwise before reading
};

class OcrEngine {
 public:
  // Loads the language models. Fails with ocr.failed when they are missing.
  [[nodiscard]] static Result<std::unique_ptr<OcrEngine>> create(const OcrSettings& settings);
  ~OcrEngine();
  OcrEngine(const OcrEngine&) = delete;
  OcrEngine& operator=(const OcrEngine&) = delete;

  // Reads one page image (8-bit grey) at `dpi`: turns it upright, straightens it, then
  // recognises it. Fails with extract.timeout past `deadline`, ocr.failed otherwise.
  [[nodiscard]] Result<OcrPage> read(Pix* gray, int dpi,
                                     std::chrono::steady_clock::time_point deadline);

  // Forgets what was adapted to the previous document, so results do not depend on order.
  void next_document();

 private:
  explicit OcrEngine(OcrSettings settings);
  // Clockwise degrees the page must be turned to be upright (0 when unsure).
  int upright_rotation(Pix* gray, int dpi);

  OcrSettings m_settings;
  std::unique_ptr<tesseract::TessBaseAPI> m_api;
  std::unique_ptr<tesseract::TessBaseAPI> m_osd;  // null when orientation is off
};

}  // namespace naskah::extract
