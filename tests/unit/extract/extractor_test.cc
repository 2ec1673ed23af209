#include "naskah/extract/extractor.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "naskah/extract/record_builder.h"
#include "test_support.h"

namespace naskah::extract {
namespace {

Page layer(std::string text) { return Page{std::move(text), false, std::nullopt, 0, {}}; }
Page ocr(std::string text, std::optional<double> confidence,
         std::map<std::string, double> words = {}) {
  return Page{std::move(text), true, confidence, 0, std::move(words)};
}

TEST(Extraction, TextSourceFollowsThePagesThatHoldText) {
  Extraction e;
  e.pages = {layer("a"), layer("b")};
  EXPECT_EQ(e.text_source(), TextSource::text_layer);
  e.pages = {ocr("a", 90), ocr("b", 80)};
  EXPECT_EQ(e.text_source(), TextSource::ocr);
  e.pages = {layer("a"), ocr("b", 80)};
  EXPECT_EQ(e.text_source(), TextSource::mixed);
  // A blank page that was OCRed in vain does not make a digital PDF "mixed".
  e.pages = {layer("a"), ocr(" \n", std::nullopt)};
  EXPECT_EQ(e.text_source(), TextSource::text_layer);
  e.pages = {ocr("", std::nullopt)};
  EXPECT_EQ(e.text_source(), TextSource::ocr);
}

TEST(Extraction, ConfidenceIsTheMeanOverOcrPagesWithText) {
  Extraction e;
  e.pages = {layer("a"), ocr("b", 90), ocr("c", 81), ocr("", std::nullopt)};
  ASSERT_TRUE(e.ocr_confidence());
  EXPECT_DOUBLE_EQ(*e.ocr_confidence(), 85.5);
  e.pages = {layer("a")};
  EXPECT_FALSE(e.ocr_confidence());
}

TEST(Extraction, UnsureWordsAreThoseNeverReadWithConfidence) {
  Extraction e;
  // A stamp across "Bengkulu," on page 1 does not make the "Bengkulu" of page 2 doubtful;
  // the handwritten number read at 26 on the only page that has it is.
  e.pages = {ocr("p1", 80, {{"Bengkulu,", 41}, {"410/UN30", 26}, {"Nomor", 60}, {"Nomor:", 95}}),
             layer("p2"), ocr("p3", 90, {{"BENGKULU", 93}})};
  const auto unsure = e.unsure_words();
  ASSERT_TRUE(unsure.has_value());
  EXPECT_EQ(*unsure, (std::map<std::string, double>{{"410/un30", 26}}));
  e.pages = {layer("a")};
  EXPECT_FALSE(e.unsure_words().has_value());  // nothing OCRed: no word confidences at all
}

TEST(Extraction, PagesAreJoinedWithFormFeeds) {
  Extraction e;
  e.pages = {layer("one"), layer("two"), layer("three")};
  EXPECT_EQ(e.text(), "one\ftwo\fthree");
}

class ExtractorTest : public ::testing::Test {
 protected:
  static Options options() {
    Options o;
    o.workers = 2;
    return o;
  }
};

TEST_F(ExtractorTest, DigitalPdfUsesTheTextLayer) {
  Extractor extractor(options());
  const std::string bytes = test::read_text(test::source_path("samples/mou-kanwil-universitas.pdf"));
  auto e = extractor.extract(bytes);
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->type, FileType::pdf);
  EXPECT_EQ(e->pages.size(), 2u);
  EXPECT_EQ(e->text_source(), TextSource::text_layer);
  const AgreementRecord record = build_record(*e, bytes, "x.pdf");
  EXPECT_EQ(record.language, "id");
  EXPECT_EQ(record.sha256.size(), 64u);
  EXPECT_EQ(record.source.mime, "application/pdf");
  for (const auto& warning : record.warnings) {
    EXPECT_EQ(warning.find("no text"), std::string::npos) << warning;
    EXPECT_EQ(warning.find("OCR"), std::string::npos) << warning;
  }
  EXPECT_EQ(record.doc_type, "mou");
}

// Page n of the text is page n of the scan: a text layer's pages hold no form feed of
// their own (Poppler ends each with one), and text stored with those extra empty pages is
// put right when it is read again (reindex).
TEST_F(ExtractorTest, ATextLayerHasOnePageOfTextPerPage) {
  Extractor extractor(options());
  const std::string bytes =
      test::read_text(test::source_path("samples/mou-kanwil-universitas.pdf"));
  auto e = extractor.extract(bytes);
  ASSERT_TRUE(e) << e.error().message;
  AgreementRecord record = build_record(*e, bytes, "x.pdf");
  ASSERT_EQ(record.pages, 2);
  EXPECT_EQ(std::count(record.text.begin(), record.text.end(), '\f'), 1) << "two pages, one break";
  const std::string first = record.text.substr(0, record.text.find('\f'));
  const std::string second = record.text.substr(record.text.find('\f') + 1);
  EXPECT_NE(first.find_first_not_of(" \n"), std::string::npos);
  EXPECT_NE(second.find_first_not_of(" \n"), std::string::npos);

  AgreementRecord stored = record;
  stored.text = first + "\f\f" + second + "\f";  // as naskah stored it before
  EXPECT_EQ(reread_record(stored).text, record.text);
  stored.text = first + "\f\f" + second;  // not that shape: left as it is
  EXPECT_EQ(reread_record(stored).text, stored.text);
}

TEST_F(ExtractorTest, OneEngineSetReadsDocumentAfterDocument) {
  // The same Extractor (warm engines) on two scans, pages spread over two workers.
  Extractor extractor(options());
  const std::string tiff = test::read_text(test::source_path("samples/pks-lapas-pemda.skewed.tiff"));
  const std::string pdf =
      test::read_text(test::source_path("samples/pks-lapas-pemda.upside-down.pdf"));
  auto first = extractor.extract(tiff);
  ASSERT_TRUE(first) << first.error().message;
  auto second = extractor.extract(pdf);
  ASSERT_TRUE(second) << second.error().message;
  ASSERT_EQ(second->pages.size(), 2u);
  EXPECT_EQ(second->text_source(), TextSource::ocr);
  EXPECT_EQ(second->pages[0].rotation, 180);
  EXPECT_NE(second->pages[0].rotation + second->pages[1].rotation, 180);
  EXPECT_NE(second->text().find("PERJANJIAN KERJA SAMA"), std::string::npos);
  EXPECT_NE(first->text().find("PERJANJIAN KERJA SAMA"), std::string::npos);
}

TEST_F(ExtractorTest, UnsupportedBytesAreRefusedWithAReason) {
  Extractor extractor(options());
  auto e = extractor.extract("<html><body>502 Bad Gateway</body></html>");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, "input.unsupported-type");
  EXPECT_NE(e.error().message.find("web page"), std::string::npos);
  auto empty = extractor.extract("");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, "input.empty");
}

TEST_F(ExtractorTest, PageLimitIsRefused) {
  Options o = options();
  o.max_pages = 1;
  Extractor extractor(o);
  auto e = extractor.extract(test::read_text(test::source_path("samples/mou-kanwil-universitas.pdf")));
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, "input.too-large");
}

TEST_F(ExtractorTest, HugePdfPagesAreRenderedWithinThePixelLimit) {
  // 14400 x 14400 pt: 60000 px square at 300 dpi; read at a lower resolution instead.
  Options o = options();
  o.max_page_pixels = 20'000'000;
  Extractor extractor(o);
  auto e = extractor.extract(test::read_text(test::shared_path("corpus/bad/page-200x200-inches.pdf")));
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->pages.size(), 1u);
}

TEST_F(ExtractorTest, GarbageTextLayerIsReplacedByOcr) {
  Extractor extractor(options());
  auto e = extractor.extract(test::read_text(test::shared_path("corpus/bad/garbage-text-layer.pdf")));
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->text_source(), TextSource::ocr);
  EXPECT_EQ(e->text().find("zzkt"), std::string::npos);
}

TEST_F(ExtractorTest, TimeLimitIsRefused) {
  Options o = options();
  o.timeout = std::chrono::milliseconds(1);
  Extractor extractor(o);
  auto e = extractor.extract(test::read_text(test::source_path("samples/mou-kanwil-universitas.scan.pdf")));
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, "extract.timeout");
}

}  // namespace
}  // namespace naskah::extract
