#include "ocr_engine.h"

#include <algorithm>
#include <vector>

#include <leptonica/allheaders.h>
#include <spdlog/spdlog.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

namespace naskah::extract {
namespace {

// Tesseract's own confidence scale: "15.0 is reasonably confident". Below this we keep
// the page as scanned rather than risk turning an upright page.
constexpr float k_min_orientation_confidence = 5.0f;

struct TextDeleter {
  void operator()(char* text) const noexcept { delete[] text; }
};

const char* datapath(const std::string& dir) { return dir.empty() ? nullptr : dir.c_str(); }

// Variables every engine gets at Init, so all workers behave alike.
const std::vector<std::string> k_var_names = {"debug_file", "tessedit_do_invert"};
const std::vector<std::string> k_var_values = {
    "/dev/null",  // Tesseract prints warnings with tprintf; keep them off the terminal.
    "0",          // agreements have no white-on-black text; the inverted retry costs ~6%
};

}  // namespace

OcrEngine::OcrEngine(OcrSettings settings) : m_settings(std::move(settings)) {}
OcrEngine::~OcrEngine() {
  if (m_api) m_api->End();
  if (m_osd) m_osd->End();
}

Result<std::unique_ptr<OcrEngine>> OcrEngine::create(const OcrSettings& settings) {
  std::unique_ptr<OcrEngine> engine(new OcrEngine(settings));
  engine->m_api = std::make_unique<tesseract::TessBaseAPI>();
  if (engine->m_api->Init(datapath(settings.tessdata_dir), settings.languages.c_str(),
                          tesseract::OEM_LSTM_ONLY, nullptr, 0, &k_var_names, &k_var_values,
                          false) != 0) {
    return fail(codes::k_ocr_failed,
                "the OCR language data '" + settings.languages +
                    "' could not be loaded; install tesseract-ocr-ind and tesseract-ocr-eng "
                    "or check extract.tessdata_dir",
                "ocr");
  }
  if (settings.orientation) {
    engine->m_osd = std::make_unique<tesseract::TessBaseAPI>();
    // Orientation detection needs the legacy engine and the 'osd' model.
    if (engine->m_osd->Init(datapath(settings.tessdata_dir), "osd",
                            tesseract::OEM_TESSERACT_ONLY, nullptr, 0, &k_var_names,
                            &k_var_values, false) != 0) {
      return fail(codes::k_ocr_failed,
                  "the orientation model 'osd' could not be loaded; install tesseract-ocr-osd "
                  "or set extract.orientation = false",
                  "ocr");
    }
    engine->m_osd->SetPageSegMode(tesseract::PSM_OSD_ONLY);
  }
  return engine;
}

int OcrEngine::upright_rotation(Pix* gray, int dpi) {
  // Orientation needs far less detail than reading: a full page at half the resolution is
  // as sure and four times cheaper. Small images keep every pixel.
  constexpr l_int32 k_min_width_to_halve = 2000;
  const bool halve = dpi >= 200 && pixGetWidth(gray) >= k_min_width_to_halve;
  PixPtr small(halve ? pixScaleAreaMap2(gray) : pixClone(gray));
  if (!small) return 0;
  m_osd->SetImage(small.get());
  m_osd->SetSourceResolution(halve ? dpi / 2 : dpi);
  int degrees = 0;
  float confidence = 0;
  const char* script = nullptr;
  float script_confidence = 0;
  const bool found =
      m_osd->DetectOrientationScript(&degrees, &confidence, &script, &script_confidence);
  m_osd->Clear();
  spdlog::debug("orientation: {} degrees, confidence {:.1f}", degrees, confidence);
  if (!found || confidence < k_min_orientation_confidence) return 0;
  // Tesseract reports how far the image is turned clockwise; turning it back is the rest
  // of a full circle.
  return (360 - degrees) % 360;
}

Result<OcrPage> OcrEngine::read(Pix* gray, int dpi,
                                std::chrono::steady_clock::time_point deadline) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  OcrPage page;
  PixPtr image(pixClone(gray));
  if (PixPtr clean = clean_background(image.get())) image = std::move(clean);
  if (PixPtr clean = remove_specks(image.get(), dpi)) image = std::move(clean);
  if (m_osd) {
    page.rotation = upright_rotation(image.get(), dpi);
    if (page.rotation != 0) image = rotate_orth(image.get(), page.rotation);
  }
  const auto oriented = Clock::now();
  float skew = 0;
  if (m_settings.deskew) image = deskew(image.get(), skew);
  // After deskewing, so that rules and streaks stand straight for the morphology.
  if (PixPtr clean = remove_lines(image.get(), dpi)) image = std::move(clean);
  if (!image) return fail(codes::k_ocr_failed, "the page image could not be prepared", "ocr");
  const auto prepared = Clock::now();

  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) {
    return fail(codes::k_extract_timeout, "the time limit for this document ran out", "ocr");
  }
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(static_cast<int32_t>(std::min<long long>(left.count(), INT32_MAX)));
  m_api->SetImage(image.get());
  m_api->SetSourceResolution(dpi);
  const int status = m_api->Recognize(&monitor);
  if (monitor.deadline_exceeded()) {
    m_api->Clear();
    return fail(codes::k_extract_timeout, "the time limit for this document ran out", "ocr");
  }
  if (status != 0) {
    m_api->Clear();
    return fail(codes::k_ocr_failed, "Tesseract could not read the page", "ocr");
  }
  std::unique_ptr<char, TextDeleter> text(m_api->GetUTF8Text());
  page.text = text ? std::string(text.get()) : std::string();
  const bool has_text =
      std::any_of(page.text.begin(), page.text.end(), [](char c) { return c > ' '; });
  if (has_text) page.confidence = m_api->MeanTextConf();
  m_api->Clear();
  const auto ms = [](auto a, auto b) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count();
  };
  spdlog::debug("ocr: cleaning and orientation {} ms, deskew ({:.2f} degrees) {} ms, "
                "recognition {} ms", ms(started, oriented), skew, ms(oriented, prepared),
                ms(prepared, Clock::now()));
  return page;
}

void OcrEngine::next_document() { m_api->ClearAdaptiveClassifier(); }

}  // namespace naskah::extract
