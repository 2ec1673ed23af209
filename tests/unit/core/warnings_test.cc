#include "naskah/core/warnings.h"

#include <gtest/gtest.h>

namespace naskah {
namespace {

TEST(Warnings, EverySentenceReadsBackIntoItsCodeAndValues) {
  const WarningValues values = {{"date", "2024-10-12"},
                                {"text", "Selasa tanggal 12 Oktober 2021"},
                                {"confidence", "41.5"},
                                {"id", std::string(64, 'a')},
                                {"shard", "tcp://10.0.0.2:33333"},
                                {"why", "Connection refused (context: connecting)"}};
  for (const std::string& code : warning_codes()) {
    const std::string text = warning_text(code, values);
    ASSERT_FALSE(text.empty()) << code;
    EXPECT_EQ(text.find('{'), std::string::npos) << code << ": " << text;
    const ReadWarning read = read_warning(text);
    EXPECT_EQ(read.code, code) << text;
    for (const auto& [name, value] : read.values) {
      EXPECT_EQ(warning_text(code, read.values), text);
      EXPECT_FALSE(value.empty()) << code << " " << name;
    }
  }
}

TEST(Warnings, TheContractsSentencesKeepTheirWords) {
  // CONTRACT.md's example, and sentences records already hold in archives.
  EXPECT_EQ(warning_text(warning::k_no_end_date), "no end date: the duration clause was not found");
  EXPECT_EQ(warning_text(warning::k_expired, {{"date", "2023-01-10"}}), "expired on 2023-01-10");
  const ReadWarning weekday =
      read_warning("the weekday in \"Senin tanggal 3 Januari 2024\" does not match the date");
  EXPECT_EQ(weekday.code, warning::k_weekday_mismatch);
  EXPECT_EQ(weekday.values, (WarningValues{{"text", "Senin tanggal 3 Januari 2024"}}));
  const ReadWarning ocr =
      read_warning("low OCR confidence (38.2): check the text against the scan");
  EXPECT_EQ(ocr.code, warning::k_low_ocr);
  EXPECT_EQ(ocr.values, (WarningValues{{"confidence", "38.2"}}));
}

TEST(Warnings, ASentenceOfNoKnownShapeIsOtherAndKeptWhole) {
  for (const char* text : {"a warning of a newer naskah", "expired on ", "", "no parties found!"}) {
    const ReadWarning read = read_warning(text);
    EXPECT_EQ(read.code, warning::k_other) << text;
    EXPECT_EQ(read.values, (WarningValues{{"text", text}}));
    EXPECT_EQ(warning_text(read.code, read.values), text);
  }
}

TEST(Warnings, JsonCarriesCodesAndParamsInOrder) {
  const auto j = warnings_json({"no parties found", "expired on 2020-01-01", "odd"});
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(j[0]["code"], "no-parties");
  EXPECT_TRUE(j[0]["params"].empty());
  EXPECT_EQ(j[1]["code"], "expired");
  EXPECT_EQ(j[1]["params"]["date"], "2020-01-01");
  EXPECT_EQ(j[2]["code"], "other");
  EXPECT_EQ(j[2]["params"]["text"], "odd");
}

}  // namespace
}  // namespace naskah
