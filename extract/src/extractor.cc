#include "naskah/extract/extractor.h"

#include <cmath>
#include <thread>

#include <spdlog/spdlog.h>

#include "image_file.h"
#include "page_ocr.h"
#include "pdf_file.h"
#include "sniff.h"
#include "text_layer.h"

namespace naskah::extract {
namespace {

using Clock = std::chrono::steady_clock;

// Pages rendered below this resolution are unreadable; such a page is refused instead.
constexpr int k_min_render_dpi = 50;

int default_workers() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

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

class PdfLoader final : public PageLoader {
 public:
  PdfLoader(PdfFile pdf, const Options& options) : m_pdf(std::move(pdf)), m_options(options) {}

  Result<PageImage> load(int index) override {
    auto dpi = render_dpi(index);
    if (!dpi) return tl::unexpected(dpi.error());
    auto pix = m_pdf.render(index, *dpi);
    if (!pix) return tl::unexpected(pix.error());
    return PageImage{std::move(*pix), *dpi};
  }

 private:
  // The OCR resolution, lowered for huge pages so the image stays within the pixel limit.
  Result<int> render_dpi(int index) const {
    const double area = m_pdf.area_square_inches(index);
    int dpi = m_options.ocr_dpi;
    const double pixels = area * dpi * dpi;
    if (pixels > static_cast<double>(m_options.max_page_pixels)) {
      dpi = static_cast<int>(std::sqrt(static_cast<double>(m_options.max_page_pixels) / area));
    }
    if (dpi < k_min_render_dpi) {
      return fail(codes::k_input_too_large,
                  "page " + std::to_string(index + 1) + " measures " +
                      std::to_string(static_cast<long long>(area)) +
                      " square inches, too large to read; raise limits.max_page_megapixels");
    }
    return dpi;
  }

  PdfFile m_pdf;
  const Options& m_options;
};

class ImageLoader final : public PageLoader {
 public:
  ImageLoader(std::string_view bytes, FileType type) : m_bytes(bytes), m_type(type) {}

  Result<PageImage> load(int index) override {
    auto pix = decode_image(m_bytes, m_type, index);
    if (!pix) return tl::unexpected(pix.error());
    const int dpi = image_dpi(pix->get());
    PixPtr gray = to_gray8(pix->get());
    if (!gray) {
      return fail(codes::k_image_damaged,
                  "page " + std::to_string(index + 1) + " has an unusable pixel format");
    }
    return PageImage{std::move(gray), dpi};
  }

 private:
  std::string_view m_bytes;
  FileType m_type;
};

}  // namespace

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

std::string Extraction::text() const {
  std::string out;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (i > 0) out += '\f';
    out += pages[i].text;
  }
  return out;
}

struct Extractor::Impl {
  explicit Impl(Options o)
      : options(std::move(o)),
        engines(OcrSettings{options.languages, options.tessdata_dir, options.orientation,
                            options.deskew},
                options.workers > 0 ? options.workers : default_workers()) {}

  Result<Extraction> pdf(std::string_view bytes, Clock::time_point deadline);
  Result<Extraction> image(std::string_view bytes, FileType type, Clock::time_point deadline);

  Options options;
  EnginePool engines;
};

Result<Extraction> Extractor::Impl::pdf(std::string_view bytes, Clock::time_point deadline) {
  auto pdf = PdfFile::open(bytes);
  if (!pdf) return tl::unexpected(pdf.error());
  const int count = pdf->page_count();
  if (count > options.max_pages) return too_many_pages(count, options.max_pages);

  Extraction out;
  out.pages.resize(static_cast<std::size_t>(count));
  std::vector<int> to_ocr;
  for (int i = 0; i < count; ++i) {
    if (Clock::now() > deadline) return timed_out();
    std::string text = pdf->text(i);
    const LayerVerdict verdict = judge_text_layer(text);
    if (verdict == LayerVerdict::usable) {
      out.pages[static_cast<std::size_t>(i)].text = std::move(text);
    } else {
      if (verdict == LayerVerdict::garbage) {
        spdlog::info("page {}: the text layer is not real text; reading the image instead",
                     i + 1);
      }
      to_ocr.push_back(i);
    }
  }
  if (to_ocr.empty()) return out;
  const LoaderFactory loaders = [&]() -> Result<std::unique_ptr<PageLoader>> {
    auto own = PdfFile::open(bytes);
    if (!own) return tl::unexpected(own.error());
    return std::make_unique<PdfLoader>(std::move(*own), options);
  };
  if (auto r = engines.run(to_ocr, loaders, deadline, out.pages); !r) {
    return tl::unexpected(r.error());
  }
  return out;
}

Result<Extraction> Extractor::Impl::image(std::string_view bytes, FileType type,
                                          Clock::time_point deadline) {
  auto count = check_image(bytes, type, options.max_page_pixels, options.max_pages);
  if (!count) return tl::unexpected(count.error());
  Extraction out;
  out.pages.resize(static_cast<std::size_t>(*count));
  std::vector<int> all(static_cast<std::size_t>(*count));
  for (int i = 0; i < *count; ++i) all[static_cast<std::size_t>(i)] = i;
  const LoaderFactory loaders = [&]() -> Result<std::unique_ptr<PageLoader>> {
    return std::make_unique<ImageLoader>(bytes, type);
  };
  if (auto r = engines.run(all, loaders, deadline, out.pages); !r) {
    return tl::unexpected(r.error());
  }
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
