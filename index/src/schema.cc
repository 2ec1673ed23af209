#include "naskah/index/schema.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>
#include <vector>

namespace naskah::index {
namespace {

// Xapian refuses terms over 245 bytes; leave room for the longest prefix.
constexpr std::size_t k_max_key_bytes = 200;

std::string cut_utf8(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text;
}

// Words that stay lower case inside a name: "Kementerian Hukum dan HAM".
constexpr std::array<std::string_view, 16> k_particles = {
    "dan",   "dengan", "dari",    "di", "ke",  "untuk", "pada", "atas",
    "serta", "yang",   "tentang", "of", "and", "the",   "for",  "in"};

// Abbreviations longer than three letters that stay in capitals.
constexpr std::array<std::string_view, 16> k_abbreviations = {
    "rsud", "bpjs", "dprd", "bumn",  "bumd", "lpka", "lpsk", "bnnp",
    "bnnk", "kpai", "ptun", "polri", "lkbh", "ojk",  "bpkp", "bphn"};

// Words of three letters or fewer are taken for abbreviations (HAM, RI, UPT, BNN) except
// these.
constexpr std::array<std::string_view, 6> k_short_words = {"hak", "ibu", "air",
                                                           "tua", "dua", "law"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

std::size_t letters(std::string_view word) {
  std::size_t n = 0;
  for (Xapian::Utf8Iterator it(word.data(), word.size()); it != Xapian::Utf8Iterator(); ++it) {
    const auto category = Xapian::Unicode::get_category(*it);
    n += category >= Xapian::Unicode::UPPERCASE_LETTER && category <= Xapian::Unicode::OTHER_LETTER
             ? 1
             : 0;
  }
  return n;
}

bool has_digit(std::string_view word) {
  return std::any_of(word.begin(), word.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

// "kementerian" -> "Kementerian" (the first code point in capitals).
std::string capitalised(const std::string& lower) {
  if (lower.empty()) return lower;
  const auto lead = static_cast<unsigned char>(lower[0]);
  const std::size_t bytes = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  const Xapian::Utf8Iterator first(lower);
  std::string out;
  Xapian::Unicode::append_utf8(out, Xapian::Unicode::toupper(*first));
  out += lower.substr(std::min(bytes, lower.size()));
  return out;
}

// "III" -> "3": a Roman month (I to XII), else empty.
std::string roman_month(const std::string& token) {
  static constexpr std::array<std::string_view, 12> k_months = {
      "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"};
  for (std::size_t i = 0; i < k_months.size(); ++i) {
    if (token == k_months[i]) return std::to_string(i + 1);
  }
  return {};
}

// A part of a number with OCR's slips undone: letters read for digits in a part that is
// otherwise digits ("2O21", "l0"), and leading zeros dropped ("05" -> "5").
std::string number_part(std::string token) {
  const bool slips_only =
      has_digit(token) && std::all_of(token.begin(), token.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) || c == 'O' || c == 'I' || c == 'L';
      });
  if (slips_only) {
    for (char& c : token) c = c == 'O' ? '0' : (c == 'I' || c == 'L') ? '1' : c;
  }
  if (std::all_of(token.begin(), token.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    const auto first = token.find_first_not_of('0');
    token = first == std::string::npos ? "0" : token.substr(first);
  }
  if (const std::string month = roman_month(token); !month.empty()) return month;
  return token;
}

}  // namespace

std::string number_key(std::string_view text) {
  std::vector<std::string> parts;
  std::string token;
  auto end_token = [&] {
    if (!token.empty()) parts.push_back(number_part(std::exchange(token, {})));
  };
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      token += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else {
      end_token();
    }
  }
  end_token();
  // "Nomor: 12/..." and "No. 12/...": the word is not part of the number.
  while (!parts.empty() && (parts.front() == "NOMOR" || parts.front() == "NO")) {
    parts.erase(parts.begin());
  }
  std::string key;
  std::size_t digits = 0;
  for (const std::string& part : parts) {
    key += (key.empty() ? "" : "/") + part;
    digits += static_cast<std::size_t>(std::count_if(part.begin(), part.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c));
    }));
  }
  if (parts.size() < 2 || digits < 3) return {};
  return cut_utf8(key, k_max_key_bytes);
}

std::string date_value(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return {};
  std::string out;
  for (const char c : iso) {
    if (c == '-') continue;
    if (!std::isdigit(static_cast<unsigned char>(c))) return {};
    out += c;
  }
  return out;
}

std::string display_name(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string facet_name(std::string_view text) {
  const std::string name = display_name(text);
  const bool all_capitals =
      Xapian::Unicode::toupper(name) == name && Xapian::Unicode::tolower(name) != name;
  std::vector<std::string> words;
  for (std::size_t at = 0; at <= name.size();) {
    const std::size_t end = std::min(name.find(' ', at), name.size());
    words.push_back(name.substr(at, end - at));
    at = end + 1;
  }
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string word = words[i];
    const std::string lower = Xapian::Unicode::tolower(word);
    if (i > 0 && one_of(k_particles, lower)) {
      word = lower;
    } else if (all_capitals && !has_digit(word) &&
               (letters(word) > 3 || one_of(k_short_words, lower)) &&
               !one_of(k_abbreviations, lower)) {
      word = capitalised(lower);
    }
    out += (i > 0 ? " " : "") + word;
  }
  return out;
}

std::string term_key(std::string_view text) {
  return cut_utf8(Xapian::Unicode::tolower(display_name(text)), k_max_key_bytes);
}

Xapian::Stem stemmer_for(const std::optional<std::string>& language) {
  return Xapian::Stem(language && *language == "en" ? "english" : "indonesian");
}

std::string id_term(std::string_view sha256) {
  return std::string(prefix::k_id) + std::string(sha256);
}

}  // namespace naskah::index
