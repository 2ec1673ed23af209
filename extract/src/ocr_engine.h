// One warm Tesseract engine (plus its orientation detector) for one worker thread.
// Not thread-safe: Tesseract's API is only safe per instance, so each worker owns one.
#pragma once

#include <chrono>
#include <map>
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
  float skew = 0;                    // degrees straightened before reading
  std::map<std::string, double> word_confidence;  // ocr_layout.h's word_confidences
};

class OcrEngine {
 public:
  // Loads the language models. Fails with ocr.failed when they are missing.
  [[nodiscard]] static Result<std::unique_ptr<OcrEngine>> create(const OcrSettings& settings);
  ~OcrEngine();
  OcrEngine(const OcrEngine&) = delete;
  OcrEngine& operator=(const OcrEngine&) = delete;

  // Reads one page image (8-bit grey) at `dpi`: evens out the lighting, removes specks,
  // turns the page upright, straightens it, removes long lines, then recognises it.
  // Fails with extract.timeout past `deadline`, ocr.failed otherwise.
  [[nodiscard]] Result<OcrPage> read(Pix* gray, int dpi,
                                     std::chrono::steady_clock::time_point deadline);

  // Forgets what was adapted to the previous document, so results do not depend on order.
  void next_document();

  // Whether Tesseract's orientation model was needed yet (it is loaded on first use).
  [[nodiscard]] bool orientation_model_loaded() const { return m_osd != nullptr; }

 private:
  explicit OcrEngine(OcrSettings settings);
  // Loads the orientation model on first use. Fails with ocr.failed.
  Result<void> load_osd();
  // Clockwise degrees the page must be turned to be upright (0 when unsure).
  int upright_rotation(Pix* small, int dpi);
  // The page as OCR should see it; fills page.rotation and page.skew. A page Leptonica
  // finds turned is turned upright by Tesseract's orientation detection. One it cannot
  // judge is taken as it lies with `unsure` set, unless `ask_osd`: then the detection
  // decides.
  Result<PixPtr> prepare(Pix* gray, int dpi, OcrPage& page, bool ask_osd, bool& unsure);
  // Recognises a prepared image into page.text and page.confidence.
  Result<void> recognize(Pix* image, int dpi, std::chrono::steady_clock::time_point deadline,
                         OcrPage& page);

  OcrSettings m_settings;
  std::unique_ptr<tesseract::TessBaseAPI> m_api;
  std::unique_ptr<tesseract::TessBaseAPI> m_osd;  // loaded on the first page that needs it
};

}  // namespace naskah::extract
