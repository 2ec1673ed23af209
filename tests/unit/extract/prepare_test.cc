#include "parse/prepare.h"
#include "parse/text_util.h"

#include <gtest/gtest.h>

namespace naskah::extract::parse {
namespace {

TEST(Prepare, PageNumbersAtPageEdgesAreDropped) {
  const auto p = prepare_text(
      "PERJANJIAN\nisi halaman satu\n- 1 -\f- 2 -\nisi halaman dua\n"
      "Halaman 2 dari 3\fPage 3 of 3\nakhir");
  EXPECT_EQ(p.lines, (std::vector<std::string>{"PERJANJIAN", "isi halaman satu", "isi halaman dua",
                                               "akhir"}));
}

TEST(Prepare, RunningHeadersAreDropped) {
  const auto p =
      prepare_text("Salinan Kanwil 1\nsatu\fSalinan Kanwil 2\ndua\fSalinan Kanwil 3\ntiga");
  EXPECT_EQ(p.lines, (std::vector<std::string>{"satu", "dua", "tiga"}));
}

TEST(Prepare, WordsSplitAtLineEndsAreJoined) {
  const auto p = prepare_text("dalam pelaksa-\nnaan kerja sama masing-\nmasing pihak");
  EXPECT_EQ(p.text, "dalam pelaksanaan\nkerja sama masing-masing\npihak\n");
}

TEST(Prepare, WhiteSpaceIsFoldedAndEmptyLinesGo) {
  const auto p = prepare_text("  NOTA   KESEPAHAMAN \n\n\t ANTARA\n");
  EXPECT_EQ(p.lines, (std::vector<std::string>{"NOTA KESEPAHAMAN", "ANTARA"}));
}

TEST(Prepare, MisreadKeywordsAreRepairedInTheirCase) {
  const auto p = prepare_text(
      "PlHAK KEDUA dan PIHAK PERTAlVIA\nTENTAN6 kerja sama\n"
      "Nornor : 12/2021 ditandatangaui oleh");
  EXPECT_EQ(p.lines[0], "PIHAK KEDUA dan PIHAK PERTAlVIA");
  EXPECT_EQ(p.lines[1], "TENTANG kerja sama");
  EXPECT_EQ(p.lines[2], "Nomor : 12/2021 ditandatangani oleh");
}

TEST(Prepare, RepairKeyword) {
  EXPECT_EQ(repair_keyword("PIHAK"), "pihak");
  EXPECT_EQ(repair_keyword("P1HAK"), "pihak");
  EXPECT_EQ(repair_keyword("0leh"), "");
  EXPECT_EQ(repair_keyword("KESEPAHAMAM"), "kesepahaman");
  EXPECT_EQ(repair_keyword("tinggal"), "");  // a real word one letter from "tanggal"
  EXPECT_EQ(repair_keyword("Nornor"), "nomor");
  EXPECT_EQ(repair_keyword("ab"), "");
}

}  // namespace
}  // namespace naskah::extract::parse

namespace naskah::extract::parse {
namespace {

TEST(TextUtil, WordsAreComparedWithoutCaseOrThePunctuationAround) {
  EXPECT_EQ(comparable_word("Bengkulu,"), "bengkulu");
  EXPECT_EQ(comparable_word("\xE2\x80\x9C" "PARA PIHAK\xE2\x80\x9D."), "para pihak");
  EXPECT_EQ(comparable_word("(Nomor:407/UN48)"), "nomor:407/un48");
  EXPECT_EQ(comparable_word("Sel\xC3\x80"), "sel\xC3\x80");  // a letter's last byte stays
  EXPECT_EQ(comparable_word("\"...\""), "");
}

TEST(TextUtil, RomanMonthsMisreadByOcrAreRepaired) {
  EXPECT_EQ(repair_roman_segments("445/3470/1X/2022"), "445/3470/IX/2022");
  EXPECT_EQ(repair_roman_segments("PKS/2629/X1/2023"), "PKS/2629/XI/2023");
  EXPECT_EQ(repair_roman_segments("21/V1II/2017"), "21/VIII/2017");
  EXPECT_EQ(repair_roman_segments("W13-HH.05.05-1234"), "W13-HH.05.05-1234");
  EXPECT_EQ(repair_roman_segments("130/302/KB/2023"), "130/302/KB/2023");
  EXPECT_EQ(repair_roman_segments("11/1/2020"), "11/1/2020");
}

}  // namespace
}  // namespace naskah::extract::parse
