#include "parse/numbers.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>

#include "parse/text_util.h"

namespace naskah::extract::parse {
namespace {

// What a number word does in the grammar.
enum class Kind { none, zero, digit, teen, tens, puluh, belas, hundred, scale, conj };

struct WordInfo {
  Kind kind = Kind::none;
  long long value = 0;
  bool bound = false;  // the "se-" of seratus, seribu: needs puluh, belas, ratus or a scale
};

// Indexed by value.
constexpr std::array<std::string_view, 10> k_id_digits{
    "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"};
constexpr std::array<std::string_view, 10> k_en_digits{"zero", "one", "two",   "three", "four",
                                                       "five", "six", "seven", "eight", "nine"};
constexpr std::array<std::string_view, 10> k_en_teens{"ten",      "eleven",  "twelve",  "thirteen",
                                                      "fourteen", "fifteen", "sixteen", "seventeen",
                                                      "eighteen", "nineteen"};
constexpr std::array<std::string_view, 10> k_en_tens{
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
// Scale words, entry i naming 1000^(i+1); the first word is the standard Indonesian one.
constexpr std::array<std::array<std::string_view, 4>, 6> k_number_scales{{
    {"ribu", "thousand"},
    {"juta", "million"},
    {"miliar", "milyar", "billion"},
    {"triliun", "trilyun", "trillion"},
    {"kuadriliun", "quadriliun", "quadrillion"},
    {"kuintiliun", "quintiliun", "kuantiliun", "quintillion"},
}};

constexpr std::size_t k_max_tokens = 48;
constexpr std::size_t k_max_word = 12;

struct Token : WordInfo {
  std::size_t end = 0;
};

struct TokenList {
  std::array<Token, k_max_tokens> items;
  std::size_t size = 0;
  std::size_t stop = 0;  // where reading stopped: the first byte not read as a number word
  Kind kind_at(std::size_t i) const { return i < size ? items[i].kind : Kind::none; }
};

// What the lower-case word `w` is, as a whole; Kind::none if not a number word.
WordInfo lookup(std::string_view w) {
  if (w.empty()) return {};
  for (long long d = 0; d < 10; ++d) {
    const auto i = static_cast<std::size_t>(d);
    if (w == k_id_digits[i] || w == k_en_digits[i]) return {d == 0 ? Kind::zero : Kind::digit, d};
    if (w == k_en_teens[i]) return {Kind::teen, 10 + d};
    if (d >= 2 && w == k_en_tens[i]) return {Kind::tens, 10 * d};
  }
  if (w == "puluh") return {Kind::puluh, 10};
  if (w == "belas") return {Kind::belas, 10};
  if (w == "ratus" || w == "hundred") return {Kind::hundred, 100};
  if (w == "and") return {Kind::conj, 0};
  if (w == "se") return {Kind::digit, 1, true};
  long long scale = 1;
  for (const auto& names : k_number_scales) {
    scale *= 1000;
    if (std::find(names.begin(), names.end(), w) != names.end()) return {Kind::scale, scale};
  }
  return {};
}

bool is_multiplier(Kind k) {
  return k == Kind::puluh || k == Kind::belas || k == Kind::hundred || k == Kind::scale;
}


// Bytes of white space or hyphen at `i` (NBSP counts), 0 if none.
std::size_t separator_at(std::string_view text, std::size_t i) {
  const char c = text[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '-') return 1;
  if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') return 2;
  return 0;
}

// Appends the tokens of the word [begin, end); false if it is not a number word.
bool push_word(std::string_view word, std::size_t end, TokenList& out) {
  if (word.size() > k_max_word || out.size + 2 > k_max_tokens) return false;
  const std::string lower = lower_ascii(word);
  WordInfo info = lookup(lower);
  WordInfo rest;
  if (info.kind == Kind::none && lower.size() > 2 && lower.starts_with("se")) {
    rest = lookup(std::string_view(lower).substr(2));  // seratus = se + ratus
    if (!is_multiplier(rest.kind)) return false;
    info = lookup("se");
  }
  if (info.kind == Kind::none) return false;
  out.items[out.size++] = Token{info, end};
  if (rest.kind != Kind::none) out.items[out.size++] = Token{rest, end};
  return true;
}

// Reads number words from `pos` on, separated by white space or hyphens.
TokenList read_tokens(std::string_view text, std::size_t pos) {
  TokenList list;
  list.stop = pos;
  std::size_t i = pos;
  while (i < text.size() && is_ascii_letter(text[i])) {
    std::size_t e = i;
    while (e < text.size() && is_ascii_letter(text[e])) ++e;
    if (e < text.size() && letter_at(text, e)) break;
    if (!push_word(text.substr(i, e - i), e, list)) break;
    list.stop = e;
    i = e;
    while (i < text.size() && separator_at(text, i) > 0) i += separator_at(text, i);
  }
  return list;
}

struct Parsed {
  long long value;
  std::size_t used;
};

// The part below a hundred at `i`: d puluh [d] | d belas | teen | tens [d] | d. Adds it to
// `value` and returns the index after it (`i` when there is none).
std::size_t parse_below_hundred(const TokenList& t, std::size_t i, long long& value) {
  const Kind k = t.kind_at(i);
  const Kind next = t.kind_at(i + 1);
  std::size_t after = i;
  if (k == Kind::digit && next == Kind::puluh) {
    value += t.items[i].value * 10;
    after = i + 2;
  } else if (k == Kind::digit && next == Kind::belas) {
    value += 10 + t.items[i].value;
    return i + 2;
  } else if (k == Kind::teen) {
    value += t.items[i].value;
    return i + 1;
  } else if (k == Kind::tens) {
    value += t.items[i].value;
    after = i + 1;
  } else if (k == Kind::digit &&
             (next == Kind::scale || (!t.items[i].bound && !is_multiplier(next)))) {
    value += t.items[i].value;
    return i + 1;
  } else {
    return i;
  }
  // A unit after "puluh" or an English tens word: "dua puluh satu", "twenty-one".
  const Kind unit_next = t.kind_at(after + 1);
  if (t.kind_at(after) == Kind::digit && !t.items[after].bound && unit_next != Kind::puluh &&
      unit_next != Kind::belas && unit_next != Kind::hundred) {
    value += t.items[after].value;
    ++after;
  }
  return after;
}

// One group below a thousand at `i`: [d ratus [and]] [below a hundred].
std::optional<Parsed> parse_group(const TokenList& t, std::size_t i) {
  const std::size_t start = i;
  long long value = 0;
  if (t.kind_at(i) == Kind::digit && t.kind_at(i + 1) == Kind::hundred) {
    value = t.items[i].value * 100;
    i += 2;
    if (t.kind_at(i) == Kind::conj) {
      const std::size_t j = parse_below_hundred(t, i + 1, value);
      if (j > i + 1) i = j;
    } else {
      i = parse_below_hundred(t, i, value);
    }
  } else {
    i = parse_below_hundred(t, i, value);
  }
  if (i == start) return std::nullopt;
  return Parsed{value, i - start};
}

// The longest well-formed number at the start of `t`: groups with strictly falling scales.
std::optional<Parsed> parse_tokens(const TokenList& t) {
  if (t.kind_at(0) == Kind::zero) return Parsed{0, 1};
  long long total = 0;
  long long last_scale = std::numeric_limits<long long>::max();
  std::size_t i = 0;
  while (const auto group = parse_group(t, i)) {
    const std::size_t j = i + group->used;
    if (t.kind_at(j) == Kind::scale) {
      const long long scale = t.items[j].value;
      if (scale >= last_scale) break;
      if (group->value > (std::numeric_limits<long long>::max() - total) / scale) {
        return std::nullopt;
      }
      total += group->value * scale;
      last_scale = scale;
      i = j + 1;
      if (t.kind_at(i) == Kind::conj && parse_group(t, i + 1)) ++i;
      continue;
    }
    total += group->value;
    i = j;
    break;
  }
  if (i == 0) return std::nullopt;
  return Parsed{total, i};
}

std::string group_to_words(long long g) {
  std::string out;
  const auto add = [&out](std::string_view w) {
    if (!out.empty()) out += ' ';
    out += w;
  };
  const long long hundreds = g / 100;
  const long long rest = g % 100;
  if (hundreds == 1) add("seratus");
  if (hundreds > 1) add(std::string(k_id_digits[hundreds]) + " ratus");
  if (rest == 10) add("sepuluh");
  if (rest == 11) add("sebelas");
  if (rest >= 12 && rest <= 19) add(std::string(k_id_digits[rest - 10]) + " belas");
  if (rest >= 20) add(std::string(k_id_digits[rest / 10]) + " puluh");
  if ((rest >= 20 || rest < 10) && rest % 10 != 0) add(k_id_digits[rest % 10]);
  return out;
}

std::optional<double> to_double(std::string_view plain) {
  double value = 0;
  const auto [ptr, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (ec != std::errc() || ptr != plain.data() + plain.size()) return std::nullopt;
  return value;
}

// Appends the digits of `part` to `out`: only digits, or with `group` (unless 0) between a
// first group of one to three digits and groups of three ("1.234.567"). False if malformed.
bool append_digits(std::string_view part, char group, std::string& out) {
  std::size_t chunk = 0;
  bool first = true;
  for (std::size_t i = 0; i <= part.size(); ++i) {
    if (i < part.size() && is_digit(part[i])) {
      out += part[i];
      ++chunk;
      continue;
    }
    if (i < part.size() && part[i] != group) return false;
    if (group != 0 && (chunk == 0 || chunk > 3 || (!first && chunk != 3))) return false;
    first = false;
    chunk = 0;
  }
  return true;
}

// The digits after "koma" (`words` lower case, single spaces): digit words one by one
// ("dua tiga empat" -> 234), or leading "nol"s and one number ("empat puluh dua" -> 42).
std::optional<std::string> fraction_digits(std::string_view words) {
  std::string digits;
  bool all_digits = true;
  for (std::size_t i = 0; i < words.size();) {
    const std::size_t e = std::min(words.find(' ', i), words.size());
    const WordInfo info = lookup(words.substr(i, e - i));
    all_digits =
        all_digits && (info.kind == Kind::zero || (info.kind == Kind::digit && !info.bound));
    digits += static_cast<char>('0' + info.value % 10);
    i = e + 1;
  }
  if (all_digits) return digits.empty() ? std::nullopt : std::optional(digits);
  digits.clear();
  for (; words.starts_with("nol "); words.remove_prefix(4)) digits += '0';
  const auto n = parse_number_words(words);
  if (!n) return std::nullopt;
  return digits + std::to_string(*n);
}

// "first" -> "one", "twelfth" -> "twelve", "twentieth" -> "twenty", "fourth" -> "four".
std::optional<std::string> english_ordinal_to_cardinal(std::string_view w) {
  constexpr std::array<std::string_view, 7> k_irregular{"first",  "second", "third",  "fifth",
                                                        "eighth", "ninth",  "twelfth"};
  constexpr std::array<std::string_view, 7> k_cardinals{"one",   "two",  "three", "five",
                                                        "eight", "nine", "twelve"};
  for (std::size_t i = 0; i < k_irregular.size(); ++i) {
    if (w == k_irregular[i]) return std::string(k_cardinals[i]);
  }
  if (w.ends_with("ieth")) return std::string(w.substr(0, w.size() - 4)) + "y";
  if (w.ends_with("th")) return std::string(w.substr(0, w.size() - 2));
  return std::nullopt;
}

std::optional<long long> positive(std::optional<long long> v) {
  if (v && *v > 0) return v;
  return std::nullopt;
}

std::optional<long long> parse_digits(std::string_view s) {
  long long v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<long long> parse_number_words(std::string_view words) {
  const std::string folded = fold_space(words);
  if (lower_ascii(folded) == "kosong") return 0;  // "zero" when reading out digits
  const TokenList tokens = read_tokens(folded, 0);
  if (folded.empty() || tokens.stop != folded.size()) return std::nullopt;
  const auto parsed = parse_tokens(tokens);
  if (!parsed || parsed->used != tokens.size) return std::nullopt;
  return parsed->value;
}

std::string number_to_words(long long value) {
  if (value == 0) return "nol";
  unsigned long long rest = value < 0 ? 0ULL - static_cast<unsigned long long>(value)
                                      : static_cast<unsigned long long>(value);
  std::string out = value < 0 ? "min" : "";
  const auto add = [&out](std::string_view w) {
    if (!out.empty()) out += ' ';
    out += w;
  };
  unsigned long long unit = 1'000'000'000'000'000'000ULL;
  for (auto scale = k_number_scales.rbegin(); scale != k_number_scales.rend(); ++scale, unit /= 1000) {
    const auto group = static_cast<long long>(rest / unit);
    rest %= unit;
    if (group == 0) continue;
    if (group == 1 && unit == 1000) {
      add("seribu");
    } else {
      add(group_to_words(group));
      add(scale->front());
    }
  }
  if (rest > 0) add(group_to_words(static_cast<long long>(rest)));
  return out;
}

std::optional<double> parse_numeral(std::string_view s) {
  const auto dots = std::count(s.begin(), s.end(), '.');
  const auto commas = std::count(s.begin(), s.end(), ',');
  char dec = 0;
  char group = 0;
  if (dots > 0 && commas > 0) {
    dec = s.find_last_of(".,") == s.rfind('.') ? '.' : ',';
    group = dec == '.' ? ',' : '.';
  } else if (dots + commas > 1) {
    group = dots > 0 ? '.' : ',';
  } else if (dots + commas == 1) {
    const std::size_t at = s.find_first_of(".,");
    const bool thousands = s.size() - at - 1 == 3 && at >= 1 && at <= 3 && !s.starts_with("0");
    (thousands ? group : dec) = s[at];
  }
  const std::size_t dec_at = dec != 0 ? s.find(dec) : s.size();
  std::string plain;
  if (!append_digits(s.substr(0, dec_at), group, plain)) return std::nullopt;
  if (dec != 0) {
    plain += '.';
    if (dec_at + 1 == s.size() || !append_digits(s.substr(dec_at + 1), 0, plain)) {
      return std::nullopt;
    }
  }
  if (plain.empty() || plain == ".") return std::nullopt;
  return to_double(plain.front() == '.' ? "0" + plain : plain);
}

std::optional<double> parse_number(std::string_view text) {
  std::string s = fold_space(lower_ascii(text));
  bool negative = false;
  for (const std::string_view sign : {"-", "min ", "minus ", "negatif ", "negative "}) {
    if (s.starts_with(sign)) {
      negative = true;
      s = fold_space(s.substr(sign.size()));
      break;
    }
  }
  std::optional<double> value;
  if (!s.empty() && (is_digit(s.front()) || s.front() == ',' || s.front() == '.')) {
    const std::size_t space = std::min(s.find(' '), s.size());  // "5 ribu", "1,5 miliar"
    const WordInfo scale =
        space < s.size() ? lookup(s.substr(space + 1)) : WordInfo{Kind::scale, 1};
    value = scale.kind == Kind::scale ? parse_numeral(s.substr(0, space)) : std::nullopt;
    if (value) *value *= static_cast<double>(scale.value);
  } else {
    std::size_t mark = s.find(" koma ");
    std::size_t mark_size = 6;
    if (mark == std::string::npos) {
      mark = s.find(" point ");
      mark_size = 7;
    }
    const auto whole = parse_number_words(std::string_view(s).substr(0, mark));
    if (whole && mark == std::string::npos) value = static_cast<double>(*whole);
    if (whole && mark != std::string::npos) {
      const auto digits = fraction_digits(std::string_view(s).substr(mark + mark_size));
      if (digits) value = to_double(std::to_string(*whole) + "." + *digits);
    }
  }
  if (value && negative) *value = -*value;
  return value;
}

std::optional<long long> parse_ordinal(std::string_view text) {
  std::string s = fold_space(lower_ascii(text));
  if (s == "pertama" || s == "kesatu") return 1;
  const std::size_t digits_end = s.find_first_not_of("0123456789");
  if (digits_end > 0 && digits_end != std::string::npos) {
    const std::string_view suffix = std::string_view(s).substr(digits_end);
    if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") {
      return positive(parse_digits(std::string_view(s).substr(0, digits_end)));
    }
  }
  if (s.starts_with("ke") && s.size() > 2) {
    std::string_view rest = std::string_view(s).substr(2);
    if (rest.front() == '-' || rest.front() == ' ') rest.remove_prefix(1);
    if (!rest.empty() && is_digit(rest.front())) return positive(parse_digits(rest));
    return positive(parse_number_words(rest));
  }
  const std::size_t last = s.find_last_of(" -");
  const std::size_t word_at = last == std::string::npos ? 0 : last + 1;
  const auto cardinal = english_ordinal_to_cardinal(std::string_view(s).substr(word_at));
  if (!cardinal) return std::nullopt;
  return positive(parse_number_words(s.substr(0, word_at) + *cardinal));
}

std::optional<NumberMatch> number_words_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size() || (pos > 0 && letter_at(text, pos - 1))) return std::nullopt;
  const TokenList tokens = read_tokens(text, pos);
  const auto parsed = parse_tokens(tokens);
  if (!parsed) return std::nullopt;
  return NumberMatch{parsed->value, pos, tokens.items[parsed->used - 1].end};
}

std::vector<NumberMatch> find_number_words(std::string_view text) {
  std::vector<NumberMatch> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_ascii_letter(text[i]) || (i > 0 && letter_at(text, i - 1))) {
      ++i;
      continue;
    }
    if (const auto match = number_words_at(text, i)) {
      out.push_back(*match);
      i = match->end;
      continue;
    }
    while (i < text.size() && letter_at(text, i)) ++i;
  }
  return out;
}

}  // namespace naskah::extract::parse
