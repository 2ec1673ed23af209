#include "pdf_render.h"

#include <cstring>

#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

namespace naskah::extract {
namespace {

// Copies a Poppler grey image into a new 8-bit Pix. Leptonica keeps 8-bit pixels in
// native 32-bit words, so rows are copied as bytes and then swapped into word order.
PixPtr to_pix(const poppler::image& image) {
  const int width = image.width();
  const int height = image.height();
  PixPtr pix(pixCreate(width, height, 8));
  if (!pix) return nullptr;
  const char* src = image.const_data();
  auto* dst = reinterpret_cast<char*>(pixGetData(pix.get()));
  const auto dst_stride = static_cast<std::size_t>(pixGetWpl(pix.get())) * 4;
  for (int y = 0; y < height; ++y) {
    std::memcpy(dst + static_cast<std::size_t>(y) * dst_stride,
                src + static_cast<std::size_t>(y) * static_cast<std::size_t>(image.bytes_per_row()),
                static_cast<std::size_t>(width));
  }
  pixEndianByteSwap(pix.get());
  return pix;
}

}  // namespace

Result<PixPtr> render_page(const PdfFile& pdf, int index, int dpi) {
  auto page = std::unique_ptr<poppler::page>(pdf.document().create_page(index));
  if (!page) {
    return fail(codes::k_pdf_damaged, "page " + std::to_string(index + 1) + " cannot be read");
  }
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  const poppler::image image = renderer.render_page(page.get(), dpi, dpi);
  if (!image.is_valid() || image.width() <= 0 || image.height() <= 0) {
    return fail(codes::k_pdf_damaged,
                "page " + std::to_string(index + 1) + " cannot be drawn; the PDF is damaged");
  }
  PixPtr pix = to_pix(image);
  if (!pix) return fail(codes::k_internal, "out of memory drawing a page");
  pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

}  // namespace naskah::extract
