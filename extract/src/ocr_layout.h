// Page text from the words Tesseract found and where it found them. Lines come in the
// engine's reading order, except a block of two columns side by side (a signature block:
// PIHAK KEDUA on the left, PIHAK PERTAMA on the right), which is read column by column
// instead of as lines that mix both names. Plain data in, text out: thread-safe, and free
// of Tesseract so that it can be tested alone.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace naskah::extract {

struct OcrWord {
  std::string text;
  int left = 0;  // pixels, page image coordinates
  int top = 0;
  int right = 0;
  int bottom = 0;
  float confidence = 100;  // Tesseract's, 0..100
};

struct OcrLine {
  std::vector<OcrWord> words;  // left to right
  bool starts_paragraph = false;
};

// The text of a page of `page_width` pixels: one line per line, a blank line before each
// paragraph but the first, words joined by single spaces, columns read one after the other.
[[nodiscard]] std::string lay_out(const std::vector<OcrLine>& lines, int page_width);

// Each word of the page (stray marks aside) with the highest confidence Tesseract read it
// with: what tells the parser which of its readings rest on doubtful letters
// (Extraction::unsure_words).
[[nodiscard]] std::map<std::string, double> word_confidences(const std::vector<OcrLine>& lines);

}  // namespace naskah::extract
