#include "naskah/core/record.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace naskah {
namespace {

TEST(Record, EmptyRecordHasEveryContractFieldWithNullsAndEmptyLists) {
  AgreementRecord record;
  const auto json = to_json(record, false);
  for (const char* key : {"schema", "sha256", "source", "pages", "text_source", "ocr_confidence",
                          "language", "doc_type", "title", "numbers", "parties", "signed_date",
                          "place", "effective_date", "end_date", "duration", "amounts",
                          "references", "dates", "warnings"}) {
    EXPECT_TRUE(json.contains(key)) << key;
  }
  EXPECT_FALSE(json.contains("text"));
  EXPECT_EQ(json["schema"], "naskah.agreement/1");
  EXPECT_TRUE(json["doc_type"].is_null());
  EXPECT_TRUE(json["ocr_confidence"].is_null());
  EXPECT_TRUE(json["duration"].is_null());
  EXPECT_TRUE(json["source"]["url"].is_null());
  EXPECT_TRUE(json["numbers"].is_array() && json["numbers"].empty());
  EXPECT_TRUE(json["parties"].is_array() && json["parties"].empty());
}

TEST(Record, FieldsKeepTheContractOrderAndValues) {
  AgreementRecord record;
  record.sha256 = "ab";
  record.source = {"/in/x.pdf", std::nullopt, 42, "application/pdf"};
  record.pages = 3;
  record.text_source = TextSource::mixed;
  record.ocr_confidence = 88.5;
  record.parties.push_back({"Ombudsman RI", "second", "Dr. A", std::nullopt});
  record.duration = Duration{3, 0, 0};
  record.amounts.push_back({150000000.0, "IDR", "Rp150.000.000,00"});
  record.dates.push_back({"2021-10-12", "12 Oktober 2021"});
  record.text = "a\fb";
  const auto json = to_json(record, true);
  EXPECT_EQ(json.begin().key(), "schema");
  EXPECT_EQ(json["text_source"], "mixed");
  EXPECT_EQ(json["source"]["bytes"], 42);
  EXPECT_DOUBLE_EQ(json["ocr_confidence"].get<double>(), 88.5);
  EXPECT_EQ(json["parties"][0]["role"], "second");
  EXPECT_TRUE(json["parties"][0]["position"].is_null());
  EXPECT_EQ(json["duration"]["years"], 3);
  EXPECT_EQ(json["amounts"][0]["currency"], "IDR");
  EXPECT_EQ(json["dates"][0]["value"], "2021-10-12");
  EXPECT_EQ(json["text"], "a\fb");
}

TEST(Record, TextSourceNames) {
  EXPECT_STREQ(to_string(TextSource::text_layer), "text-layer");
  EXPECT_STREQ(to_string(TextSource::ocr), "ocr");
  EXPECT_STREQ(to_string(TextSource::mixed), "mixed");
}

}  // namespace
}  // namespace naskah
