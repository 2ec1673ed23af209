// Small text helpers shared by the parser's grammar pieces. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace naskah::extract::parse {

// ASCII letters folded to lower case; every other byte (UTF-8 included) kept.
[[nodiscard]] std::string lower_ascii(std::string_view text);

// A word as two readings of it are compared: lower case, without the punctuation around it
// ("Bengkulu," and "bengkulu" are one word).
[[nodiscard]] std::string comparable_word(std::string_view word);

// True for ASCII letters and any byte of a multi-byte UTF-8 sequence.
[[nodiscard]] constexpr bool is_letter(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
}
[[nodiscard]] constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
[[nodiscard]] constexpr bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

inline constexpr std::size_t npos = std::string::npos;

// Bytes of white space at `i` (space, tab, newline, form feed, NBSP), 0 if none.
[[nodiscard]] std::size_t space_at(std::string_view text, std::size_t i);

// The first byte at or after `i` that is not white space (as space_at counts it).
[[nodiscard]] std::size_t skip_space(std::string_view text, std::size_t i);

// Whether the character holding byte `i` of `text` is a letter: an ASCII letter or a UTF-8
// one. Unlike is_letter, NBSP, dashes, quotes and the signs of U+0080..U+00BF and
// U+2000..U+2BFF ("€", "’") are not: the scanners use it for word boundaries.
// Precondition: i < text.size().
[[nodiscard]] bool letter_at(std::string_view text, std::size_t i);

// White space runs (spaces, tabs, newlines, form feeds, NBSP) folded to one space,
// trimmed at both ends.
[[nodiscard]] std::string fold_space(std::string_view text);

// Lines [from, to) joined with single spaces, white space folded.
[[nodiscard]] std::string join_lines(const std::vector<std::string>& lines, std::size_t from,
                                     std::size_t to);

// `text` without the characters of `chars` at its end ("NAME, " -> "NAME").
[[nodiscard]] std::string trim_end(std::string text, std::string_view chars);

// An agreement number with the Roman-numeral month repaired where OCR read I as 1 or l:
// "445/3470/1X/2022" -> "445/3470/IX/2022", "PKS/2629/X1/2023" -> "PKS/2629/XI/2023".
// Segments that are plain numbers are left alone.
[[nodiscard]] std::string repair_roman_segments(std::string number);

}  // namespace naskah::extract::parse
