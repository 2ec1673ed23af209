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
                             "562YUN30.10/KS/2020", "02/IlWapt.fera/2021", "410/UN30 12/K\xC5\x9Fj2021",
                             "410/UN30 12/KS/2021"}) {
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

TEST(Review, AReadingRestsOnTheUnsureWordsItWasReadFrom) {
  AgreementRecord r;
  r.unsure_words = std::map<std::string, double>{
      {"nomor:8484/un30/ks/2021", 43}, {"univer", 30}, {"02/ilwapt.fera/2021", 16}, {"11700", 52},
      {"bengkulu", 57}};  // (as comparable_word keeps them)
  // Cut from an OCR word, glued from one, the same word in other punctuation.
  EXPECT_EQ(unsure_reading(r, "8484/UN30/KS/2021"), 43);
  EXPECT_EQ(unsure_reading(r, "11700/UN.30.7/KS/2020"), 52);
  EXPECT_EQ(unsure_reading(r, "Kota \xE2\x80\x9C" "Bengkulu\xE2\x80\x9D"), 57);
  // A line break's fragment of another "Universitas", a party's name inside another number:
  // not what these were read from.
  EXPECT_EQ(unsure_reading(r, "Universitas Negeri"), std::nullopt);
  EXPECT_EQ(unsure_reading(r, "APOTEK FERA"), std::nullopt);
  // Specks read as two letters say nothing of a name that has them as a word.
  r.unsure_words->emplace("ri", 5);
  EXPECT_EQ(unsure_reading(r, "Kementerian Hukum RI"), std::nullopt);
  r.unsure_words.reset();
  EXPECT_EQ(unsure_reading(r, "8484/UN30/KS/2021"), std::nullopt);
}

// An OCRed record of `text` whose OCR was unsure of `unsure` (AgreementRecord::unsure_words).
AgreementRecord ocred(const std::string& text, std::map<std::string, double> unsure) {
  AgreementRecord r;
  r.text = text;
  r.text_source = TextSource::ocr;
  r.ocr_confidence = 88;
  r.unsure_words = std::move(unsure);
  parse_agreement(r, ParseOptions{"2026-01-01"});
  return r;
}

TEST(Review, FieldsReadFromUnsureWordsAreKeptButAsked) {
  const std::string text =
      "NOTA KESEPAHAMAN\nANTARA\nUNIVERSITAS BENGKULU\nDENGAN\nKEPOLISIAN DAERAH BENGKULU\n"
      "Nomor : 8484/UN30/KS/2021\nNomor : B/12/V/2021\nPada hari ini Senin tanggal tiga bulan Mei "
      "tahun dua ribu dua puluh satu, bertempat di Bengkulu, PIHAK PERTAMA dan PIHAK KEDUA";
  const auto sure = ocred(text, {});
  EXPECT_FALSE(has_flag(sure, review::k_doubtful, "numbers"));
  EXPECT_DOUBLE_EQ(sure.confidence.at("numbers"), 0.95);  // word confidences, not the page's

  // Codes are no dictionary words: a clean one read at 43 is trusted still.
  const auto code = ocred(text, {{"8484/un30/ks/2021", 43}});
  EXPECT_FALSE(has_flag(code, review::k_doubtful, "numbers"));
  EXPECT_LT(code.confidence.at("numbers"), 0.95);

  // A handwritten number guessed at; a stamp across the party's name.
  const auto r = ocred(text, {{"8484/un30/ks/2021", 22}, {"kepolisian", 38}});
  EXPECT_EQ(r.numbers, (std::vector<std::string>{"8484/UN30/KS/2021", "B/12/V/2021"}));
  EXPECT_LT(r.confidence.at("numbers"), 0.6);
  EXPECT_LT(r.confidence.at("parties"), 0.6);
  EXPECT_EQ(r.signed_date, "2021-05-03");
  EXPECT_GE(r.confidence.at("signed_date"), 0.9);  // its words were read with confidence
  bool number_asked = false;
  bool party_asked = false;
  for (const auto& f : r.needs_review) {
    number_asked = number_asked || (f.field == "numbers" && f.value == "8484/UN30/KS/2021");
    party_asked = party_asked || (f.field == "parties" && f.value == "KEPOLISIAN DAERAH BENGKULU");
  }
  EXPECT_TRUE(number_asked);
  EXPECT_TRUE(party_asked);
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

TEST(Review, SignedAfterThePeriodEndedIsAsked) {
  const auto r = parsed(
      "PERJANJIAN KERJA SAMA\nANTARA\nKANTOR WILAYAH BENGKULU\nDENGAN\nUNIVERSITAS BENGKULU\n"
      "Nomor : 4931/H30/KS/2021\nPada hari ini Senin tanggal 4 Januari 2021, bertempat di "
      "Bengkulu\n"
      "Perjanjian ini berlaku sejak tanggal 1 Januari 2019 sampai dengan tanggal 31 Desember "
      "2020.");
  ASSERT_EQ(r.signed_date, "2021-01-04");
  ASSERT_EQ(r.end_date, "2020-12-31");
  EXPECT_TRUE(has_flag(r, review::k_signed_after_end, "signed_date"));
  EXPECT_FALSE(has_flag(r, review::k_end_before_start, "end_date")) << "it starts before it ends";
  const auto in_time = parsed(
      "PERJANJIAN KERJA SAMA\nANTARA\nKANTOR WILAYAH BENGKULU\nDENGAN\nUNIVERSITAS BENGKULU\n"
      "Nomor : 4931/H30/KS/2021\nPada hari ini Senin tanggal 4 Januari 2021, bertempat di "
      "Bengkulu\n"
      "Perjanjian ini berlaku sejak tanggal 4 Januari 2021 sampai dengan tanggal 31 Desember "
      "2022.");
  EXPECT_FALSE(has_flag(in_time, review::k_signed_after_end, "signed_date"));
}

TEST(Review, LettersAreNotCheckedButAgreementsWithoutAHeadingAre) {
  EXPECT_TRUE(parsed("Hal: undangan rapat\nDengan hormat, kami mengundang").needs_review.empty());
  const auto r = parsed("bukan judul\nPIHAK PERTAMA menyerahkan kepada PIHAK KEDUA");
  EXPECT_EQ(r.doc_type, "other");
  EXPECT_TRUE(has_flag(r, review::k_doubtful, "doc_type"));
}

}  // namespace
}  // namespace naskah::extract::parse
