// Image files (TIFF incl. multi-page, PNG, JPEG) read from memory with Leptonica. Headers
// are checked against the pixel limit before any page is decoded, so a decompression bomb
// is refused without allocating it. Thread-safe: every call works on its own decoder.
#pragma once

#include <cstdint>
#include <string_view>

#include "naskah/core/error.h"
#include "naskah/extract/extractor.h"
#include "pix.h"

namespace naskah::extract {

// Number of pages (1 for PNG and JPEG), after checking every page header against
// `max_pixels` and `max_pages`. Fails with image.damaged, input.too-large.
[[nodiscard]] Result<int> check_image(std::string_view bytes, FileType type,
                                      std::uint64_t max_pixels, int max_pages);

// Decodes page `index` (checked by check_image first). Fails with image.damaged.
[[nodiscard]] Result<PixPtr> decode_image(std::string_view bytes, FileType type, int index);

// The image's resolution in dots per inch, or a sane guess when it is missing or absurd.
[[nodiscard]] int image_dpi(Pix* pix);

}  // namespace naskah::extract
