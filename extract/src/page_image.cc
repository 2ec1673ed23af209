#include "page_image.h"

#include <leptonica/allheaders.h>

#include <cmath>
#include <cstdlib>

#include "image_file.h"
#include "pdf_file.h"
#include "pdf_render.h"
#include "pix.h"

namespace naskah::extract {
namespace {

Result<std::string> encode_png(Pix* pix, int rotation) {
  PixPtr turned;
  if (rotation % 360 != 0) {
    turned = rotate_orth(pix, rotation);
    if (!turned) return fail(codes::k_internal, "the page image could not be turned");
    pix = turned.get();
  }
  l_uint8* data = nullptr;
  size_t size = 0;
  if (pixWriteMem(&data, &size, pix, IFF_PNG) != 0 || data == nullptr) {
    return fail(codes::k_internal, "the page image could not be encoded as PNG");
  }
  std::string png(reinterpret_cast<const char*>(data), size);
  std::free(data);
  return png;
}

tl::unexpected<Error> no_such_page(int index) {
  return fail("page.unknown", "the file has no page " + std::to_string(index + 1));
}

}  // namespace

Result<std::string> page_png(std::string_view bytes, FileType type, int index, int dpi,
                             std::uint64_t max_pixels, int rotation) {
  if (type == FileType::pdf) {
    auto pdf = PdfFile::open(bytes);
    if (!pdf) return tl::unexpected(pdf.error());
    if (index < 0 || index >= pdf->page_count()) return no_such_page(index);
    const double area = pdf->area_square_inches(index);
    if (area * dpi * dpi > static_cast<double>(max_pixels)) {
      dpi = std::max(10, static_cast<int>(std::sqrt(static_cast<double>(max_pixels) / area)));
    }
    auto pix = render_page(*pdf, index, dpi);
    if (!pix) return tl::unexpected(pix.error());
    return encode_png(pix->get(), rotation);
  }
  auto pages = check_image(bytes, type, max_pixels, 100'000);
  if (!pages) return tl::unexpected(pages.error());
  if (index < 0 || index >= *pages) return no_such_page(index);
  auto pix = decode_image(bytes, type, index);
  if (!pix) return tl::unexpected(pix.error());
  const int own_dpi = image_dpi(pix->get());
  if (own_dpi <= dpi) return encode_png(pix->get(), rotation);
  const auto factor = static_cast<l_float32>(dpi) / static_cast<l_float32>(own_dpi);
  PixPtr scaled(pixScale(pix->get(), factor, factor));
  if (!scaled) return fail(codes::k_image_damaged, "the page image could not be scaled");
  return encode_png(scaled.get(), rotation);
}

}  // namespace naskah::extract
