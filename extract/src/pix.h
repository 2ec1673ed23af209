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

// A copy at half the resolution (area-averaged) when `gray` is a full page at scanning
// resolution (2000 pixels wide or more), else a clone; `factor` gets 2 or 1. The page's
// analyses (lighting, orientation, skew, lines) run on it, four times cheaper.
[[nodiscard]] PixPtr analysis_copy(Pix* gray, int& factor);

// `gray` with uneven lighting flattened: paper white, print dark. Null on failure.
[[nodiscard]] PixPtr clean_background(Pix* gray);

// `gray` with specks of dust and scanner noise (dark dots at most a hundredth of an inch
// across) painted white. Null on failure.
[[nodiscard]] PixPtr remove_specks(Pix* gray, int dpi);

// `small` thresholded to 1 bit at mid grey, for the two tests below; null on failure.
[[nodiscard]] PixPtr text_mask(Pix* small);

// Leptonica's quick test of ascenders and descenders on `mask` (text_mask of a page at
// about 150 dpi): `yes` when it says with confidence that the text stands upright (most
// pages, which then need no orientation detection by Tesseract, ten times slower), `no`
// when it says with confidence that it does not, `unknown` when it cannot tell (little
// text).
enum class Upright { yes, no, unknown };
[[nodiscard]] Upright upright(Pix* mask);

// The skew of the text lines of `mask` (text_mask), in degrees, when Leptonica finds one
// with confidence and it is large enough to trouble OCR; else 0.
[[nodiscard]] float find_skew(Pix* mask);

// `gray` turned by `degrees` (small angles), white brought in at the edges.
[[nodiscard]] PixPtr rotate_by(Pix* gray, float degrees);

// A 1-bit mask, at 1/`factor` of the size of `gray` (at `dpi`), of its long straight lines:
// scanner streaks, table and form rules (over an inch vertical, over two inches
// horizontal); null when there are none.
[[nodiscard]] PixPtr line_mask(Pix* gray, int dpi, int factor);

// `gray` with the pixels under `mask` (made at 1/`factor` of its size) painted white, so
// OCR does not read lines as "|" and "_". Null on failure.
[[nodiscard]] PixPtr paint_white(Pix* gray, Pix* mask, int factor);

}  // namespace naskah::extract
