#include "parse/heading.h"

#include <algorithm>
#include <array>

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
  if (l.find("nota kesepahaman") != std::string::npos ||
      l.find("memorandum of understanding") != std::string::npos ||
      l.find("memorandum saling pengertian") != std::string::npos || l == "mou" ||
      l.starts_with("mou ")) {
    return "mou";
  }
  constexpr std::array k_agreement = {"perjanjian kerja", "perjanjian kerjasama",
                                      "kesepakatan bersama", "perjanjian",
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

Heading read_heading(const std::vector<std::string>& lines) {
  Heading h;
  const std::size_t limit = std::min(lines.size(), k_max_heading_lines);
  const std::size_t between = find_between(lines, limit, h.doc_type);
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
