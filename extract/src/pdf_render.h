// Poppler pages rendered straight into Leptonica images, for OCR (no temporary files).
// Thread-safe for distinct PdfFile objects.
#pragma once

#include "naskah/core/error.h"
#include "pdf_file.h"
#include "pix.h"

namespace naskah::extract {

// Renders page `index` of `pdf` as 8-bit grey at `dpi`, with its resolution set.
// Fails with pdf.damaged.
[[nodiscard]] Result<PixPtr> render_page(const PdfFile& pdf, int index, int dpi);

}  // namespace naskah::extract
