#include "pix.h"

#include <algorithm>
#include <cmath>

#include <leptonica/allheaders.h>

namespace naskah::extract {

void PixDeleter::operator()(Pix* pix) const noexcept { pixDestroy(&pix); }

PixPtr to_gray8(Pix* pix) {
  if (pix == nullptr) return nullptr;
  PixPtr source(pixClone(pix));
  if (pixGetDepth(pix) == 32 && pixGetSpp(pix) == 4) {
    // Transparent scans (PNG/TIFF with alpha) would turn black: lay them on white paper.
    source.reset(pixAlphaBlendUniform(pix, 0xffffff00));
    if (!source) return nullptr;
  }
  if (pixGetDepth(source.get()) == 8 && pixGetColormap(source.get()) == nullptr) {
    return source;
  }
  PixPtr gray(pixConvertTo8(source.get(), 0));
  return gray;
}

PixPtr rotate_orth(Pix* pix, int degrees) {
  const int quads = ((degrees / 90) % 4 + 4) % 4;
  if (quads == 0) return PixPtr(pixClone(pix));
  return PixPtr(pixRotateOrth(pix, quads));
}

PixPtr clean_background(Pix* gray) {
  // Defaults of Leptonica's own example: no gamma change, black below 70, white above 190.
  return PixPtr(pixCleanBackgroundToWhite(gray, nullptr, nullptr, 1.0f, 70, 190));
}

PixPtr remove_specks(Pix* gray, int dpi) {
  const l_int32 max_size = std::max(1, dpi / 100);  // 3 px at 300 dpi; a full stop is 5+
  PixPtr binary(pixThresholdToBinary(gray, 128));
  if (!binary) return nullptr;
  l_int32 changed = 0;
  PixPtr specks(pixSelectBySize(binary.get(), max_size, max_size, 8, L_SELECT_IF_BOTH,
                                L_SELECT_IF_LTE, &changed));
  if (!specks) return nullptr;
  PixPtr clean(pixCopy(nullptr, gray));
  if (!clean || pixSetMasked(clean.get(), specks.get(), 0xff) != 0) return nullptr;
  return clean;
}

PixPtr remove_lines(Pix* gray, int dpi) {
  // Faint, thin lines break up when thresholded: take everything not quite white, and
  // bridge gaps of a few pixels along the line's direction before measuring its length.
  PixPtr binary(pixThresholdToBinary(gray, 200));
  if (!binary) return nullptr;
  PixPtr tall(pixCloseBrick(nullptr, binary.get(), 1, 7));
  PixPtr wide(pixCloseBrick(nullptr, binary.get(), 7, 1));
  if (!tall || !wide) return nullptr;
  PixPtr vertical(pixOpenBrick(nullptr, tall.get(), 1, std::max(20, dpi)));
  PixPtr horizontal(pixOpenBrick(nullptr, wide.get(), std::max(40, 2 * dpi), 1));
  if (!vertical || !horizontal) return nullptr;
  PixPtr lines(pixOr(nullptr, vertical.get(), horizontal.get()));
  if (!lines) return nullptr;
  // Widen by a pixel each way to take the grey fringe of the line with it.
  PixPtr mask(pixDilateBrick(nullptr, lines.get(), 3, 3));
  if (!mask) return nullptr;
  PixPtr clean(pixCopy(nullptr, gray));
  if (!clean || pixSetMasked(clean.get(), mask.get(), 0xff) != 0) return nullptr;
  return clean;
}

PixPtr deskew(Pix* gray, float& angle) {
  angle = 0;
  PixPtr binary(pixThresholdToBinary(gray, 128));
  if (!binary) return PixPtr(pixClone(gray));
  l_float32 found = 0;
  l_float32 confidence = 0;
  // Below this confidence Leptonica's skew search is guessing (its own threshold is 3).
  constexpr l_float32 k_min_confidence = 3.0f;
  if (pixFindSkew(binary.get(), &found, &confidence) != 0 || confidence < k_min_confidence ||
      std::fabs(found) < 0.1f) {
    return PixPtr(pixClone(gray));
  }
  PixPtr straight(pixRotate(gray, found * static_cast<l_float32>(M_PI / 180.0), L_ROTATE_AREA_MAP,
                            L_BRING_IN_WHITE, 0, 0));
  if (!straight) return PixPtr(pixClone(gray));
  angle = found;
  return straight;
}

}  // namespace naskah::extract
