#include "naskah/index/schema.h"

#include <gtest/gtest.h>

namespace naskah::index {
namespace {

TEST(DateValue, IsoDatesBecomeSortableDigits) {
  EXPECT_EQ(date_value("2021-10-12"), "20211012");
  EXPECT_EQ(date_value("2021-1-12"), "");
  EXPECT_EQ(date_value("12 Oktober 2021"), "");
  EXPECT_EQ(date_value(""), "");
}

TEST(TermKey, FoldsCaseAndSpace) {
  EXPECT_EQ(term_key("  Ombudsman   Republik\nIndonesia "), "ombudsman republik indonesia");
  EXPECT_EQ(term_key("W13-HH.05.05-1234"), "w13-hh.05.05-1234");
}

TEST(TermKey, LongNamesFitXapiansTermLimitWithoutSplittingCharacters) {
  std::string name;
  for (int i = 0; i < 100; ++i) name += "Kementerian ";
  name += "é";
  const std::string key = term_key(name);
  EXPECT_LE(key.size(), 200u);
  // Still valid UTF-8: never ends inside a multi-byte sequence.
  const std::string accents(150, 'x');
  std::string mixed;
  for (int i = 0; i < 150; ++i) mixed += "é";
  const std::string cut = term_key(mixed);
  EXPECT_EQ(cut.size() % 2, 0u);
}

TEST(NumberKey, OnePrintedNumberHoweverItWasTypedOrRead) {
  EXPECT_EQ(number_key("W8-UM.01.01-5431"), "W8/UM/1/1/5431");
  EXPECT_EQ(number_key("W8-UM.01.01 - 5431"), number_key("W8-UM.01.01-5431"));
  EXPECT_EQ(number_key("w8 . um.01.01-5431"), number_key("W8-UM.01.01-5431"));
  // Roman and Arabic months.
  EXPECT_EQ(number_key("118/ORI-MOU/III/2019"), "118/ORI/MOU/3/2019");
  EXPECT_EQ(number_key("118/ORI-MOU/03/2019"), number_key("118/ORI-MOU/III/2019"));
  // OCR's letters for digits inside a number, and leading zeros.
  EXPECT_EQ(number_key("W8-UM.O1.01-5431"), number_key("W8-UM.01.01-5431"));
  EXPECT_EQ(number_key("PKS/2629/XI/2O23"), "PKS/2629/11/2023");
  EXPECT_EQ(number_key("Nomor: 0103/PKS/2022"), "103/PKS/2022");
  // The case of a word does not matter; letters in words are not digits.
  EXPECT_EQ(number_key("M.HH-20.HH.05.05 Tahun 2020"), number_key("M.HH-20.HH.05.05 TAHUN 2020"));
  EXPECT_EQ(number_key("LOI/12/2020"), "LOI/12/2020");
}

TEST(NumberKey, WhatCannotTellAgreementsApartHasNoKey) {
  EXPECT_EQ(number_key("2018"), "");
  EXPECT_EQ(number_key("No. 5"), "");
  EXPECT_EQ(number_key(""), "");
}

TEST(StemmerFor, EnglishRecordsGetTheEnglishStemmer) {
  EXPECT_EQ(stemmer_for(std::string("en"))("agreements"), "agreement");
  EXPECT_NE(stemmer_for(std::string("id")).get_description(),
            stemmer_for(std::string("en")).get_description());
  EXPECT_EQ(stemmer_for(std::nullopt).get_description(),
            stemmer_for(std::string("id")).get_description());
}

TEST(FacetName, OnePartyInCapitalsOrTitleCaseIsOneFacetValue) {
  EXPECT_EQ(facet_name("KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA"),
            "Kementerian Hukum dan Hak Asasi Manusia");
  EXPECT_EQ(facet_name("Kementerian Hukum Dan Hak Asasi Manusia"),
            "Kementerian Hukum dan Hak Asasi Manusia");
  EXPECT_EQ(facet_name("KANTOR WILAYAH KEMENTERIAN HUKUM DAN HAM JAWA TENGAH"),
            "Kantor Wilayah Kementerian Hukum dan HAM Jawa Tengah");
  EXPECT_EQ(facet_name("RSUD  KOTA\tSEMARANG"), "RSUD Kota Semarang");
  EXPECT_EQ(facet_name("OMBUDSMAN RI"), "Ombudsman RI");
  EXPECT_EQ(facet_name("LAPAS KELAS IIA SEMARANG"), "Lapas Kelas IIA Semarang");
  EXPECT_EQ(facet_name("UNIVERSITAS ÉCOLE"), "Universitas École");
  EXPECT_EQ(facet_name("PT Sinar Jaya 2"), "PT Sinar Jaya 2");  // mixed case: as written
  EXPECT_EQ(facet_name("Dan Sejahtera"), "Dan Sejahtera");  // the first word keeps its case
}

}  // namespace
}  // namespace naskah::index
