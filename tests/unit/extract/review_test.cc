#include "parse/review.h"

#include <gtest/gtest.h>

#include "naskah/extract/parser.h"

namespace naskah::extract::parse {
namespace {

TEST(Review, NumbersAsPrintedAreClean) {
  // Agreement numbers of corpus/real as a person read them off the page.
  for (const char* number :
       {"4931/H30/KS/2011", "W8.PAS.PAS10.PK.01.05 - 1205", "134.6/ 09 /ADD-PKS/B.1/VIII/2021",
        "HK.303/B.15/SU/BMKG-2010", "02/III/apt.fera/2021", "SPJ-131 B/01-33/04/2016",
        "421.2 / 214 / MoU / SDN17PEMC/2021", "202/Oktober/2021/DS", "M.HH-38.HH.05.05 TAHUN 2021"}) {
    EXPECT_EQ(judge_number(number), NumberReading::clean) << number;
  }
}

TEST(Review, NumbersGarbledByOcrAreDoubtful) {
  // What OCR made of the numbers of corpus/real unib-02, unib-06 and unib-12.
  for (const char* number : {"WO: PAS. PASto.pk.ot.os - 1205", "11700 / UN.30.7/ tS / 2020",
                             "562YUN30.10/KS/2020", "02/IlWapt.fera/2021", "410/UN30 12/K\xC5\x9Fj2021"}) {
    EXPECT_EQ(judge_number(number), NumberReading::doubtful) << number;
  }
  // unib-01: the number was left for a hand to fill in.
  EXPECT_EQ(judge_number("W21.HM.03.04-"), NumberReading::incomplete);
}

AgreementRecord parsed(const std::string& text) {
  AgreementRecord r;
  r.text = text;
  parse_agreement(r, ParseOptions{"2026-01-01"});
  return r;
}

bool has_flag(const AgreementRecord& r, const char* code, const char* field) {
  for (const auto& f : r.needs_review) {
    if (f.code == code && f.field == field) return true;
  }
  return false;
}

TEST(Review, MissingAndDoubtfulFieldsAreFlaggedAndDoubtfulNumbersLeaveTheField) {
  const auto r = parsed(
      "PERJANJIAN KERJASAMA\nANTARA\nLEMBAGA PEMASYARAKATAN PEREMPUAN KELAS IIB BENGKULU\nDAN\n"
      "FAKULTAS KEGURUAN DAN ILMU PENDIDIKAN UNIVERSITAS BENGKULU\nTENTANG\nPEMBINAAN\n"
      "NOMOR : WO: PAS. PASto.pk.ot.os - 1205\nNOMOR : 11700/UN.30.7/KS/2020\n"
      "Pasal 1 Ketentuan umum PIHAK PERTAMA dan PIHAK KEDUA");
  EXPECT_EQ(r.numbers, (std::vector<std::string>{"11700/UN.30.7/KS/2020"}));
  EXPECT_TRUE(has_flag(r, review::k_doubtful, "numbers"));
  EXPECT_TRUE(has_flag(r, review::k_missing, "signed_date"));
  EXPECT_FALSE(has_flag(r, review::k_missing, "parties"));
  EXPECT_DOUBLE_EQ(r.confidence.at("doc_type"), 0.95);
  EXPECT_LT(r.confidence.at("numbers"), 0.6);
}

TEST(Review, AWrongWeekdayKeepsTheDateAndAsks) {
  // 10 June 2011 was a Friday; the original says Kamis (Thursday).
  const auto r = parsed(
      "NOTA KESEPAHAMAN\nANTARA\nKANTOR WILAYAH BENGKULU\nDENGAN\nUNIVERSITAS BENGKULU\n"
      "Nomor : 4931/H30/KS/2011\nPada hari ini Kamis tanggal sepuluh bulan Juni tahun dua ribu "
      "sebelas, bertempat di Bengkulu");
  EXPECT_EQ(r.signed_date, "2011-06-10");
  EXPECT_TRUE(has_flag(r, review::k_weekday_mismatch, "signed_date"));
}

TEST(Review, LettersAreNotCheckedButAgreementsWithoutAHeadingAre) {
  EXPECT_TRUE(parsed("Hal: undangan rapat\nDengan hormat, kami mengundang").needs_review.empty());
  const auto r = parsed("bukan judul\nPIHAK PERTAMA menyerahkan kepada PIHAK KEDUA");
  EXPECT_EQ(r.doc_type, "other");
  EXPECT_TRUE(has_flag(r, review::k_doubtful, "doc_type"));
}

}  // namespace
}  // namespace naskah::extract::parse
