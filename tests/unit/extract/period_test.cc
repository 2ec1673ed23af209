#include "parse/period.h"

#include <gtest/gtest.h>

namespace naskah::extract::parse {
namespace {

TEST(Period, YearsFromSigning) {
  const auto p = read_period(
      "Pasal 5 JANGKA WAKTU (1) Nota Kesepahaman ini berlaku untuk jangka waktu 5 (lima) tahun "
      "terhitung sejak tanggal ditandatangani oleh PARA PIHAK. (2) Nota Kesepahaman ini dapat "
      "diperpanjang dengan pemberitahuan paling lambat 3 (tiga) bulan sebelum berakhirnya "
      "jangka waktu sebagaimana dimaksud pada ayat (1).");
  ASSERT_TRUE(p.duration);
  EXPECT_EQ(p.duration->years, 5);
  EXPECT_EQ(p.duration->months, 0);
  EXPECT_TRUE(p.from_signing);
  EXPECT_FALSE(p.end);
}

TEST(Period, RealScanWordings) {
  // corpus/real, unib-01: the signing split in two words.
  auto p = read_period(
      "(1) Nota Kepahaman ini berlaku selama 5 (lima) tahun, terhitung sejak tanggal Nota "
      "Kesepahaman ini ditanda tangani oleh PARA PIHAK:");
  ASSERT_TRUE(p.duration);
  EXPECT_EQ(p.duration->years, 5);
  EXPECT_TRUE(p.from_signing);
  // unib-12: OCR read "tahun" as "tahan" after the bracketed number.
  p = read_period(
      "(1) Perjanjian int mulai berlaku sejak ditetapkan untuk jangka waktu 2 (dua) tahan "
      "terhitung sejak Perjanjian ini ditandatangani");
  ASSERT_TRUE(p.duration);
  EXPECT_EQ(p.duration->years, 2);
  // ... but not a word that merely looks like a unit without the bracketed number.
  EXPECT_FALSE(read_period("Perjanjian ini berlaku selama 2 bukan kerja").duration);
  // unib-03: an addendum in force from the day it is signed.
  p = read_period("Addendum ini berlaku efektif pada tanggal ditandatanganinya perjanjian ini.");
  EXPECT_FALSE(p.duration);
  EXPECT_TRUE(p.from_signing);
}

TEST(Period, MonthsInWordsFirst) {
  const auto p = read_period(
      "Perjanjian ini berlaku selama dua puluh empat (24) bulan sejak "
      "tanggal ditandatangani.");
  ASSERT_TRUE(p.duration);
  EXPECT_EQ(p.duration->months, 24);
}

TEST(Period, ExplicitRange) {
  const auto p = read_period(
      "(1) Nota Kesepahaman ini berlaku terhitung mulai tanggal 1 April 2018 sampai dengan "
      "tanggal 31 Maret 2021. (2) Nota Kesepahaman ini dapat diperpanjang");
  EXPECT_FALSE(p.duration);
  ASSERT_TRUE(p.effective && p.end);
  EXPECT_EQ(p.effective->iso(), "2018-04-01");
  EXPECT_EQ(p.end->iso(), "2021-03-31");
}

TEST(Period, AddendumRunsFromSigningToTheAgreementsEnd) {
  const auto p = read_period(
      "Pasal II Adendum ini berlaku sejak tanggal ditandatangani sampai dengan berakhirnya jangka "
      "waktu Perjanjian, yaitu tanggal 14 Juli 2022. Pasal III Ketentuan lain");
  EXPECT_TRUE(p.from_signing);
  EXPECT_FALSE(p.effective);
  ASSERT_TRUE(p.end);
  EXPECT_EQ(p.end->iso(), "2022-07-14");
}

TEST(Period, English) {
  const auto p = read_period(
      "This Memorandum of Understanding shall come into effect on the date of signing and shall "
      "remain in force for a period of five (5) years. It may be extended by mutual consent. "
      "Either side may terminate it by giving notice at least six (6) months in advance.");
  ASSERT_TRUE(p.duration);
  EXPECT_EQ(p.duration->years, 5);
  EXPECT_TRUE(p.from_signing);
}

TEST(Period, EnglishThreeYears) {
  const auto p = read_period(
      "Entry into Force, Duration and Termination This Memorandum of Understanding shall come "
      "into effect on the date of signing and shall remain in force for a period of three (3) "
      "years. It may be extended by mutual written consent.");
  ASSERT_TRUE(p.duration);
  EXPECT_EQ(p.duration->years, 3);
}

TEST(Period, RegulationYearsAreNotLengths) {
  const auto p = read_period(
      "sebagaimana berlaku menurut Undang-Undang Nomor 25 Tahun 2009 "
      "tentang Pelayanan Publik.");
  EXPECT_FALSE(p.duration);
  EXPECT_FALSE(p.end);
}

TEST(Period, NoClause) {
  const auto p = read_period("Para pihak sepakat untuk bekerja sama.");
  EXPECT_FALSE(p.duration);
  EXPECT_FALSE(p.effective);
  EXPECT_FALSE(p.end);
}

}  // namespace
}  // namespace naskah::extract::parse
