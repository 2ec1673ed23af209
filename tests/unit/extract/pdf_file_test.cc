#include "pdf_file.h"
#include "pdf_render.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include "test_support.h"

namespace naskah::extract {
namespace {

TEST(PdfFile, ReadsTheTextLayer) {
  const std::string bytes = test::read_text(test::source_path("samples/mou-kanwil-universitas.pdf"));
  auto pdf = PdfFile::open(bytes);
  ASSERT_TRUE(pdf) << pdf.error().message;
  EXPECT_EQ(pdf->page_count(), 2);
  EXPECT_NE(pdf->text(0).find("NOTA KESEPAHAMAN"), std::string::npos);
  EXPECT_NEAR(pdf->area_square_inches(0), 8.27 * 11.69, 0.5);  // A4
}

TEST(PdfFile, ScanHasNoTextLayerAndRendersAtTheAskedResolution) {
  const std::string bytes =
      test::read_text(test::source_path("samples/mou-kanwil-universitas.scan.pdf"));
  auto pdf = PdfFile::open(bytes);
  ASSERT_TRUE(pdf) << pdf.error().message;
  EXPECT_TRUE(pdf->text(0).find_first_not_of(" \n\f") == std::string::npos);
  auto pix = render_page(*pdf, 1, 100);
  ASSERT_TRUE(pix) << pix.error().message;
  EXPECT_EQ(pixGetDepth(pix->get()), 8);
  EXPECT_NEAR(pixGetWidth(pix->get()), 827, 2);
  EXPECT_NEAR(pixGetHeight(pix->get()), 1169, 2);
  EXPECT_EQ(pixGetXRes(pix->get()), 100);
  // A scanned page is mostly white paper with dark print on it.
  l_float32 mean = 0;
  pixGetAverageMasked(pix->get(), nullptr, 0, 0, 1, L_MEAN_ABSVAL, &mean);
  EXPECT_GT(mean, 180.0f);
  EXPECT_LT(mean, 254.0f);
}

TEST(PdfFile, DamagedBytesAreRefused) {
  auto pdf = PdfFile::open("%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF");
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, "pdf.damaged");
}

TEST(PdfFile, PasswordProtectedIsEncrypted) {
  const std::string path = test::shared_path("corpus/bad/encrypted-user-password.pdf");
  auto pdf = PdfFile::open(test::read_text(path));
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, "pdf.encrypted");
}

TEST(PdfFile, OwnerPasswordOnlyOpens) {
  const std::string path = test::shared_path("corpus/bad/encrypted-owner-only.pdf");
  const std::string bytes = test::read_text(path);
  auto pdf = PdfFile::open(bytes);
  ASSERT_TRUE(pdf) << pdf.error().message;
  EXPECT_GE(pdf->page_count(), 1);
}

TEST(PdfFile, NoPagesIsDamaged) {
  const std::string path = test::shared_path("corpus/bad/zero-pages.pdf");
  auto pdf = PdfFile::open(test::read_text(path));
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, "pdf.damaged");
}

}  // namespace
}  // namespace naskah::extract
