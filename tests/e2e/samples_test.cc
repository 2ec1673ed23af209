// naskah extract on our own samples: every scan kind comes out as text close to its source.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace naskah {
namespace {

struct Sample {
  std::string file;
  std::string truth;
  std::string text_source;
  int pages;
  double max_cer;
  std::string doc_type;
  std::string end_date;
};

void PrintTo(const Sample& sample, std::ostream* os) { *os << sample.file; }

class SampleTest : public ::testing::TestWithParam<Sample> {};

TEST_P(SampleTest, TextIsRecovered) {
  const Sample& s = GetParam();
  auto r = test::run_naskah({"extract", "--json", "--text", test::source_path("samples/" + s.file)});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  const auto record = nlohmann::json::parse(r.out);
  EXPECT_EQ(record["pages"], s.pages);
  EXPECT_EQ(record["text_source"], s.text_source);
  const std::string truth = test::read_text(test::source_path("samples/text/" + s.truth));
  const double cer = test::char_error_rate(truth, record["text"].get<std::string>());
  EXPECT_LT(cer, s.max_cer) << s.file;
  RecordProperty("cer", std::to_string(cer));
  EXPECT_EQ(record["doc_type"], s.doc_type);
  EXPECT_EQ(record["end_date"], s.end_date);
  if (s.text_source != "text-layer") {
    ASSERT_TRUE(record["ocr_confidence"].is_number());
    EXPECT_GT(record["ocr_confidence"].get<double>(), 60.0);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Samples, SampleTest,
    ::testing::Values(
        Sample{"mou-kanwil-universitas.pdf", "mou-kanwil-universitas.txt", "text-layer", 2, 0.03,
               "mou", "2024-10-12"},
        Sample{"mou-kanwil-universitas.scan.pdf", "mou-kanwil-universitas.txt", "ocr", 2, 0.06,
               "mou", "2024-10-12"},
        Sample{"pks-lapas-pemda.skewed.tiff", "pks-lapas-pemda.txt", "ocr", 2, 0.10, "pks",
               "2023-12-31"},
        Sample{"pks-lapas-pemda.upside-down.pdf", "pks-lapas-pemda.txt", "ocr", 2, 0.10, "pks",
               "2023-12-31"},
        Sample{"mou-english.photo.jpg", "mou-english.txt", "ocr", 1, 0.12, "mou", "2027-03-03"}),
    [](const ::testing::TestParamInfo<Sample>& param_info) {
      std::string name;
      for (char c : param_info.param.file) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      return name;
    });

}  // namespace
}  // namespace naskah
