#include "naskah/core/checks.h"

#include <gtest/gtest.h>

#include "naskah/core/record.h"

namespace naskah {
namespace {

// Every check code explains itself, in both languages, differently.
TEST(Checks, EveryCodeHasAReasonInIndonesianAndEnglish) {
  EXPECT_GE(check_codes().size(), 14U);
  for (const std::string& code : check_codes()) {
    const Finding f = explain(code.substr(6));
    EXPECT_EQ(f.code, code);
    EXPECT_FALSE(f.id.empty()) << code;
    EXPECT_FALSE(f.en.empty()) << code;
    EXPECT_NE(f.id, f.en) << code;
    EXPECT_EQ(f.id.find('{'), std::string::npos) << code;
  }
}

TEST(Checks, AFlagNamesItsCodeAndField) {
  const Finding doubtful = explain("doubtful-numbers");
  EXPECT_EQ(doubtful.code, review::k_doubtful);
  EXPECT_EQ(doubtful.field, "numbers");
  EXPECT_EQ(doubtful.id, "Nomor naskah terbaca meragukan");
  EXPECT_EQ(doubtful.en, "Agreement number read doubtfully");

  // The longest code wins: "end-before-start", not "end".
  const Finding period = explain("end-before-start-end_date");
  EXPECT_EQ(period.code, review::k_end_before_start);
  EXPECT_EQ(period.field, "end_date");

  const Finding orphan = explain("addendum-without-parent");
  EXPECT_EQ(orphan.code, review::k_addendum_without_parent);
  EXPECT_EQ(orphan.field, "");
}

TEST(Checks, TheFirstShortFlagsAreChecksToo) {
  EXPECT_EQ(explain("no-parties").code, review::k_missing);
  EXPECT_EQ(explain("no-parties").field, "parties");
  EXPECT_EQ(explain("no-parties").id, "Pihak tidak ditemukan");
  EXPECT_EQ(explain("duplicate").code, review::k_duplicate);
  EXPECT_EQ(explain("low-ocr").code, review::k_low_ocr_confidence);
}

TEST(Checks, AFlagOfANewerNaskahExplainsItself) {
  const Finding f = explain("something-new");
  EXPECT_EQ(f.code, "check.something-new");
  EXPECT_EQ(f.id, "something-new");
  const auto j = to_json(f);
  EXPECT_TRUE(j["field"].is_null());
  EXPECT_EQ(j["reason"]["en"], "something-new");
}

}  // namespace
}  // namespace naskah
