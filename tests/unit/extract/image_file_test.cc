#include "image_file.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include "test_support.h"

namespace naskah::extract {
namespace {

// A white PNG of the given size, encoded in memory.
std::string png(int width, int height) {
  PixPtr pix(pixCreate(width, height, 8));
  pixSetAllArbitrary(pix.get(), 255);
  l_uint8* data = nullptr;
  size_t size = 0;
  EXPECT_EQ(pixWriteMemPng(&data, &size, pix.get(), 0.0f), 0);
  std::string bytes(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return bytes;
}

TEST(ImageFile, SmallPngIsOnePage) {
  const std::string bytes = png(200, 100);
  auto pages = check_image(bytes, FileType::png, 1'000'000, 10);
  ASSERT_TRUE(pages) << pages.error().message;
  EXPECT_EQ(*pages, 1);
  auto pix = decode_image(bytes, FileType::png, 0);
  ASSERT_TRUE(pix);
  EXPECT_EQ(pixGetWidth(pix->get()), 200);
}

TEST(ImageFile, TooManyPixelsRefusedFromTheHeader) {
  auto pages = check_image(png(2000, 1000), FileType::png, 1'000'000, 10);
  ASSERT_FALSE(pages);
  EXPECT_EQ(pages.error().code, "input.too-large");
  EXPECT_NE(pages.error().message.find("2000 x 1000"), std::string::npos);
}

TEST(ImageFile, DecompressionBombRefusedWithoutDecoding) {
  const std::string path = test::shared_path("corpus/bad/bomb-80000px.png");
  auto pages = check_image(test::read_text(path), FileType::png, 80'000'000, 10);
  ASSERT_FALSE(pages);
  EXPECT_EQ(pages.error().code, "input.too-large");
}

TEST(ImageFile, MultiPageTiffCountsEveryPage) {
  const std::string bytes = test::read_text(test::source_path("samples/pks-lapas-pemda.skewed.tiff"));
  auto pages = check_image(bytes, FileType::tiff, 80'000'000, 10);
  ASSERT_TRUE(pages) << pages.error().message;
  EXPECT_EQ(*pages, 2);
  auto second = decode_image(bytes, FileType::tiff, 1);
  ASSERT_TRUE(second);
  EXPECT_EQ(image_dpi(second->get()), 300);
  auto limited = check_image(bytes, FileType::tiff, 80'000'000, 1);
  ASSERT_FALSE(limited);
  EXPECT_EQ(limited.error().code, "input.too-large");
}

TEST(ImageFile, GarbageIsDamaged) {
  const std::string bytes = std::string("II*\0", 4) + std::string(100, '\x7f');
  auto pages = check_image(bytes, FileType::tiff, 80'000'000, 10);
  ASSERT_FALSE(pages);
  EXPECT_EQ(pages.error().code, "image.damaged");
  const std::string truncated_png = png(300, 300).substr(0, 60);
  auto decoded = decode_image(truncated_png, FileType::png, 0);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().code, "image.damaged");
}

TEST(ImageFile, MissingResolutionIsGuessed) {
  PixPtr pix(pixCreate(10, 10, 8));
  pixSetResolution(pix.get(), 0, 0);
  EXPECT_EQ(image_dpi(pix.get()), 300);
  pixSetResolution(pix.get(), 2400, 2400);
  EXPECT_EQ(image_dpi(pix.get()), 300);
  pixSetResolution(pix.get(), 200, 200);
  EXPECT_EQ(image_dpi(pix.get()), 200);
}

}  // namespace
}  // namespace naskah::extract
