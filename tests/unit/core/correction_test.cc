#include "naskah/core/correction.h"

#include <gtest/gtest.h>

#include "naskah/core/csv.h"

namespace naskah {
namespace {
using Json = nlohmann::json;

TEST(Correction, EachKindOfFieldIsCheckedAndNormalised) {
  EXPECT_EQ(*checked_value("signed_date", " 2024-02-29 "), "2024-02-29");
  EXPECT_FALSE(checked_value("signed_date", "2023-02-29")) << "not a leap year";
  EXPECT_FALSE(checked_value("end_date", "31/12/2024"));
  EXPECT_EQ(checked_value("end_date", nullptr)->is_null(), true);
  EXPECT_EQ(*checked_value("doc_type", "pks"), "pks");
  EXPECT_EQ(checked_value("doc_type", "surat").error().code, codes::k_usage_invalid);
  EXPECT_EQ(*checked_value("title", "  Kerja Sama  "), "Kerja Sama");
  EXPECT_FALSE(checked_value("title", "   "));
  EXPECT_EQ(*checked_value("numbers", Json::array({" W8-UM.01.01-5431 "})),
            Json::array({"W8-UM.01.01-5431"}));
  EXPECT_FALSE(checked_value("numbers", "W8"));
  const auto parties = checked_value(
      "parties", Json::array({{{"name", "Universitas Udayana"}, {"role", "second"}}}));
  ASSERT_TRUE(parties);
  EXPECT_EQ(parties->at(0).at("name"), "Universitas Udayana");
  EXPECT_TRUE(parties->at(0).at("signatory").is_null());
  EXPECT_FALSE(checked_value("parties", Json::array({{{"role", "first"}}}))) << "no name";
  EXPECT_EQ(checked_value("duration", {{"years", 2}})->at("months"), 0);
  EXPECT_FALSE(checked_value("duration", {{"years", -1}}));
  EXPECT_FALSE(checked_value("amounts", Json::array({{{"value", 5}, {"currency", "rupiah"}}})));
  EXPECT_EQ(*checked_value("not_agreement", true), true);
  EXPECT_FALSE(checked_value("duplicate_of", "abc"));
  // A family's parent, set by hand: another agreement's id, or null for "none in the archive".
  EXPECT_EQ(*checked_value("parent", std::string(64, 'b')), std::string(64, 'b'));
  EXPECT_TRUE(checked_value("parent", nullptr)->is_null());
  EXPECT_FALSE(checked_value("parent", "W8-UM.01.01-5431")) << "an id, not a number";
  EXPECT_FALSE(checked_value("sha256", "x")) << "not a correctable field";
  EXPECT_FALSE(checked_value("text", "x"));
}

TEST(Correction, ValuesTypedOnTheCommandLine) {
  EXPECT_EQ(*value_from_text("place", "Denpasar"), "Denpasar");
  EXPECT_TRUE(value_from_text("place", "null")->is_null());
  EXPECT_EQ(*value_from_text("not_agreement", "ya"), true);
  EXPECT_EQ(value_from_text("parties", R"([{"name": "A"}])")->at(0).at("name"), "A");
  const auto not_json = value_from_text("parties", "A dan B");
  ASSERT_FALSE(not_json);
  EXPECT_NE(not_json.error().message.find("JSON"), std::string::npos);
}

TEST(Correction, AppliedOverTheParsedRecordMarkedAndNoLongerFlagged) {
  AgreementRecord parsed;
  parsed.sha256 = std::string(64, 'a');
  parsed.signed_date = "2021-10-12";
  parsed.end_date = "2024-10-12";
  parsed.confidence["signed_date"] = 0.4;
  parsed.needs_review = {{review::k_doubtful, "signed_date", std::nullopt},
                         {review::k_missing, "place", std::nullopt}};
  parsed.text = "teks";
  const std::vector<Correction> corrections = {
      {"signed_date", "2021-10-13", "2021-10-12", "opi", "2026-12-03T10:00:00Z", ""},
      {"signed_date", "2021-10-14", "2021-10-13", "adi", "2026-12-03T11:00:00Z", "salah ketik"},
      {"end_date", "2024-10-12", "2024-10-12", "adi", "2026-12-03T11:00:00Z", ""}};  // confirmed
  const auto effective = apply_corrections(parsed, corrections);
  ASSERT_TRUE(effective);
  EXPECT_EQ(effective->signed_date, "2021-10-14") << "the last correction wins";
  EXPECT_EQ(effective->corrected, (std::vector<std::string>{"signed_date", "end_date"}));
  EXPECT_EQ(effective->confidence.at("signed_date"), 1.0);
  ASSERT_EQ(effective->needs_review.size(), 1u);
  EXPECT_EQ(effective->needs_review[0].field, "place");
  EXPECT_EQ(effective->text, "teks");
  EXPECT_TRUE(check_period(*effective));
  const auto adopted = apply_corrections(
      parsed, {{"parent", std::string(64, 'c'), nullptr, "adi", "2026-12-03T12:00:00Z", ""}});
  ASSERT_TRUE(adopted);
  EXPECT_EQ(adopted->parent, std::string(64, 'c'));
  EXPECT_EQ(adopted->corrected, std::vector<std::string>{"parent"});

  AgreementRecord backwards = *effective;
  backwards.end_date = "2020-01-01";
  EXPECT_EQ(check_period(backwards).error().code, codes::k_usage_invalid);
  // A line round-trips.
  const auto back = correction_from_json(Json::parse(to_json(corrections[1]).dump()));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->who, "adi");
  EXPECT_EQ(back->reason, "salah ketik");
  EXPECT_EQ(back->old_value, "2021-10-13");
}

TEST(Csv, FieldsAreQuotedAndFormulasMadeInert) {
  EXPECT_EQ(csv_field("Universitas Udayana"), "Universitas Udayana");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(csv_field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_field("-5"), "-5");
  EXPECT_EQ(csv_field("-cmd"), "'-cmd");
}

}  // namespace
}  // namespace naskah
