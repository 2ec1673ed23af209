#include "ocr_engine.h"

#include <algorithm>
#include <vector>

#include <leptonica/allheaders.h>
#include <spdlog/spdlog.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include "ocr_layout.h"
#include "text_layer.h"

namespace naskah::extract {
namespace {

// Tesseract's own confidence scale: "15.0 is reasonably confident". Below this we keep
// the page as scanned rather than risk turning an upright page.
constexpr float k_min_orientation_confidence = 5.0f;

struct TextDeleter {
  void operator()(char* text) const noexcept { delete[] text; }
};

const char* datapath(const std::string& dir) { return dir.empty() ? nullptr : dir.c_str(); }

// The words of the page just recognised, with their boxes, line by line in the engine's
// reading order: what ocr_layout.h lays out as text.
std::vector<OcrLine> lines_of(tesseract::TessBaseAPI& api) {
  std::vector<OcrLine> lines;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return lines;
  constexpr auto k_word = tesseract::RIL_WORD;
  do {
    if (lines.empty() || it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
      lines.emplace_back();
      lines.back().starts_paragraph = lines.size() > 1 && it->IsAtBeginningOf(tesseract::RIL_PARA);
    }
    if (it->Empty(k_word)) continue;
    std::unique_ptr<char, TextDeleter> text(it->GetUTF8Text(k_word));
    OcrWord word;
    if (text) word.text = text.get();
    it->BoundingBox(k_word, &word.left, &word.top, &word.right, &word.bottom);
    word.confidence = it->Confidence(k_word);
    if (!word.text.empty()) lines.back().words.push_back(std::move(word));
  } while (it->Next(k_word));
  return lines;
}

// Tesseract's mean word confidence of upright print is 80-95; a page read upside down or
// sideways scores 30-55 and its words are not words.
constexpr double k_upright_confidence = 70.0;

bool reads_upright(const OcrPage& page) {
  return page.confidence && *page.confidence >= k_upright_confidence &&
         judge_text_layer(page.text) == LayerVerdict::usable;
}

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
  return engine;
}

Result<void> OcrEngine::load_osd() {
  if (m_osd) return {};
  auto osd = std::make_unique<tesseract::TessBaseAPI>();
  // Orientation detection needs the legacy engine and the 'osd' model. Loaded on the first
  // page Leptonica cannot clear as upright: most documents never need it.
  if (osd->Init(datapath(m_settings.tessdata_dir), "osd", tesseract::OEM_TESSERACT_ONLY, nullptr,
                0, &k_var_names, &k_var_values, false) != 0) {
    return fail(codes::k_ocr_failed,
                "the orientation model 'osd' could not be loaded; install tesseract-ocr-osd "
                "or set extract.orientation = false",
                "ocr");
  }
  osd->SetPageSegMode(tesseract::PSM_OSD_ONLY);
  m_osd = std::move(osd);
  return {};
}

int OcrEngine::upright_rotation(Pix* small, int dpi) {
  m_osd->SetImage(small);
  m_osd->SetSourceResolution(dpi);
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

// Orientation, skew and lines are judged on a half-resolution copy (`small`), four times
// cheaper than the page; the corrections are applied to both.
Result<PixPtr> OcrEngine::prepare(Pix* gray, int dpi, OcrPage& page, bool ask_osd,
                                  bool& unsure) {
  auto lap = std::chrono::steady_clock::now();
  const auto step = [&lap](const char* name) {
    const auto now = std::chrono::steady_clock::now();
    spdlog::trace("prepare: {} {} ms", name,
                  std::chrono::duration_cast<std::chrono::milliseconds>(now - lap).count());
    lap = now;
  };
  PixPtr image(pixClone(gray));
  int factor = 1;
  // Even lighting and no specks help every scan, bright or grey, and cost 50 ms.
  if (PixPtr clean = clean_background(image.get())) image = std::move(clean);
  if (PixPtr clean = remove_specks(image.get(), dpi)) image = std::move(clean);
  PixPtr small = analysis_copy(image.get(), factor);
  step("lighting and specks");
  if (!small) return fail(codes::k_ocr_failed, "the page image could not be prepared", "ocr");
  // One threshold of the small copy serves the orientation and skew tests (made again
  // only if the page had to be turned).
  PixPtr text_bits = text_mask(small.get());
  if (!text_bits) return fail(codes::k_ocr_failed, "the page image could not be prepared", "ocr");
  const Upright judged = m_settings.orientation ? upright(text_bits.get()) : Upright::yes;
  unsure = judged == Upright::unknown;
  if (judged == Upright::no || (unsure && ask_osd)) {
    if (auto loaded = load_osd(); !loaded) return tl::unexpected(loaded.error());
    page.rotation = upright_rotation(small.get(), dpi / factor);
    if (page.rotation != 0) {
      image = rotate_orth(image.get(), page.rotation);
      small = rotate_orth(small.get(), page.rotation);
      text_bits = small ? text_mask(small.get()) : nullptr;
    }
  }
  step("orientation");
  if (m_settings.deskew && image && small && text_bits) {
    page.skew = find_skew(text_bits.get());
    if (page.skew != 0) {
      image = rotate_by(image.get(), page.skew);
      small = rotate_by(small.get(), page.skew);
    }
  }
  step("skew");
  // After deskewing, so that rules and streaks stand straight for the morphology.
  if (image && small) {
    if (PixPtr mask = line_mask(image.get(), dpi, factor)) {
      if (PixPtr clean = paint_white(image.get(), mask.get(), factor)) image = std::move(clean);
    }
  }
  step("lines");
  if (!image) return fail(codes::k_ocr_failed, "the page image could not be prepared", "ocr");
  return image;
}

Result<void> OcrEngine::recognize(Pix* image, int dpi,
                                  std::chrono::steady_clock::time_point deadline, OcrPage& page) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) {
    return fail(codes::k_extract_timeout, "the time limit for this document ran out", "ocr");
  }
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(static_cast<int32_t>(std::min<long long>(left.count(), INT32_MAX)));
  m_api->SetImage(image);
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
  // Laid out from the word boxes rather than GetUTF8Text: a signature block of two
  // columns is read column by column (ocr_layout.h).
  const std::vector<OcrLine> lines = lines_of(*m_api);
  page.text = lay_out(lines, pixGetWidth(image));
  page.word_confidence = word_confidences(lines);
  const bool has_text =
      std::any_of(page.text.begin(), page.text.end(), [](char c) { return c > ' '; });
  page.confidence.reset();
  if (has_text) page.confidence = m_api->MeanTextConf();
  m_api->Clear();
  return {};
}

Result<OcrPage> OcrEngine::read(Pix* gray, int dpi,
                                std::chrono::steady_clock::time_point deadline) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  OcrPage page;
  bool unsure = false;
  auto image = prepare(gray, dpi, page, false, unsure);
  if (!image) return tl::unexpected(image.error());
  const auto prepared = Clock::now();
  if (auto read = recognize(image->get(), dpi, deadline, page); !read) {
    return tl::unexpected(read.error());
  }
  // A page Leptonica was unsure of (little text: a signature page) was read as it lies.
  // Words read with confidence mean it was upright; a page without text has nothing to
  // turn. Otherwise Tesseract's orientation detection, which takes half a second to load,
  // decides, and a turned page is read again.
  if (unsure && page.confidence && !reads_upright(page)) {
    OcrPage turned;
    auto again = prepare(gray, dpi, turned, true, unsure);
    if (!again) return tl::unexpected(again.error());
    if (turned.rotation != 0) {
      if (auto read = recognize(again->get(), dpi, deadline, turned); !read) {
        return tl::unexpected(read.error());
      }
      page = std::move(turned);
    }
  }
  const auto ms = [](auto a, auto b) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count();
  };
  spdlog::debug("ocr: preparation {} ms (turned {}, skew {:.2f} degrees), recognition {} ms",
                ms(started, prepared), page.rotation, page.skew, ms(prepared, Clock::now()));
  return page;
}

void OcrEngine::next_document() { m_api->ClearAdaptiveClassifier(); }

}  // namespace naskah::extract
