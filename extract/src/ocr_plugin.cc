// The OCR plugin: page images from PDFs (Poppler) and image files (Leptonica), read by a
// pool of warm Tesseract engines. Built as libnaskah_ocr.so; see ocr_plugin.h for why.
#include "ocr_plugin.h"

#include <cmath>
#include <numeric>
#include <thread>

#include <leptonica/allheaders.h>
#include <spdlog/spdlog.h>

#include "image_file.h"
#include "page_image.h"
#include "page_ocr.h"
#include "pdf_file.h"
#include "pdf_render.h"

namespace naskah::extract {
namespace {

// Pages rendered below this resolution are unreadable; such a page is refused instead.
constexpr int k_min_render_dpi = 50;

int default_workers() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

void leptonica_message(const char* message) {
  std::string text(message != nullptr ? message : "");
  while (!text.empty() && text.back() == '\n') text.pop_back();
  spdlog::debug("leptonica: {}", text);
}

class PdfLoader final : public PageLoader {
 public:
  PdfLoader(PdfFile pdf, const Options& options) : m_pdf(std::move(pdf)), m_options(options) {}

  Result<PageImage> load(int index) override {
    auto dpi = render_dpi(index);
    if (!dpi) return tl::unexpected(dpi.error());
    auto pix = render_page(m_pdf, index, *dpi);
    if (!pix) return tl::unexpected(pix.error());
    return PageImage{std::move(*pix), *dpi};
  }

 private:
  // The OCR resolution, lowered for huge pages so the image stays within the pixel limit.
  Result<int> render_dpi(int index) const {
    const double area = m_pdf.area_square_inches(index);
    int dpi = m_options.ocr_dpi;
    if (area * dpi * dpi > static_cast<double>(m_options.max_page_pixels)) {
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

class Backend final : public OcrBackend {
 public:
  explicit Backend(Options options)
      : m_options(std::move(options)),
        m_engines(OcrSettings{m_options.languages, m_options.tessdata_dir,
                              m_options.orientation, m_options.deskew},
                  m_options.workers > 0 ? m_options.workers : default_workers()) {}

  Result<std::vector<Page>> run(const OcrJob& job) override {
    return job.type == FileType::pdf ? pdf(job) : image(job);
  }

  Result<std::string> page_png(std::string_view bytes, FileType type, int index, int dpi,
                               int rotation) override {
    return extract::page_png(bytes, type, index, dpi, m_options.max_page_pixels, rotation);
  }

 private:
  Result<std::vector<Page>> pdf(const OcrJob& job) {
    const LoaderFactory loaders = [&]() -> Result<std::unique_ptr<PageLoader>> {
      auto own = PdfFile::open(job.bytes);  // one Poppler document per worker
      if (!own) return tl::unexpected(own.error());
      return std::make_unique<PdfLoader>(std::move(*own), m_options);
    };
    return m_engines.run(job.pages, loaders, job.deadline);
  }

  Result<std::vector<Page>> image(const OcrJob& job) {
    auto count = check_image(job.bytes, job.type, m_options.max_page_pixels, m_options.max_pages);
    if (!count) return tl::unexpected(count.error());
    std::vector<int> all(static_cast<std::size_t>(*count));
    std::iota(all.begin(), all.end(), 0);
    const LoaderFactory loaders = [&]() -> Result<std::unique_ptr<PageLoader>> {
      return std::make_unique<ImageLoader>(job.bytes, job.type);
    };
    return m_engines.run(all, loaders, job.deadline);
  }

  Options m_options;
  EnginePool m_engines;
};

}  // namespace
}  // namespace naskah::extract

extern "C" __attribute__((visibility("default"))) naskah::extract::OcrBackend*
naskah_create_ocr_backend(const naskah::extract::Options& options) {
  leptSetStderrHandler(naskah::extract::leptonica_message);
  return new naskah::extract::Backend(options);
}
