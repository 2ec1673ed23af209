// Page images for people (the web's page view), part of the OCR plugin: a PDF page rendered
// by Poppler or an image file's page decoded by Leptonica, as PNG. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "naskah/core/error.h"
#include "naskah/extract/extractor.h"

namespace naskah::extract {

// Page `index` (0-based) at about `dpi` (an image file is scaled from its own resolution),
// turned `rotation` degrees clockwise, as PNG bytes. Fails with page.unknown for a page the
// file does not have, with the file's CONTRACT code when it cannot be read, input.too-large
// above `max_pixels`.
[[nodiscard]] Result<std::string> page_png(std::string_view bytes, FileType type, int index,
                                           int dpi, std::uint64_t max_pixels, int rotation = 0);

}  // namespace naskah::extract
