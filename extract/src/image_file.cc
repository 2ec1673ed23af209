#include "image_file.h"

#include <cstdio>
#include <memory>
#include <string>

#include <leptonica/allheaders.h>

namespace naskah::extract {
namespace {

const l_uint8* data_of(std::string_view bytes) {
  return reinterpret_cast<const l_uint8*>(bytes.data());
}

tl::unexpected<Error> damaged(const std::string& what) {
  return fail(codes::k_image_damaged,
              what + "; the image file is damaged or cut short. Scan the paper again or ask "
                     "the sender for a new copy");
}

Result<void> check_size(long long width, long long height, std::uint64_t max_pixels, int page) {
  if (width <= 0 || height <= 0) {
    return damaged("page " + std::to_string(page + 1) + " declares no size");
  }
  const auto pixels = static_cast<std::uint64_t>(width) * static_cast<std::uint64_t>(height);
  if (pixels > max_pixels) {
    return fail(codes::k_input_too_large,
                "page " + std::to_string(page + 1) + " is " + std::to_string(width) + " x " +
                    std::to_string(height) + " pixels (" + std::to_string(pixels / 1'000'000) +
                    " million), over the limit of " + std::to_string(max_pixels / 1'000'000) +
                    " million; scan at 300 dpi, or raise limits.max_page_megapixels");
  }
  return {};
}

struct FileCloser {
  void operator()(FILE* f) const noexcept { std::fclose(f); }
};

Result<int> tiff_page_count(std::string_view bytes) {
  std::unique_ptr<FILE, FileCloser> file(fopenReadFromMemory(data_of(bytes), bytes.size()));
  l_int32 count = 0;
  if (!file || tiffGetCount(file.get(), &count) != 0 || count <= 0) {
    return damaged("the TIFF pages cannot be counted");
  }
  return count;
}

}  // namespace

Result<int> check_image(std::string_view bytes, FileType type, std::uint64_t max_pixels,
                        int max_pages) {
  int pages = 1;
  if (type == FileType::tiff) {
    auto count = tiff_page_count(bytes);
    if (!count) return count;
    pages = *count;
  }
  if (pages > max_pages) {
    return fail(codes::k_input_too_large,
                "the file has " + std::to_string(pages) + " pages, over the limit of " +
                    std::to_string(max_pages) + "; split it or raise limits.max_pages");
  }
  for (int page = 0; page < pages; ++page) {
    l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, cmap = 0, format = 0;
    const bool ok = type == FileType::tiff
                        ? readHeaderMemTiff(data_of(bytes), bytes.size(), page, &w, &h, &bps,
                                            &spp, &res, &cmap, &format) == 0
                        : pixReadHeaderMem(data_of(bytes), bytes.size(), &format, &w, &h, &bps,
                                           &spp, &cmap) == 0;
    if (!ok) return damaged("the header of page " + std::to_string(page + 1) + " is unreadable");
    if (auto r = check_size(w, h, max_pixels, page); !r) return tl::unexpected(r.error());
  }
  return pages;
}

Result<PixPtr> decode_image(std::string_view bytes, FileType type, int index) {
  PixPtr pix(type == FileType::tiff ? pixReadMemTiff(data_of(bytes), bytes.size(), index)
                                    : pixReadMem(data_of(bytes), bytes.size()));
  if (!pix) return damaged("page " + std::to_string(index + 1) + " cannot be decoded");
  return pix;
}

int image_dpi(Pix* pix) {
  const l_int32 res = pixGetXRes(pix);
  // Missing (0) or absurd resolutions are common in phone photos and bad scanners;
  // Tesseract reads best when told a plausible one.
  if (res < 70 || res > 1200) return 300;
  return res;
}

}  // namespace naskah::extract
