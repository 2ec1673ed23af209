#include "naskah/index/party_name.h"

#include <xapian.h>

#include <array>
#include <utility>

#include "naskah/index/schema.h"

namespace naskah::index {

namespace {

// Whole words (lower case) and what they stand for, applied in order: English names of
// Indonesian bodies, then the abbreviations agreements use in their headings.
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> k_same_body{{
    {"regional office of the ministry of law and human rights",
     "kantor wilayah kementerian hukum dan hak asasi manusia"},
    {"ministry of law and human rights", "kementerian hukum dan hak asasi manusia"},
    {"of the republic of indonesia", "republik indonesia"},
    {"kemenkumham", "kementerian hukum dan hak asasi manusia"},
    {"kemenhumham", "kementerian hukum dan hak asasi manusia"},
    {"hukum dan ham", "hukum dan hak asasi manusia"},
    {"kanwil", "kantor wilayah"},
    {"lapas", "lembaga pemasyarakatan"},
    {"rutan", "rumah tahanan negara"},
    {"bapas", "balai pemasyarakatan"},
    {"pemkab", "pemerintah kabupaten"},
    {"pemkot", "pemerintah kota"},
    {"pemprov", "pemerintah provinsi"},
    {"polda", "kepolisian daerah"},
    {"univ.", "universitas"},
    {"kemenkes", "kementerian kesehatan"},
}};

bool is_letter(unsigned char c) {
  return std::isalpha(c) || c >= 0x80;
}
bool is_mark(char c) {
  return !is_letter(static_cast<unsigned char>(c)) &&
         !std::isdigit(static_cast<unsigned char>(c)) && c != ' ' && c != ')';
}

// Without the marks at either end ("— —.", "-", "*", "oo -" keeps its letters).
std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (is_mark(s.front()) || s.front() == ' ')) s.remove_prefix(1);
  while (!s.empty() && (is_mark(s.back()) || s.back() == ' ')) s.remove_suffix(1);
  return s;
}

bool names_someone(std::string_view s) {
  std::size_t letters = 0;
  std::size_t marks = 0;
  std::size_t run = 0;
  bool word = false;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (is_letter(u)) {
      ++letters;
      word = word || ++run >= 3;
      continue;
    }
    run = 0;
    if (c != ' ' && !std::isdigit(u)) ++marks;
  }
  return word && marks * 2 < letters;
}

void replace_words(std::string& padded, std::string_view from, std::string_view to) {
  const std::string needle = " " + std::string(from) + " ";
  const std::string with = " " + std::string(to) + " ";
  for (auto at = padded.find(needle); at != std::string::npos;
       at = padded.find(needle, at + with.size() - 1)) {
    padded.replace(at, needle.size(), with);
  }
}

// U+2000..U+2FFF (dashes, bullets, quotes, arrows, box drawing: three bytes after 0xE2) are
// marks, not letters: as "-", the curly apostrophe as "'". Other non-ASCII are letters.
std::string plain_marks(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) == 0xE2 && i + 2 < s.size()) {
      const bool apostrophe = static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                              (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0x98;
      out += apostrophe ? '\'' : '-';
      i += 2;
      continue;
    }
    out += s[i];
  }
  return out;
}

}  // namespace

std::string canonical_party(std::string_view name) {
  const std::string folded = plain_marks(display_name(name));
  const std::string_view kept = trimmed(folded);
  if (!names_someone(kept)) return {};
  std::string padded = " " + Xapian::Unicode::tolower(std::string(kept)) + " ";
  for (const auto& [from, to] : k_same_body) replace_words(padded, from, to);
  // A ministry is the Republic's by definition: "... RI" and "... Republik Indonesia" go.
  if (padded.starts_with(" kementerian ")) {
    for (const std::string_view tail : {" republik indonesia ", " ri "}) {
      if (padded.ends_with(tail)) padded.replace(padded.size() - tail.size(), tail.size(), " ");
    }
  }
  // In capitals, then as facet_name sets a name printed in capitals: one case for all.
  return facet_name(Xapian::Unicode::toupper(std::string(trimmed(padded))));
}

}  // namespace naskah::index
