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

// `pix` straightened when Leptonica finds a skew of more than a tenth of a degree;
// otherwise a clone. Never null for a non-null 8-bit input.
[[nodiscard]] PixPtr deskew(Pix* pix);

}  // namespace naskah::extract
