#include "parse/text_util.h"

#include <array>

namespace naskah::extract::parse {

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string comparable_word(std::string_view word) {
  // Whole characters only: a byte of a curly quote may end another UTF-8 letter.
  constexpr std::array<std::string_view, 14> k_around = {
      " ", ",", ".", ":", ";", "(", ")", "\"", "'", "\u201C", "\u201D", "\u2018", "\u2019", "!"};
  for (bool trimmed = true; trimmed && !word.empty();) {
    trimmed = false;
    for (std::string_view mark : k_around) {
      if (word.starts_with(mark)) word.remove_prefix(mark.size()), trimmed = true;
      if (word.ends_with(mark)) word.remove_suffix(mark.size()), trimmed = true;
    }
  }
  return lower_ascii(word);
}

std::size_t space_at(std::string_view text, std::size_t i) {
  if (i >= text.size()) return 0;
  const char c = text[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') return 1;
  return c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0' ? 2 : 0;
}

std::size_t skip_space(std::string_view text, std::size_t i) {
  while (space_at(text, i) > 0) i += space_at(text, i);
  return i;
}

std::string fold_space(std::string_view text) {
  std::string out;
  bool pending = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool nbsp = c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0';
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || nbsp) {
      pending = !out.empty();
      if (nbsp) ++i;
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out += c;
  }
  return out;
}

bool letter_at(std::string_view text, std::size_t i) {
  if (static_cast<unsigned char>(text[i]) < 0x80) return is_letter(text[i]);
  std::size_t lead = i;
  while (lead > 0 && i - lead < 3 && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80) {
    --lead;
  }
  const auto first = static_cast<unsigned char>(text[lead]);
  const auto second = lead + 1 < text.size() ? static_cast<unsigned char>(text[lead + 1]) : 0;
  return first != 0xC2 && !(first == 0xE2 && second < 0xB0);
}

std::string join_lines(const std::vector<std::string>& lines, std::size_t from,
                       std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to && i < lines.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += lines[i];
  }
  return fold_space(out);
}

std::string trim_end(std::string text, std::string_view chars) {
  while (!text.empty() && chars.find(text.back()) != std::string_view::npos) text.pop_back();
  return text;
}

std::string repair_roman_segments(std::string number) {
  std::size_t start = 0;
  while (start <= number.size()) {
    auto end = number.find_first_of("/.-", start);
    if (end == std::string::npos) end = number.size();
    bool roman_only = end > start;
    bool has_roman = false;
    bool has_misread = false;
    for (std::size_t i = start; i < end; ++i) {
      const char c = number[i];
      roman_only = roman_only && std::string_view("IVXl1").find(c) != std::string_view::npos;
      has_roman = has_roman || c == 'I' || c == 'V' || c == 'X';
      has_misread = has_misread || c == 'l' || c == '1';
    }
    if (roman_only && has_roman && has_misread) {
      for (std::size_t i = start; i < end; ++i) {
        if (number[i] == 'l' || number[i] == '1') number[i] = 'I';
      }
    }
    start = end + 1;
  }
  return number;
}

}  // namespace naskah::extract::parse
