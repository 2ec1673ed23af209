#include "naskah/extract/language.h"

#include <gtest/gtest.h>

#include "words.h"

namespace naskah::extract {
namespace {

TEST(Language, Indonesian) {
  EXPECT_EQ(detect_language("Perjanjian ini berlaku untuk jangka waktu 3 (tiga) tahun terhitung "
                            "sejak tanggal ditandatangani oleh para pihak."),
            "id");
  EXPECT_EQ(detect_language("PARA PIHAK sepakat untuk saling membantu dalam pelaksanaan "
                            "kegiatan di bidang hukum"),
            "id");
}

TEST(Language, English) {
  EXPECT_EQ(detect_language("This Memorandum of Understanding shall be valid for five (5) "
                            "years from the date of signing by the Parties."),
            "en");
  // Indonesian names inside English text do not tip it over.
  EXPECT_EQ(detect_language("The Regional Office of Kementerian Hukum dan Hak Asasi Manusia "
                            "and the University agree that the cooperation in the field of "
                            "education shall be carried out by each of the parties."),
            "en");
}

TEST(Language, TooLittleToTell) {
  EXPECT_EQ(detect_language(""), std::nullopt);
  EXPECT_EQ(detect_language("12345 67890"), std::nullopt);
  EXPECT_EQ(detect_language("Sutrisno Wibowo"), std::nullopt);
}

std::vector<std::string> split(std::string_view text) {
  std::vector<std::string> words;
  for_each_word(text, [&](std::string_view w) { words.emplace_back(w); });
  return words;
}

TEST(Words, SplitFoldsAsciiCaseAndKeepsUtf8Letters) {
  EXPECT_EQ(split("PIHAK-pertama, No.12 café"),
            (std::vector<std::string>{"pihak", "pertama", "no", "café"}));
  EXPECT_TRUE(split(" 12 ; 34 ").empty());
  EXPECT_EQ(split("akhir"), (std::vector<std::string>{"akhir"}));
}

TEST(Words, CommonWordLists) {
  EXPECT_TRUE(is_common_indonesian("yang"));
  EXPECT_TRUE(is_common_indonesian("pihak"));
  EXPECT_FALSE(is_common_indonesian("the"));
  EXPECT_TRUE(is_common_english("the"));
  EXPECT_FALSE(is_common_english("yang"));
  EXPECT_FALSE(is_common_english("zzkt"));
}

}  // namespace
}  // namespace naskah::extract
