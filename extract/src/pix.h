// Owning handle for Leptonica images and conversions to the 8-bit grey OCR works on.
// Thread-safe (no shared state).
#pragma once

#include <memory>

struct Pix;

namespace naskah::extract {

struct PixDeleter {
  void operator()(Pix* pix) const noexcept;
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// An 8-bit grey copy of any Leptonica image (alpha blended onto white, colour to
// luminance); null when Leptonica cannot convert it.
[[nodiscard]] PixPtr to_gray8(Pix* pix);

// `pix` turned clockwise by `degrees` (0, 90, 180, 270).
[[nodiscard]] PixPtr rotate_orth(Pix* pix, int degrees);

// `pix` (8-bit grey) with uneven lighting flattened: paper white, print dark. Null when
// Leptonica cannot process it.
[[nodiscard]] PixPtr clean_background(Pix* gray);

// `gray` (clean background) with specks of dust and scanner noise, dark dots at most a
// hundredth of an inch across, painted white. Null when Leptonica cannot process it.
[[nodiscard]] PixPtr remove_specks(Pix* gray, int dpi);

// `gray` with long straight lines (scanner streaks, table and form rules: over an inch
// vertical, over two inches horizontal) painted white, so OCR does not read them as "|"
// and "_". Null when Leptonica cannot process it.
[[nodiscard]] PixPtr remove_lines(Pix* gray, int dpi);

// `pix` (8-bit grey, clean background) straightened when a skew between a tenth of a
// degree and the search range is found with confidence; otherwise a clone. `angle` gets
// the correction applied, in degrees.
[[nodiscard]] PixPtr deskew(Pix* gray, float& angle);

}  // namespace naskah::extract
