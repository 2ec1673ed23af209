#include <nlohmann/json.hpp>
#include <gtest/gtest.h>

#include "naskah/core/record.h"

namespace naskah {
namespace {

TEST(RecordFromJson, RoundTripsEveryField) {
  AgreementRecord r;
  r.sha256 = std::string(64, 'a');
  r.source = {"in/x.pdf", std::string("https://example.org/x.pdf"), 42, "application/pdf"};
  r.pages = 3;
  r.text_source = TextSource::mixed;
  r.ocr_confidence = 88.5;
  r.unsure_words = std::map<std::string, double>{{"410/un30", 26.0}};
  r.language = "id";
  r.doc_type = "pks";
  r.title = "Judul";
  r.numbers = {"1/PKS/2021"};
  r.parties = {{"A", std::string("first"), std::string("Budi"), std::nullopt}};
  r.signed_date = "2021-01-02";
  r.place = "Semarang";
  r.office = "Kanwil";
  r.effective_date = "2021-01-02";
  r.end_date = "2024-01-02";
  r.duration = Duration{3, 0, 0};
  r.amounts = {{1000.0, "IDR", "Rp1.000"}};
  r.references = {"2 Tahun 2020"};
  r.dates = {{"2021-01-02", "2 Januari 2021"}};
  r.warnings = {"w"};
  r.text = "teks\fhalaman dua";
  const auto back = record_from_json(to_json(r, true));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(to_json(*back, true).dump(), to_json(r, true).dump());
}

TEST(RecordFromJson, MissingMembersStayUnknownAndWrongTypesAreRefused) {
  const auto sparse = record_from_json(nlohmann::json{{"sha256", "x"}});
  ASSERT_TRUE(sparse.has_value());
  EXPECT_FALSE(sparse->title.has_value());
  EXPECT_TRUE(sparse->parties.empty());
  EXPECT_FALSE(sparse->unsure_words.has_value());  // archived before OCR kept them
  const auto wrong = record_from_json(nlohmann::json{{"pages", "three"}});
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code, "record.invalid");
  EXPECT_FALSE(record_from_json(nlohmann::json::array()).has_value());
}

}  // namespace
}  // namespace naskah
