#include "pdf_file.h"

#include <cstring>

#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

namespace naskah::extract {
namespace {

std::unique_ptr<poppler::page> load_page(const poppler::document& doc, int index) {
  return std::unique_ptr<poppler::page>(doc.create_page(index));
}

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

PdfFile::PdfFile(std::unique_ptr<poppler::document> doc) : m_doc(std::move(doc)) {}
PdfFile::PdfFile(PdfFile&&) noexcept = default;
PdfFile& PdfFile::operator=(PdfFile&&) noexcept = default;
PdfFile::~PdfFile() = default;

Result<PdfFile> PdfFile::open(std::string_view bytes) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
      bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) {
    return fail(codes::k_pdf_damaged,
                "the PDF is damaged and cannot be read (no usable cross-reference table or "
                "trailer); ask the sender for a fresh copy or scan the paper again");
  }
  if (doc->is_locked()) {
    return fail(codes::k_pdf_encrypted,
                "the PDF is protected by a password; ask the sender for a copy without a "
                "password (or print it to a new PDF) and send that");
  }
  if (doc->pages() <= 0) {
    return fail(codes::k_pdf_damaged,
                "the PDF has no pages; ask the sender for a complete copy");
  }
  return PdfFile(std::move(doc));
}

int PdfFile::page_count() const { return m_doc->pages(); }

std::string PdfFile::text(int index) const {
  auto page = load_page(*m_doc, index);
  if (!page) return {};
  const poppler::byte_array utf8 =
      page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
  return std::string(utf8.begin(), utf8.end());
}

double PdfFile::area_square_inches(int index) const {
  auto page = load_page(*m_doc, index);
  if (!page) return 0;
  const poppler::rectf box = page->page_rect(poppler::crop_box);
  return (box.width() / 72.0) * (box.height() / 72.0);
}

Result<PixPtr> PdfFile::render(int index, int dpi) const {
  auto page = load_page(*m_doc, index);
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
