#include "pdf_file.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>

namespace naskah::extract {
namespace {

std::unique_ptr<poppler::page> load_page(const poppler::document& doc, int index) {
  return std::unique_ptr<poppler::page>(doc.create_page(index));
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
      page->text(poppler::rectf(), poppler::page::raw_order_layout).to_utf8();
  std::string text(utf8.begin(), utf8.end());
  // Poppler ends a page with a form feed; in a record a form feed separates pages, so one
  // left here would make an empty page after each page (page n of the text beside page 2n
  // of the scan).
  while (!text.empty() && text.back() == '\f') text.pop_back();
  std::replace(text.begin(), text.end(), '\f', '\n');
  return text;
}

double PdfFile::area_square_inches(int index) const {
  auto page = load_page(*m_doc, index);
  if (!page) return 0;
  const poppler::rectf box = page->page_rect(poppler::crop_box);
  return (box.width() / 72.0) * (box.height() / 72.0);
}

}  // namespace naskah::extract
