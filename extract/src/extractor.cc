#include "naskah/extract/extractor.h"

#include <spdlog/spdlog.h>
#include <tesseract/version.h>

#include <cmath>

#include "ocr_plugin.h"
#include "parse/text_util.h"
#include "pdf_file.h"
#include "text_layer.h"

namespace naskah::extract {
namespace {

using Clock = std::chrono::steady_clock;

// Clean print reads at 85-96; a word under this wherever it was read is a guess at some of
// its letters ("410/UN30" at 26 for a handwritten "410/UN30.12", "J205" at 14 for "1205").
constexpr double k_unsure_word = 70;

tl::unexpected<Error> timed_out() {
  return fail(codes::k_extract_timeout,
              "reading this document took longer than the time limit; it may be damaged or "
              "very long. Split it, or raise limits.timeout_seconds");
}

tl::unexpected<Error> too_many_pages(int pages, int limit) {
  return fail(codes::k_input_too_large,
              "the document has " + std::to_string(pages) + " pages, over the limit of " +
                  std::to_string(limit) + "; split it or raise limits.max_pages");
}

}  // namespace

const char* ocr_engine() { return "tesseract " TESSERACT_VERSION_STR; }

TextSource Extraction::text_source() const {
  bool any_ocr = false;
  bool any_layer = false;
  bool any_ocr_run = false;
  for (const Page& page : pages) {
    any_ocr_run = any_ocr_run || page.ocr;
    if (page.text.find_first_not_of(" \t\r\n\f") == std::string::npos) continue;
    (page.ocr ? any_ocr : any_layer) = true;
  }
  if (any_ocr && any_layer) return TextSource::mixed;
  if (any_ocr || (!any_layer && any_ocr_run)) return TextSource::ocr;
  return TextSource::text_layer;
}

std::optional<double> Extraction::ocr_confidence() const {
  double sum = 0;
  int count = 0;
  for (const Page& page : pages) {
    if (page.ocr && page.confidence) {
      sum += *page.confidence;
      ++count;
    }
  }
  if (count == 0) return std::nullopt;
  return std::round(sum / count * 10.0) / 10.0;
}

std::optional<std::map<std::string, double>> Extraction::unsure_words() const {
  // The same letters read with confidence anywhere in the document are a word as printed;
  // a stamp across one "Bengkulu" does not make every "Bengkulu" doubtful.
  std::optional<std::map<std::string, double>> read;
  for (const Page& page : pages) {
    if (!page.ocr) continue;
    if (!read) read.emplace();
    for (const auto& [raw, confidence] : page.word_confidence) {
      std::string word = parse::comparable_word(raw);
      if (word.empty()) continue;
      auto [it, added] = read->emplace(std::move(word), confidence);
      if (!added) it->second = std::max(it->second, confidence);
    }
  }
  if (read) std::erase_if(*read, [](const auto& entry) { return entry.second >= k_unsure_word; });
  return read;
}

std::string Extraction::text() const {
  std::string out;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (i > 0) out += '\f';
    out += pages[i].text;
  }
  return out;
}

struct Extractor::Impl {
  explicit Impl(Options o) : options(std::move(o)) {}

  Result<Extraction> pdf(std::string_view bytes, Clock::time_point deadline);
  Result<Extraction> image(std::string_view bytes, FileType type, Clock::time_point deadline);
  // The OCR plugin, loaded on the first page that needs it.
  Result<OcrBackend*> ocr();

  Options options;
  std::unique_ptr<OcrBackend> backend;
};

Result<OcrBackend*> Extractor::Impl::ocr() {
  if (!backend) {
    auto loaded = load_ocr_backend(options);
    if (!loaded) return tl::unexpected(loaded.error());
    backend = std::move(*loaded);
  }
  return backend.get();
}

Result<Extraction> Extractor::Impl::pdf(std::string_view bytes, Clock::time_point deadline) {
  auto pdf = PdfFile::open(bytes);
  if (!pdf) return tl::unexpected(pdf.error());
  const int count = pdf->page_count();
  if (count > options.max_pages) return too_many_pages(count, options.max_pages);

  Extraction out;
  out.pages.resize(static_cast<std::size_t>(count));
  OcrJob job{bytes, FileType::pdf, {}, deadline};
  for (int i = 0; i < count; ++i) {
    if (Clock::now() > deadline) return timed_out();
    std::string text = pdf->text(i);
    const LayerVerdict verdict = judge_text_layer(text);
    if (verdict == LayerVerdict::usable) {
      out.pages[static_cast<std::size_t>(i)].text = std::move(text);
      continue;
    }
    if (verdict == LayerVerdict::garbage) {
      spdlog::info("page {}: the text layer is not real text; reading the image instead", i + 1);
    }
    job.pages.push_back(i);
  }
  if (job.pages.empty()) return out;
  auto engine = ocr();
  if (!engine) return tl::unexpected(engine.error());
  auto read = (*engine)->run(job);
  if (!read) return tl::unexpected(read.error());
  for (std::size_t k = 0; k < job.pages.size(); ++k) {
    out.pages[static_cast<std::size_t>(job.pages[k])] = std::move((*read)[k]);
  }
  return out;
}

Result<Extraction> Extractor::Impl::image(std::string_view bytes, FileType type,
                                          Clock::time_point deadline) {
  auto engine = ocr();
  if (!engine) return tl::unexpected(engine.error());
  auto read = (*engine)->run(OcrJob{bytes, type, {}, deadline});
  if (!read) return tl::unexpected(read.error());
  Extraction out;
  out.pages = std::move(*read);
  return out;
}

Extractor::Extractor(Options options) : m_impl(std::make_unique<Impl>(std::move(options))) {}
Extractor::~Extractor() = default;

Result<Extraction> Extractor::extract(std::string_view bytes) {
  const auto deadline = Clock::now() + m_impl->options.timeout;
  if (bytes.empty()) {
    return fail(codes::k_input_empty, "the file is empty (0 bytes); send it again");
  }
  const FileType type = sniff(bytes);
  Result<Extraction> out = fail(codes::k_internal, "unreachable");
  switch (type) {
    case FileType::pdf: out = m_impl->pdf(bytes, deadline); break;
    case FileType::tiff:
    case FileType::png:
    case FileType::jpeg: out = m_impl->image(bytes, type, deadline); break;
    case FileType::unknown: {
      const std::string looks = describe_unsupported(bytes);
      return fail(codes::k_input_unsupported,
                  "this is not a PDF, TIFF, PNG or JPEG file" +
                      (looks.empty() ? std::string() : " (it looks like " + looks + ")") +
                      "; send the scan as PDF, TIFF, PNG or JPEG");
    }
  }
  if (out) {
    out->type = type;
    out->mime = mime_type(type);
  }
  return out;
}

}  // namespace naskah::extract
