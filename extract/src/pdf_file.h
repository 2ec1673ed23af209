// A PDF opened with Poppler from bytes the caller keeps alive: page count, text layer,
// and pages rendered straight into Leptonica images. Not thread-safe: open one PdfFile
// per thread (they may share the same bytes).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "naskah/core/error.h"
#include "pix.h"

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
  // The page's text layer in reading order, UTF-8; empty when it has none.
  [[nodiscard]] std::string text(int index) const;
  // Page area in square inches (crop box), 0 when unknown.
  [[nodiscard]] double area_square_inches(int index) const;
  // Renders page `index` as 8-bit grey at `dpi`. Fails with pdf.damaged.
  [[nodiscard]] Result<PixPtr> render(int index, int dpi) const;

 private:
  explicit PdfFile(std::unique_ptr<poppler::document> doc);
  std::unique_ptr<poppler::document> m_doc;
};

}  // namespace naskah::extract
