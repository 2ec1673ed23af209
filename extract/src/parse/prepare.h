// Text made ready for the grammar: page numbers and running headers dropped, words split
// at line ends joined again, white space folded within lines, and the structural
// keywords of agreements repaired where OCR misread them ("PIHAK KEDUA" for "PlHAK KEDUA",
// "TENTANG" for "TENTAN6"). Lines are kept: headings are read line by line. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace naskah::extract::parse {

struct PreparedText {
  std::string text;                // lines joined with '\n', pages too
  std::vector<std::string> lines;  // the same, one entry per line
};

[[nodiscard]] PreparedText prepare_text(std::string_view raw);

// The keyword `word` most likely stands for, when OCR confused letters and digits
// (l/I/1/|, O/0, rn/m, 5/S, 6/G, 8/B) or dropped or added one letter in a long keyword;
// empty when `word` is not close to any structural keyword. Case-insensitive; the result
// is lower case.
[[nodiscard]] std::string repair_keyword(std::string_view word);

}  // namespace naskah::extract::parse
