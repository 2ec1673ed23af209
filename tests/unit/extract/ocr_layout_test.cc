#include "ocr_layout.h"

#include <gtest/gtest.h>

namespace naskah::extract {
namespace {

constexpr int k_page = 2480;  // A4 at 300 dpi
constexpr int k_height = 40;

// A line at `top` of words "text@left", each 20 pixels a letter wide.
OcrLine line(int top, std::initializer_list<std::pair<const char*, int>> words,
             bool paragraph = false) {
  OcrLine l;
  l.starts_paragraph = paragraph;
  for (const auto& [text, left] : words) {
    const int width = 20 * static_cast<int>(std::string_view(text).size());
    l.words.push_back(OcrWord{text, left, top, left + width, top + k_height});
  }
  return l;
}

TEST(OcrLayout, ProseIsReadLineByLine) {
  const std::vector<OcrLine> lines = {line(100, {{"Pada", 200}, {"hari", 310}, {"ini", 410}}),
                                      line(150, {{"Selasa", 200}, {"tanggal", 350}}),
                                      line(250, {{"Pasal", 200}, {"1", 330}}, true)};
  EXPECT_EQ(lay_out(lines, k_page), "Pada hari ini\nSelasa tanggal\n\nPasal 1\n");
}

TEST(OcrLayout, ASignatureBlockIsReadColumnByColumn) {
  // PIHAK KEDUA on the left, PIHAK PERTAMA on the right (corpus/dev's signature pages).
  const std::vector<OcrLine> lines = {
      line(100, {{"sama.", 200}}),
      line(200, {{"PIHAK", 200}, {"KEDUA,", 330}, {"PIHAK", 1400}, {"PERTAMA,", 1530}}, true),
      line(250, {{"WALI", 200}, {"KOTA,", 310}, {"KEPALA", 1400}, {"KANTOR", 1550}}),
      line(300, {{"WILAYAH", 1400}}),
      line(500, {{"Hamdan", 200}, {"Hartono", 350}, {"Utami", 1400}, {"Damanik", 1520}})};
  EXPECT_EQ(lay_out(lines, k_page),
            "sama.\n\nPIHAK KEDUA,\nWALI KOTA,\nHamdan Hartono\n\n"
            "PIHAK PERTAMA,\nKEPALA KANTOR\nWILAYAH\nUtami Damanik\n");
}

TEST(OcrLayout, AListWhoseEntriesRunOnAtTheRightIsReadLineByLine) {
  // corpus/real, unib-01: "1. Darus Amin, SH" at the left, its office running on at the right.
  const std::vector<OcrLine> lines = {
      line(100, {{"1.", 200}, {"Darus", 260}, {"Amin,", 380}, {"SH", 500}, {"Selaku", 1300}}),
      line(150, {{"Kementerian", 1300}, {"Hukum", 1540}}),
      line(200, {{"Manusia", 1300}, {"Bengkulu,", 1460}}),
      line(250, {{"PERTAMA;", 1300}}),
      line(300, {{"2.", 200}, {"Prof.", 260}, {"Zainal", 380}, {"Selaku", 1300}, {"Rektor", 1440}}),
      line(350, {{"dalam", 1300}, {"hal", 1420}})};
  EXPECT_EQ(lay_out(lines, k_page),
            "1. Darus Amin, SH Selaku\nKementerian Hukum\nManusia Bengkulu,\nPERTAMA;\n"
            "2. Prof. Zainal Selaku Rektor\ndalam hal\n");
}

TEST(OcrLayout, LabelsAndValuesStayTogether) {
  const std::vector<OcrLine> lines = {
      line(100, {{"Nama", 200}, {":", 900}, {"Fitri", 950}, {"Astuti", 1080}}),
      line(150, {{"Jabatan", 200}, {":", 900}, {"Kepala", 950}})};
  EXPECT_EQ(lay_out(lines, k_page), "Nama : Fitri Astuti\nJabatan : Kepala\n");
}

TEST(OcrLayout, NoWordsNoText) { EXPECT_EQ(lay_out({}, k_page), ""); }

TEST(OcrLayout, PiecesOfOneLineInTwoBlocksAreOneLine) {
  // Tesseract's blocks: "PIHAK PERTAMA," alone, then "PIHAK KEDUA," on its baseline; put
  // together, they head the columns of the names below them.
  const std::vector<OcrLine> lines = {
      line(100, {{"PIHAK", 200}, {"PERTAMA,", 330}}), line(104, {{"PIHAK", 1400}, {"KEDUA,", 1530}}),
      line(300, {{"Drs.", 200}, {"Guntur", 300}, {"Prof.", 1400}, {"Ridwan", 1520}})};
  EXPECT_EQ(lay_out(lines, k_page), "PIHAK PERTAMA,\nDrs. Guntur\n\nPIHAK KEDUA,\nProf. Ridwan\n");
  // A name whose last word a signature's stroke put in a block of its own.
  EXPECT_EQ(lay_out({line(300, {{"Drs.", 200}, {"Guntur", 300}}), line(296, {{"Setyanto", 450}}),
                     line(400, {{"Inspektur", 200}})},
                    k_page),
            "Drs. Guntur Setyanto\nInspektur\n");
}

TEST(OcrLayout, AStampAcrossTheGapDoesNotJoinTheColumns) {
  // corpus/real unib-14: the names under a stamp and a signature, marks read between them.
  OcrLine names = line(500, {{"AGUS", 300}, {"RAHARDJO", 400}, {"<>", 900}, {"oi", 1000},
                             {"Dr.", 1400}, {"RIDWAN", 1480}});
  names.words[2].confidence = 12;
  names.words[3].confidence = 30;
  const std::vector<OcrLine> lines = {
      line(100, {{"KOMISI", 300}, {"PEMBERANTASAN", 450}, {"UNIVERSITAS", 1400}}),
      line(150, {{"KETUA", 300}, {"REKTOR", 1400}}), names};
  EXPECT_EQ(lay_out(lines, k_page),
            "KOMISI PEMBERANTASAN\nKETUA\nAGUS RAHARDJO <>\n\nUNIVERSITAS\nREKTOR\noi Dr. RIDWAN\n");
  // Alone, without columns of clean print around it, the same line is read as it lies.
  EXPECT_EQ(lay_out({names}, k_page), "AGUS RAHARDJO <> oi Dr. RIDWAN\n");
}

TEST(OcrLayout, ALogosMarksBesideAHeadingAreNoColumn) {
  // corpus/external undiksha-05: a logo left and right of the heading, read as marks.
  std::vector<OcrLine> lines = {
      line(100, {{"a", 100}, {"=a,", 140}, {"A", 1900}, {"GE", 1940}}),
      line(150, {{"Wu)", 100}, {"PRODI", 400}, {"PENDIDIKAN", 560}, {"11", 1900}, {"5", 1960}}),
      line(200, {{"ete", 100}, {"FAKULTAS", 400}, {"ILMU", 600}, {"ed", 1900}})};
  for (OcrLine& l : lines) l.words.front().confidence = 30;
  EXPECT_EQ(lay_out(lines, k_page), "a =a, A GE\nWu) PRODI PENDIDIKAN 11 5\nete FAKULTAS ILMU ed\n");
}

TEST(OcrLayout, EachWordKeepsTheBestConfidenceItWasReadWith) {
  OcrLine stamped = line(100, {{"Bengkulu", 200}, {"|", 400}, {"8484/UN30", 500}});
  stamped.words[0].confidence = 41;
  stamped.words[1].confidence = 10;
  stamped.words[2].confidence = 43;
  OcrLine clean = line(150, {{"Bengkulu", 200}});
  clean.words[0].confidence = 94;
  EXPECT_EQ(word_confidences({stamped, clean}),
            (std::map<std::string, double>{{"8484/UN30", 43}, {"Bengkulu", 94}}));  // "|": no word
}

}  // namespace
}  // namespace naskah::extract
