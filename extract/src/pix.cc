#include "pix.h"

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

PixPtr deskew(Pix* pix) {
  l_float32 angle = 0;
  l_float32 confidence = 0;
  // Zeros pick Leptonica's defaults: sweep +-7 degrees, binary search to 0.01 degree.
  PixPtr straight(pixDeskewGeneral(pix, 0, 0.0f, 0.0f, 0, 0, &angle, &confidence));
  if (!straight) return PixPtr(pixClone(pix));
  return straight;
}

}  // namespace naskah::extract
