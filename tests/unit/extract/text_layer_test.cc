#include "text_layer.h"

#include <gtest/gtest.h>

namespace naskah::extract {
namespace {

constexpr const char* k_indonesian =
    "NOTA KESEPAHAMAN ANTARA KANTOR WILAYAH KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA JAWA "
    "TENGAH DENGAN UNIVERSITAS DIPONEGORO TENTANG PENINGKATAN KUALITAS PELAYANAN PUBLIK. "
    "Pada hari ini Selasa tanggal dua belas bulan Oktober tahun dua ribu dua puluh satu, "
    "bertempat di Semarang, yang bertanda tangan di bawah ini sepakat untuk mengadakan kerja "
    "sama dengan ketentuan sebagai berikut.";

constexpr const char* k_english =
    "This Memorandum of Understanding is made and entered into on the twelfth day of October "
    "between the Regional Office of the Ministry of Law and the University, hereinafter "
    "referred to as the Parties, who agree to cooperate in the field of legal education.";

TEST(TextLayer, RealProseIsUsable) {
  EXPECT_EQ(judge_text_layer(k_indonesian), LayerVerdict::usable);
  EXPECT_EQ(judge_text_layer(k_english), LayerVerdict::usable);
}

TEST(TextLayer, GluedWordsOfAnotherOcrAreGarbage) {
  // A phone scanner app's layer over a photographed PKS (corpus/real, unib-12): words run
  // together, so Tesseract must read the page again.
  EXPECT_EQ(judge_text_layer(
                "PERJANJIANKERJA SAMA ANTARA UNIVERSITAS BENGKULU DENGAN APOTEK FERA TENTANG "
                "PENYELENGGARAANPENDIDIKAN,PENELITIANDAN PENGABDIANMASYARAKAT Padahari Ini, "
                "Senin TanggalSatu bulan Februari tahun Dua Ribu Dua Puluh Satu, kami yang "
                "bertanda tangan di bawah ini, APA ApotekFera beralamat di Jalan Bhayangkara"),
            LayerVerdict::garbage);
  // One long word or one camel-cased name is not enough.
  EXPECT_EQ(judge_text_layer(std::string(k_indonesian) + " mempertanggungjawabkan PayPal"),
            LayerVerdict::usable);
}

TEST(TextLayer, RandomLettersAreGarbage) {
  // What a broken scanner leaves as an invisible layer (from corpus/bad).
  EXPECT_EQ(judge_text_layer("mnbv pqrs plmk ghjk lorem plmk zzkt qwx pqrs pqrs pqrs xxv\n"
                             "pqrs qwx zzkt zzkt plmk qwx xxv ghjk mnbv plmk qwx okn\n"
                             "xxv okn qwx ipsum qwx tuvw okn xxv qwx ipsum plmk ghjk"),
            LayerVerdict::garbage);
}

TEST(TextLayer, PronounceableNonsenseIsGarbage) {
  EXPECT_EQ(judge_text_layer("lorem ipsum dolor sit amet consectetur adipiscing elit sed "
                             "eiusmod tempor incididunt labore dolore magna aliqua enim minim "
                             "veniam quis nostrud exercitation ullamco laboris nisi aliquip"),
            LayerVerdict::garbage);
}

TEST(TextLayer, UnmappedGlyphsAreGarbage) {
  EXPECT_EQ(judge_text_layer("!\"#$%&'()*+,-./ !\"#$% &'()*+ ,-./0 abcde !\"#$%&'()*+,-./ "
                             "fghij #$%&'()*+,-./ klmno !\"#$%&'()*+,-./"),
            LayerVerdict::garbage);
  std::string replacement;
  for (int i = 0; i < 40; ++i) replacement += "ab\xEF\xBF\xBD\xEF\xBF\xBD ";
  EXPECT_EQ(judge_text_layer(replacement), LayerVerdict::garbage);
  std::string private_use;
  for (int i = 0; i < 40; ++i) private_use += "\xEE\x80\x81\xEE\x80\x82 pa ";
  EXPECT_EQ(judge_text_layer(private_use), LayerVerdict::garbage);
}

TEST(TextLayer, AlmostNoTextIsEmpty) {
  EXPECT_EQ(judge_text_layer(""), LayerVerdict::empty);
  EXPECT_EQ(judge_text_layer("  \n\f - 2 - \n"), LayerVerdict::empty);
  EXPECT_EQ(judge_text_layer("Halaman 3"), LayerVerdict::empty);
}

TEST(TextLayer, ShortRealTextIsUsable) {
  // A signature page: few words, but real ones; too little to judge, so trusted.
  EXPECT_EQ(judge_text_layer("PIHAK PERTAMA PIHAK KEDUA\nDr. Sutrisno, S.H., M.Hum.\n"
                             "NIP 196501011990031001"),
            LayerVerdict::usable);
}

}  // namespace
}  // namespace naskah::extract
