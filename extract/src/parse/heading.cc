#include "parse/heading.h"

#include <algorithm>
#include <array>

#include "parse/prepare.h"
#include "parse/text_util.h"

namespace naskah::extract::parse {
namespace {

// How far into the document a heading may reach.
constexpr std::size_t k_max_heading_lines = 40;

// The line in lower case, reduced to its first word when the rest is only OCR debris
// ("TENTANG\u201d : oa" is "tentang", "DAN," is "dan").
std::string upper_words(const std::string& line) {
  std::string out = lower_ascii(line);
  while (!out.empty() && (out.back() == ',' || out.back() == ':' || out.back() == ';')) out.pop_back();
  std::size_t first_end = 0;
  while (first_end < out.size() && out[first_end] >= 'a' && out[first_end] <= 'z') ++first_end;
  if (first_end == 0 || first_end == out.size()) return out;
  int letters = 0;
  for (std::size_t i = first_end; i < out.size(); ++i) letters += (out[i] >= 'a' && out[i] <= 'z') ? 1 : 0;
  constexpr int k_max_debris_letters = 2;
  return letters <= k_max_debris_letters ? out.substr(0, first_end) : out;
}

bool is_one_of(const std::string& lower, std::initializer_list<const char*> words) {
  return std::any_of(words.begin(), words.end(), [&](const char* w) { return lower == w; });
}

bool starts_with_word(const std::string& lower, const char* word) {
  const std::string_view w(word);
  return lower.size() > w.size() && lower.starts_with(w) && lower[w.size()] == ' ';
}

bool is_between(const std::string& l) { return is_one_of(l, {"antara", "between"}); }
bool is_joiner(const std::string& l) { return is_one_of(l, {"dengan", "dan", "and", "with"}); }
bool is_about(const std::string& l) {
  return is_one_of(l, {"tentang", "on", "regarding", "about", "concerning", "mengenai"});
}
bool starts_about(const std::string& l) {
  return starts_with_word(l, "tentang") || starts_with_word(l, "regarding") ||
         starts_with_word(l, "concerning") || starts_with_word(l, "mengenai");
}
bool is_number_line(const std::string& l) {
  return l.starts_with("nomor") || l.starts_with("no.") || l.starts_with("no :") ||
         l.starts_with("no:") || l.starts_with("number");
}

// The opening of the body: "Pada hari ini ...", "On this day ...", or prose.
bool opens_body(const std::string& line, const std::string& l) {
  if (l.starts_with("pada hari") || l.starts_with("on this") || l.starts_with("on the ") ||
      l.starts_with("yang bertanda") || l.starts_with("kami yang") || l.starts_with("this ") ||
      l.starts_with("the undersigned")) {
    return true;
  }
  // A long line in mixed case is prose, not a heading.
  int lower = 0;
  for (char c : line) lower += (c >= 'a' && c <= 'z') ? 1 : 0;
  return line.size() > 60 && lower * 2 > static_cast<int>(line.size());
}

std::string value_after_colon(const std::string& line) {
  auto colon = line.find(':');
  std::string value;
  if (colon != std::string::npos) {
    value = line.substr(colon + 1);
  } else {
    const auto space = line.find(' ');
    value = space == std::string::npos ? std::string() : line.substr(space + 1);
  }
  // OCR reads the colon as "=", ";" or a speck: a number starts with a letter or a digit.
  const auto first = std::find_if(value.begin(), value.end(),
                                  [](char c) { return is_letter(c) || is_digit(c); });
  value.erase(value.begin(), first);
  return fold_space(value);
}

// A number with a lone lower-case letter after it, OCR's reading of a speck, trimmed:
// "621/PKS/SKN/VIII/2017 i" -> "621/PKS/SKN/VIII/2017".
std::string without_debris(std::string number) {
  const auto space = number.rfind(' ');
  if (space != std::string::npos && space + 2 == number.size() && number.back() >= 'a' &&
      number.back() <= 'z') {
    number.erase(space);
  }
  return number;
}

bool has_small_letter(const std::string& w) {
  return std::any_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// A word at the end of a heading line that is OCR's reading of a logo or a stamp: small
// letters ("atom,", "Ls"), no letter or digit at all ("=", "/", "\u00BB"), or one lone
// capital that is no Roman numeral ("J"). Structural keywords ("Nomor:") never are.
bool is_debris_word(const std::string& w) {
  int letters = 0;
  int digits = 0;
  std::string bare;
  for (char c : w) {
    letters += is_letter(c) ? 1 : 0;
    digits += is_digit(c) ? 1 : 0;
    if (is_letter(c)) bare += c;
  }
  if (!repair_keyword(bare).empty()) return false;
  const bool roman = w == "I" || w == "V" || w == "X";
  return has_small_letter(w) || letters + digits == 0 || (letters == 1 && digits == 0 && !roman);
}

// A debris word of three characters at most in small letters or symbols: a line of only
// these ("Ls", "a", "=") is a speck beside a logo. "A" or "B" alone is not.
bool is_speck(const std::string& w) {
  constexpr std::size_t k_longest_speck = 3;
  const bool symbols =
      std::none_of(w.begin(), w.end(), [](char c) { return is_letter(c) || is_digit(c); });
  return w.size() <= k_longest_speck && is_debris_word(w) && (has_small_letter(w) || symbols);
}

bool is_capital_word(const std::string& w) {
  return w.size() >= 3 &&
         std::all_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool is_number_word(const std::string& w) { return std::all_of(w.begin(), w.end(), is_digit); }

// A heading line without the OCR debris that logos and stamps beside it leave at its ends:
// "atom, PERJANJIAN KERJASAMA KEGIATAN" -> "PERJANJIAN KERJASAMA KEGIATAN", "Ls UNIVERSITAS
// BENGKULU" -> "UNIVERSITAS BENGKULU", "ANTARA eo \u00BBy" -> "ANTARA"; a line of specks alone
// becomes empty. Only a line whose core is capitals is touched (headings are), and at most
// three words at each end.
std::string without_edge_debris(const std::string& line) {
  std::vector<std::string> words;
  for (std::size_t at = 0; at < line.size();) {
    const auto begin = line.find_first_not_of(' ', at);
    if (begin == std::string::npos) break;
    const auto end = std::min(line.find(' ', begin), line.size());
    words.push_back(line.substr(begin, end - begin));
    at = end;
  }
  constexpr std::size_t k_most_debris_words = 3;
  if (words.size() <= k_most_debris_words && std::all_of(words.begin(), words.end(), is_speck)) {
    return {};
  }
  // A party's name may end in a number ("SEKOLAH DASAR NEGERI 17"), but never starts with one.
  std::size_t first = 0;
  while (first < words.size() && first < k_most_debris_words &&
         (is_debris_word(words[first]) || is_number_word(words[first]))) {
    ++first;
  }
  std::size_t last = words.size();
  while (last > first && words.size() - last < k_most_debris_words &&
         is_debris_word(words[last - 1])) {
    --last;
  }
  if (first == 0 && last == words.size()) return line;
  const auto core_begin = words.begin() + static_cast<std::ptrdiff_t>(first);
  const auto core_end = words.begin() + static_cast<std::ptrdiff_t>(last);
  if (core_begin == core_end || std::any_of(core_begin, core_end, has_small_letter) ||
      std::none_of(core_begin, core_end, is_capital_word)) {
    return line;
  }
  return join_lines(std::vector<std::string>(core_begin, core_end), 0, last - first);
}

std::string without_leading_the(std::string name) {
  if (lower_ascii(name).starts_with("the ")) name.erase(0, 4);
  return trim_end(std::move(name), ",;");
}

}  // namespace

std::optional<std::string> kind_of(const std::string& heading_line) {
  const std::string l = lower_ascii(heading_line);
  constexpr std::array k_addendum = {"adendum", "addendum", "amandemen", "amendment"};
  for (const char* word : k_addendum) {
    if (l.find(word) != std::string::npos) return "addendum";
  }
  if (l.starts_with("perubahan")) return "addendum";
  // Kesepakatan Bersama and Piagam Kesepahaman are the umbrella agreements between
  // government bodies (the MoU of Permendagri 22/2020); the PKS implement them.
  if (l.find("nota kesepahaman") != std::string::npos ||
      l.find("memorandum of understanding") != std::string::npos ||
      l.find("memorandum saling pengertian") != std::string::npos || l == "mou" ||
      l.starts_with("mou ") || l.starts_with("kesepakatan bersama") ||
      l.starts_with("piagam kesepahaman")) {
    return "mou";
  }
  constexpr std::array k_agreement = {"perjanjian kerja", "perjanjian kerjasama", "perjanjian",
                                      "cooperation agreement", "agreement"};
  for (const char* words : k_agreement) {
    if (l.starts_with(words)) return "pks";
  }
  return std::nullopt;
}

namespace {

// A letterhead (ministry, office, address, telephone) may come before the kind line.
constexpr std::size_t k_max_kind_line = 20;
// How far above ANTARA the kind line may stand (subject and numbers may come first).
constexpr std::size_t k_max_above_between = 8;

// The ANTARA / BETWEEN line and the kind named in the (up to three) lines right above it;
// when OCR lost that line, a kind line closely followed by DENGAN / DAN. Returns `limit`
// when neither is there.
std::size_t find_between(const std::vector<std::string>& lines, std::size_t limit,
                         std::optional<std::string>& kind) {
  const std::size_t end = std::min(limit, k_max_kind_line);
  for (std::size_t k = 0; k < end; ++k) {
    const std::string l = upper_words(lines[k]);
    if (!is_between(l) && !starts_with_word(l, "antara") && !starts_with_word(l, "between")) {
      continue;
    }
    // The kind line is above, with the subject and the numbers between them in some
    // formats ("NOTA KESEPAHAMAN / TENTANG / ... / ANTARA").
    for (std::size_t j = k > k_max_above_between ? k - k_max_above_between : 0; j < k; ++j) {
      // An amendment line names the agreement it amends too: the amendment wins.
      if (auto named = kind_of(lines[j]); named && (!kind || *named == "addendum")) kind = named;
    }
    return k;
  }
  for (std::size_t k = 0; k < end; ++k) {
    if (!kind_of(lines[k])) continue;
    for (std::size_t j = k + 2; j < std::min(limit, k + 6); ++j) {
      if (!is_joiner(upper_words(lines[j]))) continue;
      kind = kind_of(lines[k]);
      if (k > 0 && kind_of(lines[k - 1]) == "addendum") kind = "addendum";
      return k;
    }
  }
  return limit;
}

// The parties: blocks between the joiner lines, up to the subject, the numbers or the body.
std::size_t read_parties(const std::vector<std::string>& lines, std::size_t i, std::size_t limit,
                         Heading& h) {
  std::vector<std::vector<std::string>> parties(1);
  const std::string first = upper_words(lines[i]);
  if (starts_with_word(first, "antara") || starts_with_word(first, "between")) {
    parties.back().push_back(lines[i].substr(lines[i].find(' ') + 1));
  }
  for (++i; i < limit; ++i) {
    const std::string l = upper_words(lines[i]);
    if (is_about(l) || starts_about(l) || is_number_line(l) || opens_body(lines[i], l)) break;
    if (is_joiner(l)) {
      parties.emplace_back();
      continue;
    }
    parties.back().push_back(lines[i]);
  }
  for (const auto& block : parties) {
    if (!block.empty()) h.parties.push_back(without_leading_the(join_lines(block, 0, block.size())));
  }
  return i;
}

// The subject: after TENTANG / ON (or on the TENTANG line), up to the numbers or the body.
std::size_t read_title(const std::vector<std::string>& lines, std::size_t i, std::size_t limit,
                       Heading& h) {
  if (i >= limit) return i;
  const std::string l = upper_words(lines[i]);
  if (!is_about(l) && !starts_about(l)) return i;
  std::vector<std::string> title;
  if (starts_about(l)) title.push_back(lines[i].substr(lines[i].find(' ') + 1));
  for (++i; i < limit; ++i) {
    const std::string t = upper_words(lines[i]);
    if (is_number_line(t) || opens_body(lines[i], t) || is_between(t)) break;
    title.push_back(lines[i]);
  }
  if (!title.empty()) h.title = join_lines(title, 0, title.size());
  return i;
}

// The numbers, one per line; a number wrapped onto the next line is joined.
std::size_t read_numbers(const std::vector<std::string>& lines, std::size_t i, std::size_t limit,
                         Heading& h) {
  for (; i < limit; ++i) {
    if (!is_number_line(upper_words(lines[i]))) break;
    std::string number = without_debris(value_after_colon(lines[i]));
    while (i + 1 < limit && !number.empty() &&
           std::string("-/.").find(number.back()) != std::string::npos &&
           lines[i + 1].find(' ') == std::string::npos) {
      number += lines[++i];
    }
    if (!number.empty()) h.numbers.push_back(repair_roman_segments(number));
  }
  return i;
}

}  // namespace

std::optional<std::string> kind_named_by_body(const std::vector<std::string>& lines) {
  // How agreements name themselves: "Nota Kesepahaman ini dimaksudkan ...", "Addendum
  // Perjanjian kerja sama (selanjutnya disebut "Addendum") ini dibuat ...".
  struct SelfReference {
    const char* words;
    const char* kind;
  };
  static constexpr std::array<SelfReference, 13> k_self = {{
      {"addendum ini", "addendum"}, {"adendum ini", "addendum"}, {"amandemen ini", "addendum"},
      {"this amendment", "addendum"}, {"nota kesepahaman ini", "mou"},
      {"kesepakatan bersama ini", "mou"}, {"piagam kesepahaman ini", "mou"},
      {"this memorandum", "mou"}, {"perjanjian kerja sama ini", "pks"},
      {"perjanjian kerjasama ini", "pks"}, {"perjanjian ini", "pks"},
      {"this agreement", "pks"}, {"this cooperation agreement", "pks"}}};
  std::string flat;
  for (const auto& line : lines) flat += lower_ascii(line) + ' ';
  int mou = 0;
  int pks = 0;
  for (const auto& [words, kind] : k_self) {
    for (auto at = flat.find(words); at != std::string::npos; at = flat.find(words, at + 1)) {
      if (std::string_view(kind) == "addendum") return "addendum";  // it names its parent too
      (std::string_view(kind) == "mou" ? mou : pks) += 1;
    }
  }
  if (mou == 0 && pks == 0) return std::nullopt;
  return mou >= pks ? "mou" : "pks";
}

Heading read_heading(const std::vector<std::string>& all_lines) {
  Heading h;
  const std::size_t limit = std::min(all_lines.size(), k_max_heading_lines);
  std::vector<std::string> lines(all_lines.begin(),
                                 all_lines.begin() + static_cast<std::ptrdiff_t>(limit));
  for (auto& line : lines) line = without_edge_debris(line);
  const std::size_t between = find_between(lines, limit, h.doc_type);
  // OCR may lose the kind line (large type between two logos): ANTARA ... DENGAN still says
  // it is an agreement, and the body says which kind.
  if (between != limit && !h.doc_type) {
    h.doc_type = kind_named_by_body(all_lines);
    h.kind_from_body = h.doc_type.has_value();
  }
  if (between == limit || !h.doc_type) {
    h.doc_type = "other";
    return h;
  }
  std::size_t i = read_parties(lines, between, limit, h);
  i = read_title(lines, i, limit, h);
  h.body_line = read_numbers(lines, i, limit, h);
  // The subject and the numbers may also stand between the kind line and ANTARA.
  for (std::size_t k = between > k_max_above_between ? between - k_max_above_between : 0;
       k < between; ++k) {
    const std::string l = upper_words(lines[k]);
    if (!h.title && (is_about(l) || starts_about(l))) {
      k = read_title(lines, k, between, h) - 1;
    } else if (h.numbers.empty() && is_number_line(l)) {
      k = read_numbers(lines, k, between, h) - 1;
    }
  }
  return h;
}

}  // namespace naskah::extract::parse
