#include "parse/prepare.h"

#include <algorithm>
#include <array>
#include <map>

#include "parse/text_util.h"

namespace naskah::extract::parse {
namespace {

// The words the grammar pieces look for. Only these are repaired: a general spelling
// corrector would also "correct" names and agreement numbers.
constexpr std::array k_keywords = {
    "addendum",   "adendum",     "agreement",   "amandemen",   "antara",     "berakhir",
    "berlaku",    "between",     "bertempat",   "cooperation", "dengan",     "ditandatangani",
    "hari",       "hereinafter", "jangka",     "kedua",       "kelima",      "keempat",    "kerjasama",
    "kesepahaman", "kesepakatan", "ketiga",     "memorandum",  "nomor",      "nota",
    "pasal",      "perjanjian",  "perubahan",   "pertama",     "pihak",      "regarding",
    "sampai",     "tahun",       "tanggal",     "tentang",     "terhitung",  "understanding",
    "waktu"};

// Characters OCR swaps for each other, mapped to one representative.
char confusable(char c) {
  switch (c) {
    case '0': case 'o': case 'O': return 'o';
    case '1': case 'l': case 'I': case 'i': case '|': case '!': return 'l';
    case '5': case 's': case 'S': return 's';
    case '6': case 'g': case 'G': return 'g';
    case '8': case 'b': case 'B': return 'b';
    default: return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
}

std::string shape(std::string_view word) {
  std::string out;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char a = static_cast<char>(std::tolower(static_cast<unsigned char>(word[i])));
    if (a == 'r' && i + 1 < word.size() && (word[i + 1] == 'n' || word[i + 1] == 'N')) {
      out += 'm';  // "rn" read for "m"
      ++i;
      continue;
    }
    out += confusable(word[i]);
  }
  return out;
}

// Levenshtein distance, stopping early once it exceeds 1.
bool within_one_edit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) return a.substr(i + 1) == b.substr(i + 1);
  return a.substr(i) == b.substr(i + 1);
}

bool is_page_number_line(std::string_view line) {
  std::string s = lower_ascii(fold_space(line));
  s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == ' '; }), s.end());
  // "-2-", "2", "- 2 -", "halaman2", "halaman2dari5", "page2of5", "hal.2"
  for (const char* prefix : {"halaman", "hal.", "page"}) {
    if (s.starts_with(prefix)) s.erase(0, std::string_view(prefix).size());
  }
  const auto of = s.find_first_of("do");
  if (of != std::string::npos && (s.compare(of, 3, "dar") == 0 || s.compare(of, 2, "of") == 0)) {
    s.erase(of);
  }
  while (!s.empty() && (s.front() == '-' || s.front() == '\xe2')) s.erase(0, 1);
  while (!s.empty() && (s.back() == '-' || s.back() == '.')) s.pop_back();
  return !s.empty() && s.size() <= 3 &&
         std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}

// A line with its digits blanked out: running headers differ only in the page number.
std::string header_key(const std::string& line) {
  std::string k;
  for (char c : lower_ascii(line)) k += is_digit(c) ? '#' : c;
  return k;
}

// Lines that open (or close) most pages the same way, digits aside: running headers.
std::vector<std::string> running_lines(const std::vector<std::vector<std::string>>& pages) {
  if (pages.size() < 3) return {};
  std::map<std::string, int> seen;
  for (const auto& page : pages) {
    if (page.empty()) continue;
    ++seen[header_key(page.front())];
    if (page.size() > 1) ++seen[header_key(page.back())];
  }
  std::vector<std::string> out;
  for (const auto& [k, n] : seen) {
    if (n * 2 >= static_cast<int>(pages.size()) && k.size() > 3) out.push_back(k);
  }
  return out;
}

}  // namespace

std::string repair_keyword(std::string_view word) {
  static const std::vector<std::string> k_shapes = [] {
    std::vector<std::string> shapes;
    for (const char* k : k_keywords) shapes.push_back(shape(k));
    return shapes;
  }();
  // One edit more is allowed only in long keywords: short ones have real neighbours
  // ("tanggal" / "tinggal").
  constexpr std::size_t k_min_length_for_an_edit = 9;
  if (word.size() < 3) return {};
  const std::string s = shape(word);
  for (std::size_t i = 0; i < k_keywords.size(); ++i) {
    const std::string_view k(k_keywords[i]);
    if (s == k_shapes[i]) return std::string(k);
    if (k.size() >= k_min_length_for_an_edit && within_one_edit(s, k_shapes[i])) {
      return std::string(k);
    }
  }
  return {};
}

namespace {

// OCR reads margins, stamps and table rules as stray marks at the ends of lines:
// "| PERJANJIAN KERJASAMA", "i : DENGAN |", "PIHAK PERTAMA: dan ©".
bool is_stray_mark(unsigned char c) {
  return std::string_view("|:;,.'\"`~_-=*<>[]{}\\/").find(static_cast<char>(c)) !=
             std::string_view::npos ||
         c >= 0x80;  // ©, ®, °, •, dashes and quotes of UTF-8
}

std::string strip_stray_marks(std::string line) {
  // Leading: marks (and a closing bracket, which cannot open a line), and a lone letter
  // before them ("i : DENGAN").
  std::size_t b = 0;
  for (;;) {
    while (b < line.size() && (line[b] == ' ' || line[b] == ')' ||
                               is_stray_mark(static_cast<unsigned char>(line[b])))) {
      ++b;
    }
    const bool lone_letter = b + 1 < line.size() && line[b + 1] == ' ' &&
                             std::string_view("ilIj").find(line[b]) != std::string_view::npos;
    if (!lone_letter) break;
    const std::size_t next = line.find_first_not_of(' ', b + 1);
    if (next == std::string::npos || !(is_stray_mark(static_cast<unsigned char>(line[next])) ||
                                       (line[next] >= 'A' && line[next] <= 'Z'))) {
      break;
    }
    b = next;
  }
  // Trailing: marks other than the sentence's own punctuation, and the spaces before them.
  std::size_t e = line.size();
  while (e > b) {
    const auto c = static_cast<unsigned char>(line[e - 1]);
    // A hyphen after a letter splits a word across lines: join_hyphenated needs it. After a
    // digit it ends a number left incomplete for a hand to fill in ("Nomor : W21.HM.03.04-").
    const bool own_punctuation =
        c == '.' || c == ',' || c == ';' || c == ':' || c == ')' ||
        (c == '-' && e >= 2 && (is_letter(line[e - 2]) || is_digit(line[e - 2])));
    if (c == ' ' || (is_stray_mark(c) && !own_punctuation)) {
      --e;
    } else if (own_punctuation && e >= 2 && line[e - 2] == ' ') {
      --e;  // " :" or " ." standing alone at the end
    } else {
      break;
    }
  }
  // A UTF-8 character cut in half by the loop above is dropped whole.
  while (e > b && (static_cast<unsigned char>(line[e - 1]) & 0xC0) == 0xC0) --e;
  return line.substr(b, e - b);
}

std::vector<std::vector<std::string>> split_pages(std::string_view raw) {
  std::vector<std::vector<std::string>> pages(1);
  std::size_t start = 0;
  for (std::size_t i = 0; i <= raw.size(); ++i) {
    if (i < raw.size() && raw[i] != '\n' && raw[i] != '\f') continue;
    std::string line = strip_stray_marks(fold_space(raw.substr(start, i - start)));
    if (!line.empty()) pages.back().push_back(std::move(line));
    if (i < raw.size() && raw[i] == '\f') pages.emplace_back();
    start = i + 1;
  }
  return pages;
}

// Drops page numbers among the first and last two lines of each page, and running
// headers and footers.
std::vector<std::string> body_lines(const std::vector<std::vector<std::string>>& pages) {
  const auto running = running_lines(pages);
  std::vector<std::string> out;
  for (const auto& page : pages) {
    for (std::size_t i = 0; i < page.size(); ++i) {
      const bool edge = i < 2 || i + 2 >= page.size();
      if (edge && is_page_number_line(page[i])) continue;
      if ((i == 0 || i + 1 == page.size()) &&
          std::find(running.begin(), running.end(), header_key(page[i])) != running.end()) {
        continue;
      }
      out.push_back(page[i]);
    }
  }
  return out;
}

// "pelaksa-" + "naan ..." -> "pelaksanaan ..."; "masing-" + "masing" stays "masing-masing".
void join_hyphenated(std::vector<std::string>& lines) {
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    std::string& line = lines[i];
    std::string& next = lines[i + 1];
    if (line.size() < 3 || line.back() != '-' || !is_letter(line[line.size() - 2])) continue;
    if (next.empty() || !(next[0] >= 'a' && next[0] <= 'z')) continue;
    const auto cut = next.find(' ');
    const std::string head = next.substr(0, cut);
    const auto word_start = line.find_last_of(' ') + 1;
    const std::string fragment = line.substr(word_start, line.size() - 1 - word_start);
    if (lower_ascii(fragment) != lower_ascii(head)) line.pop_back();  // not a reduplication
    line += head;
    next = cut == std::string::npos ? std::string() : next.substr(cut + 1);
  }
  lines.erase(std::remove(lines.begin(), lines.end(), std::string()), lines.end());
}

std::string in_case_of(std::string_view token, const std::string& keyword) {
  int upper = 0;
  int letters = 0;
  for (char c : token) {
    if (is_letter(c)) ++letters;
    if (c >= 'A' && c <= 'Z') ++upper;
  }
  std::string out = keyword;
  if (upper * 2 > letters) {
    for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  } else if (!token.empty() && token[0] >= 'A' && token[0] <= 'Z') {
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  }
  return out;
}

// Replaces misread structural keywords in `line`, keeping punctuation around them.
std::string repair_line(const std::string& line) {
  std::string out;
  std::size_t i = 0;
  while (i < line.size()) {
    const bool word_char = is_letter(line[i]) || is_digit(line[i]) || line[i] == '|';
    if (!word_char) {
      out += line[i++];
      continue;
    }
    std::size_t j = i;
    while (j < line.size() && (is_letter(line[j]) || is_digit(line[j]) || line[j] == '|')) ++j;
    const std::string_view token(line.data() + i, j - i);
    const bool has_letter = std::any_of(token.begin(), token.end(), [](char c) { return is_letter(c); });
    const std::string keyword = has_letter ? repair_keyword(token) : std::string();
    out += keyword.empty() ? std::string(token) : in_case_of(token, keyword);
    i = j;
  }
  return out;
}

}  // namespace

PreparedText prepare_text(std::string_view raw) {
  PreparedText out;
  out.lines = body_lines(split_pages(raw));
  join_hyphenated(out.lines);
  for (auto& line : out.lines) {
    line = repair_line(line);
    out.text += line;
    out.text += '\n';
  }
  return out;
}

}  // namespace naskah::extract::parse
