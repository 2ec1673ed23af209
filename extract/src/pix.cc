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

PixPtr analysis_copy(Pix* gray, int& factor) {
  constexpr l_int32 k_min_width_to_halve = 2000;
  factor = pixGetWidth(gray) >= k_min_width_to_halve ? 2 : 1;
  return PixPtr(factor == 2 ? pixScaleAreaMap2(gray) : pixClone(gray));
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

PixPtr text_mask(Pix* small) { return PixPtr(pixThresholdToBinary(small, 128)); }

Upright upright(Pix* mask) {
  l_float32 up = 0;
  l_float32 left = 0;
  if (pixOrientDetect(mask, &up, &left, 0, 0) != 0) return Upright::unknown;
  l_int32 orientation = L_TEXT_ORIENT_UNKNOWN;
  // Zeros pick Leptonica's defaults (confidence 8 and a ratio of 2.5 between the two axes).
  if (makeOrientDecision(up, left, 0.0f, 0.0f, &orientation, 0) != 0) return Upright::unknown;
  if (orientation == L_TEXT_ORIENT_UP) return Upright::yes;
  return orientation == L_TEXT_ORIENT_UNKNOWN ? Upright::unknown : Upright::no;
}

float find_skew(Pix* mask) {
  l_float32 angle = 0;
  l_float32 confidence = 0;
  // Below confidence 3 Leptonica's skew search is guessing (its own threshold); below 0.3
  // degrees Tesseract's line finding copes by itself, and rotating costs more than it gains.
  constexpr l_float32 k_min_confidence = 3.0f;
  constexpr l_float32 k_min_angle = 0.3f;
  if (pixFindSkew(mask, &angle, &confidence) != 0 || confidence < k_min_confidence ||
      std::fabs(angle) < k_min_angle) {
    return 0;
  }
  return angle;
}

PixPtr rotate_by(Pix* gray, float degrees) {
  // Area mapping keeps strokes smooth; the cost is one pass over the page.
  return PixPtr(pixRotate(gray, degrees * static_cast<l_float32>(M_PI / 180.0),
                          L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
}

PixPtr line_mask(Pix* gray, int dpi, int factor) {
  // Faint, thin lines break up when thresholded: take everything not quite white, at full
  // resolution (a one-pixel streak fades when averaged down), reduce keeping any dark
  // pixel, and bridge gaps of a few pixels along the line before measuring its length.
  PixPtr binary(pixThresholdToBinary(gray, 200));
  if (binary && factor == 2) binary.reset(pixReduceRankBinary2(binary.get(), 1, nullptr));
  if (!binary) return nullptr;
  dpi /= factor;
  PixPtr tall(pixCloseBrick(nullptr, binary.get(), 1, 5));
  PixPtr wide(pixCloseBrick(nullptr, binary.get(), 5, 1));
  if (!tall || !wide) return nullptr;
  PixPtr vertical(pixOpenBrick(nullptr, tall.get(), 1, std::max(10, dpi)));
  PixPtr horizontal(pixOpenBrick(nullptr, wide.get(), std::max(20, 2 * dpi), 1));
  if (!vertical || !horizontal) return nullptr;
  PixPtr lines(pixOr(nullptr, vertical.get(), horizontal.get()));
  l_int32 empty = 1;
  if (!lines || pixZero(lines.get(), &empty) != 0 || empty) return nullptr;
  return lines;
}

PixPtr paint_white(Pix* gray, Pix* mask, int factor) {
  PixPtr full(factor == 1 ? pixClone(mask) : pixExpandBinaryPower2(mask, factor));
  if (!full) return nullptr;
  // Widen by a pixel each way to take the grey fringe of the line with it.
  PixPtr wide(pixDilateBrick(nullptr, full.get(), 3, 3));
  PixPtr clean(pixCopy(nullptr, gray));
  if (!wide || !clean) return nullptr;
  // The expanded mask may be a pixel larger than the page: pixSetMasked aligns at the origin.
  if (pixSetMasked(clean.get(), wide.get(), 0xff) != 0) return nullptr;
  return clean;
}

}  // namespace naskah::extract
