#include "naskah/extract/parser.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace naskah::extract {
namespace {

AgreementRecord parsed(const std::string& text, const std::string& today = "2022-01-01") {
  AgreementRecord record;
  record.text = text;
  parse_agreement(record, ParseOptions{today});
  return record;
}

TEST(Parser, OurIndonesianMouSample) {
  const auto r =
      parsed(test::read_text(test::source_path("samples/text/mou-kanwil-universitas.txt")));
  EXPECT_EQ(r.doc_type, "mou");
  ASSERT_TRUE(r.title);
  EXPECT_EQ(r.signed_date, "2021-10-12");
  EXPECT_EQ(r.place, "Semarang");
  ASSERT_EQ(r.parties.size(), 2u);
  EXPECT_EQ(r.parties[0].role, "first");
  EXPECT_EQ(r.parties[1].role, "second");
  EXPECT_TRUE(r.parties[0].signatory);
  EXPECT_EQ(r.effective_date, "2021-10-12");
  EXPECT_EQ(r.end_date, "2024-10-12");
  ASSERT_TRUE(r.duration);
  EXPECT_EQ(r.duration->years, 3);
  EXPECT_FALSE(r.numbers.empty());
}

TEST(Parser, ATitleLosesTheScansSpecksAndStartsWithACapital) {
  const auto specks = parsed(
      "PERJANJIAN KERJA SAMA\nANTARA\nLEMBAGA PEMASYARAKATAN KELAS IIA UJI\nDENGAN\n"
      "PEMERINTAH KOTA UJI\nTENTANG\nPEMBINAAN KEMANDIRIAN WARGA BINAAN oo -\n"
      "Nomor: W9.PAS-HH.05.05-0211\nPada hari ini Senin tanggal 3 Januari 2022 para pihak "
      "sepakat.\n");
  EXPECT_EQ(specks.title, "PEMBINAAN KEMANDIRIAN WARGA BINAAN");
  // Repeated mid-sentence in the body: its casing, with a capital first letter.
  const auto repeated = parsed(
      "PERJANJIAN KERJA SAMA\nANTARA\nUNIVERSITAS UJI\nDENGAN\nAPOTEK UJI\nTENTANG\n"
      "PENYELENGGARAAN PENDIDIKAN DAN PENELITIAN\nNomor: 12/UN/2021\nPada hari ini Senin "
      "tanggal 1 Februari 2021 para pihak sepakat bekerja sama tentang penyelenggaraan "
      "Pendidikan dan Penelitian bagi mahasiswa.\n");
  EXPECT_EQ(repeated.title, "Penyelenggaraan Pendidikan dan Penelitian");
  // A title that ends in a short word of its own keeps it.
  const auto kept = parsed(
      "NOTA KESEPAHAMAN\nANTARA\nKEMENTERIAN HUKUM DAN HAM RI\nDENGAN\nUNIVERSITAS UJI\n"
      "TENTANG\nKERJA SAMA HUKUM DAN HAM RI\nNomor: M.HH-05/2021\n");
  EXPECT_EQ(kept.title, "KERJA SAMA HUKUM DAN HAM RI");
}

TEST(Parser, OurPksSampleHasItsRangeAmountAndReferences) {
  const auto r = parsed(test::read_text(test::source_path("samples/text/pks-lapas-pemda.txt")));
  EXPECT_EQ(r.doc_type, "pks");
  EXPECT_EQ(r.effective_date, "2022-01-01");
  EXPECT_EQ(r.end_date, "2023-12-31");
  EXPECT_FALSE(r.duration);
  ASSERT_FALSE(r.amounts.empty());
  EXPECT_DOUBLE_EQ(r.amounts[0].value, 150000000.0);
  EXPECT_EQ(r.amounts[0].currency, "IDR");
  EXPECT_NE(std::find(r.references.begin(), r.references.end(), "25 Tahun 2009"),
            r.references.end());
}

TEST(Parser, OurEnglishSample) {
  const auto r = parsed(test::read_text(test::source_path("samples/text/mou-english.txt")));
  EXPECT_EQ(r.doc_type, "mou");
  ASSERT_TRUE(r.duration);
  EXPECT_EQ(r.duration->years, 5);
  EXPECT_EQ(r.parties.size(), 2u);
}

TEST(Parser, ALetterIsOtherWithItsDates) {
  const auto r = parsed(
      "KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA\nBandar Lampung, 3 Oktober 2023\n"
      "Nomor : W8-UM.01.01-1119\nHal : Undangan Penandatanganan Perjanjian Kerja "
      "Sama\nHari/Tanggal : Senin, 9 Oktober 2023\n");
  EXPECT_EQ(r.doc_type, "other");
  EXPECT_TRUE(r.parties.empty());
  EXPECT_TRUE(r.numbers.empty());
  ASSERT_EQ(r.dates.size(), 2u);
  EXPECT_EQ(r.dates[0].value, "2023-10-03");
  EXPECT_TRUE(r.warnings.empty());
}

TEST(Parser, WarningsSayWhatIsMissingAndWhatExpired) {
  const auto r = parsed(
      "PERJANJIAN KERJA SAMA\nANTARA\nA\nDENGAN\nB\nTENTANG\nX\n"
      "Pada hari ini Selasa tanggal 12 Oktober 2021, bertempat di Solo, yang "
      "bertanda tangan di bawah ini: Perjanjian ini berlaku untuk jangka waktu "
      "1 (satu) tahun terhitung sejak tanggal ditandatangani.",
      "2024-01-01");
  EXPECT_EQ(r.end_date, "2022-10-12");
  const auto has = [&](const std::string& text) {
    return std::any_of(r.warnings.begin(), r.warnings.end(),
                       [&](const std::string& w) { return w.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(has("no agreement number"));
  EXPECT_TRUE(has("expired on 2022-10-12"));
  EXPECT_FALSE(has("no signing date"));
}

TEST(Parser, AnAddendumThatSetsTheEndDateSaysSo) {
  const auto r = parsed("ADENDUM PERTAMA\nPERJANJIAN KERJA SAMA\nANTARA\nA\nDENGAN\nB\n"
                        "Pada hari ini Rabu tanggal 9 Maret 2022, bertempat di Jambi, yang "
                        "bertanda tangan di bawah ini: Adendum ini berlaku sejak tanggal "
                        "ditandatangani sampai dengan berakhirnya jangka waktu Perjanjian, yaitu "
                        "tanggal 14 Juli 2022.");
  EXPECT_EQ(r.doc_type, "addendum");
  EXPECT_EQ(r.effective_date, "2022-03-09");
  EXPECT_EQ(r.end_date, "2022-07-14");
  EXPECT_NE(std::find(r.warnings.begin(), r.warnings.end(),
                      "addendum: the agreement it amends now ends on 2022-07-14"),
            r.warnings.end());
}

TEST(Parser, WeekdayThatDoesNotMatchIsAWarning) {
  const auto r = parsed(
      "NOTA KESEPAHAMAN\nANTARA\nA\nDAN\nB\nPada hari ini Rabu tanggal 12 "
      "Oktober 2021, bertempat di Solo,");
  EXPECT_EQ(r.signed_date, "2021-10-12");
  EXPECT_TRUE(std::any_of(r.warnings.begin(), r.warnings.end(), [](const std::string& w) {
    return w.find("weekday") != std::string::npos;
  }));
}

TEST(Parser, EmptyAndJunkTextGiveNullsNotGuesses) {
  for (const char* text : {"", "\f\f", "||| ___ ---", "PIHAK PIHAK PIHAK NOMOR TENTANG ANTARA"}) {
    const auto r = parsed(text);
    EXPECT_FALSE(r.signed_date) << text;
    EXPECT_FALSE(r.end_date) << text;
    EXPECT_TRUE(r.amounts.empty()) << text;
  }
}

}  // namespace
}  // namespace naskah::extract
