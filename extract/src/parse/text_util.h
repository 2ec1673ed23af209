// Small text helpers shared by the parser's grammar pieces. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace naskah::extract::parse {

// ASCII letters folded to lower case; every other byte (UTF-8 included) kept.
[[nodiscard]] std::string lower_ascii(std::string_view text);

// True for ASCII letters and any byte of a multi-byte UTF-8 sequence.
[[nodiscard]] constexpr bool is_letter(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
}
[[nodiscard]] constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

// White space runs (spaces, tabs, newlines, form feeds, NBSP) folded to one space,
// trimmed at both ends.
[[nodiscard]] std::string fold_space(std::string_view text);

// An agreement number with the Roman-numeral month repaired where OCR read I as 1 or l:
// "445/3470/1X/2022" -> "445/3470/IX/2022", "PKS/2629/X1/2023" -> "PKS/2629/XI/2023".
// Segments that are plain numbers are left alone.
[[nodiscard]] std::string repair_roman_segments(std::string number);

}  // namespace naskah::extract::parse
