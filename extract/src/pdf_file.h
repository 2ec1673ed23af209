// A PDF opened with Poppler from bytes the caller keeps alive: page count, text layer,
// page size (rendering is in pdf_render.h, part of the OCR plugin). Not thread-safe: open
// one PdfFile per thread (they may share the same bytes).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "naskah/core/error.h"

namespace poppler {
class document;
}

namespace naskah::extract {

class PdfFile {
 public:
  // Opens `bytes` (which must outlive the PdfFile). Fails with pdf.encrypted when a
  // password is needed, pdf.damaged when Poppler cannot read it or it has no pages.
  [[nodiscard]] static Result<PdfFile> open(std::string_view bytes);

  PdfFile(PdfFile&&) noexcept;
  PdfFile& operator=(PdfFile&&) noexcept;
  ~PdfFile();

  [[nodiscard]] int page_count() const;
  // The page's text layer in the order it was written (as `pdftotext -raw`): office
  // programs and OCR tools write in reading order, which keeps signature columns and
  // "label : value" lines whole where a layout analysis would interleave them. UTF-8;
  // empty when the page has no text layer.
  [[nodiscard]] std::string text(int index) const;
  // Page area in square inches (crop box), 0 when unknown.
  [[nodiscard]] double area_square_inches(int index) const;
  [[nodiscard]] const poppler::document& document() const { return *m_doc; }

 private:
  explicit PdfFile(std::unique_ptr<poppler::document> doc);
  std::unique_ptr<poppler::document> m_doc;
};

}  // namespace naskah::extract
