#include "ocr_engine.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include "image_file.h"
#include "pdf_file.h"
#include "pdf_render.h"
#include "test_support.h"

namespace naskah::extract {
namespace {

using Clock = std::chrono::steady_clock;

PixPtr load_gray(const std::string& path) {
  const std::string bytes = test::read_text(path);
  auto pix = decode_image(bytes, FileType::png, 0);
  EXPECT_TRUE(pix);
  return to_gray8(pix->get());
}

class OcrEngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto engine = OcrEngine::create(OcrSettings{});
    ASSERT_TRUE(engine) << engine.error().message;
    s_engine = std::move(*engine);
  }
  static void TearDownTestSuite() { s_engine.reset(); }
  static std::unique_ptr<OcrEngine> s_engine;
};
std::unique_ptr<OcrEngine> OcrEngineTest::s_engine;

TEST_F(OcrEngineTest, ReadsPagesTurnedAnyWay) {
  const std::vector<std::pair<std::string, int>> cases = {
      {"tess-phototest-rotated-180.png", 180},
      {"tess-phototest-rotated-L.png", 90},
      {"tess-phototest-rotated-R.png", 270}};
  for (const auto& [name, rotation] : cases) {
    PixPtr gray = load_gray(test::shared_path("corpus/external/scans/" + name));
    auto page = s_engine->read(gray.get(), 300, Clock::now() + std::chrono::minutes(2));
    ASSERT_TRUE(page) << name << ": " << page.error().message;
    EXPECT_EQ(page->rotation, rotation) << name;
    EXPECT_NE(page->text.find("quick brown dog"), std::string::npos) << name << page->text;
    ASSERT_TRUE(page->confidence);
    EXPECT_GT(*page->confidence, 80.0) << name;
  }
  // Leptonica sees these are turned: the orientation model decided.
  EXPECT_TRUE(s_engine->orientation_model_loaded());
}

// A page whose print Leptonica cannot judge (its test is unsure of this one) but that reads
// as clean words is upright: the orientation model is not loaded for it.
TEST(OcrEngineOrientation, AnUnjudgedPageThatReadsCleanlyNeedsNoOrientationModel) {
  if (!test::have_shared()) GTEST_SKIP() << "no ../shared corpus";
  const std::string bytes = test::read_text(test::shared_path("corpus/dev/doc-008.scan300.pdf"));
  auto pdf = PdfFile::open(bytes);
  ASSERT_TRUE(pdf) << pdf.error().message;
  auto gray = render_page(*pdf, 0, 300);
  ASSERT_TRUE(gray) << gray.error().message;
  auto engine = OcrEngine::create(OcrSettings{});
  ASSERT_TRUE(engine) << engine.error().message;
  auto page = (*engine)->read(gray->get(), 300, Clock::now() + std::chrono::minutes(2));
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(page->rotation, 0);
  ASSERT_TRUE(page->confidence);
  EXPECT_GT(*page->confidence, 70.0);
  EXPECT_NE(page->text.find("KANTOR WILAYAH LAMPUNG"), std::string::npos) << page->text.substr(0, 400);
  EXPECT_FALSE((*engine)->orientation_model_loaded());
}

TEST_F(OcrEngineTest, BlankPageHasNoTextAndNoConfidence) {
  PixPtr blank(pixCreate(1000, 1400, 8));
  pixSetAllArbitrary(blank.get(), 255);
  auto page = s_engine->read(blank.get(), 150, Clock::now() + std::chrono::minutes(1));
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(page->text.find_first_not_of(" \n"), std::string::npos);
  EXPECT_FALSE(page->confidence);
  EXPECT_EQ(page->rotation, 0);
}

TEST_F(OcrEngineTest, DeadlineInThePastTimesOut) {
  PixPtr gray = load_gray(test::shared_path("corpus/external/scans/tess-phototest-rotated-L.png"));
  auto page = s_engine->read(gray.get(), 300, Clock::now() - std::chrono::seconds(1));
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().code, "extract.timeout");
}

TEST(OcrEngineCreate, MissingLanguageDataIsOcrFailed) {
  OcrSettings settings;
  settings.languages = "xyz";
  auto engine = OcrEngine::create(settings);
  ASSERT_FALSE(engine);
  EXPECT_EQ(engine.error().code, "ocr.failed");
  EXPECT_NE(engine.error().message.find("xyz"), std::string::npos);
}

}  // namespace
}  // namespace naskah::extract
