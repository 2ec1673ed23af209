#include "parse/amounts.h"

#include <array>
#include <optional>

#include "parse/numbers.h"
#include "parse/text_util.h"

namespace naskah::extract::parse {
namespace {

template <std::size_t N>
using Names = std::array<std::string_view, N>;

struct Currency {
  std::string_view code;
  Names<7> signs;  // before or after a figure, exact case
  Names<7> words;  // after an amount, any case; a space matches any white space
};

constexpr std::array<Currency, 11> k_currencies{{
    {"IDR", {"Rp.", "Rp", "RP.", "RP", "rp.", "rp", "IDR"}, {"rupiah"}},
    {"USD",
     {"US$", "USD", "$"},
     {"dolar amerika serikat", "dolar as", "dolar amerika", "dolar", "dollars", "dollar"}},
    {"SGD", {"S$", "SGD"}, {"dolar singapura", "singapore dollars", "singapore dollar"}},
    {"AUD", {"A$", "AUD"}, {"dolar australia", "australian dollars", "australian dollar"}},
    {"EUR", {"\xE2\x82\xAC", "EUR"}, {"euros", "euro"}},
    {"GBP",
     {"\xC2\xA3", "GBP"},
     {"pound sterling", "pounds sterling", "pounds", "pound", "sterling"}},
    {"JPY", {"\xC2\xA5", "JPY"}, {"yen"}},
    {"MYR", {"RM", "MYR"}, {"ringgit"}},
    {"CNY", {"CNY", "RMB"}, {"yuan", "renminbi"}},
    {"SAR", {"SAR"}, {"riyal", "riyals"}},
    {"CHF", {"CHF"}, {"franc swiss", "swiss francs"}},
}};

// Multipliers written after a figure: "Rp 150 juta", "USD 2.5 million".
constexpr std::array<std::pair<Names<3>, double>, 4> k_multipliers{{
    {{"ribu", "rb", "thousand"}, 1e3},
    {{"juta", "jt", "million"}, 1e6},
    {{"miliar", "milyar", "billion"}, 1e9},
    {{"triliun", "trilyun", "trillion"}, 1e12},
}};

// Between the two ends of a range: "Rp1.000 sampai dengan Rp10.000"; or a dash.
constexpr Names<6> k_range_words{"sampai dengan", "sampai", "hingga", "s.d.", "s/d", "to"};
constexpr Names<4> k_sign_words{"minus", "min", "negatif", "negative"};
constexpr Names<3> k_dashes{"-", "\xE2\x80\x93", "\xE2\x80\x94"};
constexpr Names<1> k_terbilang{"terbilang"};

// The bytes a currency sign can start with, to skip the sign table quickly.
constexpr std::array<bool, 256> k_sign_start = [] {
  std::array<bool, 256> starts{};
  for (const Currency& c : k_currencies) {
    for (const auto& sign : c.signs) {
      if (!sign.empty()) starts[static_cast<unsigned char>(sign.front())] = true;
    }
  }
  return starts;
}();

struct Piece {
  std::size_t end;
  std::string_view code;  // the currency, for signs and currency words
  double value = 0;       // for a figure: its value, multiplier applied
  double scale = 1;       // for a figure: the multiplier written after it
};

struct Raw {
  double value;
  std::string_view code;  // empty for a bare figure
  std::size_t begin;
  std::size_t end;
  double scale;  // the multiplier written after the figure, 1 if none
};


// Where `phrase` ends if `text` has it at `i` (a space in it matching any white space);
// std::string_view::npos if not.
std::size_t phrase_at(std::string_view text, std::size_t i, std::string_view phrase,
                      bool any_case) {
  for (const char p : phrase) {
    if (p == ' ') {
      const std::size_t j = skip_space(text, i);
      if (j == i) return std::string_view::npos;
      i = j;
      continue;
    }
    if (i >= text.size()) return std::string_view::npos;
    const char c = any_case && text[i] >= 'A' && text[i] <= 'Z'
                       ? static_cast<char>(text[i] - 'A' + 'a')
                       : text[i];
    if (c != p) return std::string_view::npos;
    ++i;
  }
  return i;
}

// The end of the longest of `phrases` at `i`, or npos; a phrase ending in a letter must not
// run on into another letter.
template <std::size_t N>
std::size_t longest_at(std::string_view text, std::size_t i, const Names<N>& phrases,
                       bool any_case) {
  std::size_t best = std::string_view::npos;
  for (const std::string_view phrase : phrases) {
    const std::size_t end =
        phrase.empty() ? std::string_view::npos : phrase_at(text, i, phrase, any_case);
    const bool runs_on = end != std::string_view::npos && end < text.size() &&
                         is_ascii_letter(phrase.back()) && is_ascii_letter(text[end]);
    if (end != std::string_view::npos && !runs_on &&
        (best == std::string_view::npos || end > best)) {
      best = end;
    }
  }
  return best;
}

// A currency sign ("Rp", "US$", "€") or, with `words`, a currency word ("rupiah") at `i`.
std::optional<Piece> currency_at(std::string_view text, std::size_t i, bool words) {
  std::optional<Piece> best;
  for (const Currency& c : k_currencies) {
    const std::size_t end =
        words ? longest_at(text, i, c.words, true) : longest_at(text, i, c.signs, false);
    if (end != std::string_view::npos && (!best || end > best->end)) best = Piece{end, c.code};
  }
  return best;
}

// A figure at `i` ("150.000.000,00"), with a ",-" after it and a multiplier word.
std::optional<Piece> figure_at(std::string_view text, std::size_t i) {
  std::size_t e = i;
  while (e < text.size() && (is_digit(text[e]) || ((text[e] == '.' || text[e] == ',') &&
                                                   e + 1 < text.size() && is_digit(text[e + 1])))) {
    ++e;
  }
  const auto value =
      e > i && is_digit(text[i]) ? parse_numeral(text.substr(i, e - i)) : std::nullopt;
  if (!value) return std::nullopt;
  if (e + 1 < text.size() && (text[e] == ',' || text[e] == '.')) {
    const std::size_t dash = longest_at(text, e + 1, k_dashes, false);
    if (dash != std::string_view::npos) e = dash;
  }
  const std::size_t s = skip_space(text, e);
  for (const auto& [names, multiplier] : k_multipliers) {
    std::size_t end = longest_at(text, s, names, true);
    if (end == std::string_view::npos) continue;
    if (end < text.size() && text[end] == '.' && text[end - 1] == 't') ++end;  // "jt."
    return Piece{end, {}, *value * multiplier, multiplier};
  }
  return Piece{e, {}, *value, 1};
}

// "Rp 150 juta", "USD1,23", "Rp seratus ribu".
std::optional<Raw> sign_first_at(std::string_view text, std::size_t i) {
  if (!k_sign_start[static_cast<unsigned char>(text[i])]) return std::nullopt;
  const auto sign = currency_at(text, i, false);
  if (!sign) return std::nullopt;
  const std::size_t j = skip_space(text, sign->end);
  if (const auto figure = figure_at(text, j)) {
    return Raw{figure->value, sign->code, i, figure->end, figure->scale};
  }
  if (const auto words = number_words_at(text, j)) {
    return Raw{static_cast<double>(words->value), sign->code, i, words->end, 1};
  }
  return std::nullopt;
}

// "20 Rupiah", "10$", "150 juta rupiah", or a bare figure (empty code).
std::optional<Raw> figure_first_at(std::string_view text, std::size_t i) {
  const auto figure = figure_at(text, i);
  if (!figure) return std::nullopt;
  const std::size_t j = skip_space(text, figure->end);
  auto currency = currency_at(text, j, false);
  if (!currency) currency = currency_at(text, j, true);
  if (!currency) return Raw{figure->value, {}, i, figure->end, figure->scale};
  return Raw{figure->value, currency->code, i, currency->end, figure->scale};
}

// "lima ratus ribu rupiah", "min seribu rupiah".
std::optional<Raw> words_first_at(std::string_view text, std::size_t i) {
  const std::size_t sign = longest_at(text, i, k_sign_words, true);
  const std::size_t start = sign == std::string_view::npos ? i : skip_space(text, sign);
  if (sign != std::string_view::npos && start == sign) return std::nullopt;
  const auto words = number_words_at(text, start);
  if (!words) return std::nullopt;
  const auto currency = currency_at(text, skip_space(text, words->end), true);
  if (!currency) return std::nullopt;
  const double value = static_cast<double>(words->value);
  return Raw{sign == std::string_view::npos ? value : -value, currency->code, i, currency->end, 1};
}

std::optional<Raw> amount_at(std::string_view text, std::size_t i) {
  if (i >= text.size()) return std::nullopt;
  const char before = i > 0 ? text[i - 1] : ' ';
  if (i > 0 && letter_at(text, i - 1)) return std::nullopt;
  if (auto raw = sign_first_at(text, i)) return raw;
  if (is_digit(text[i]) && !is_digit(before) &&
      !((before == '.' || before == ',') && i > 1 && is_digit(text[i - 2]))) {
    return figure_first_at(text, i);
  }
  if (is_ascii_letter(text[i]) && !is_digit(before)) return words_first_at(text, i);
  return std::nullopt;
}

// The currency of the upper end when `bare` is the lower end of a range: "10-20 dolar".
std::optional<Raw> range_end_after(std::string_view text, const Raw& bare) {
  std::size_t link = longest_at(text, skip_space(text, bare.end), k_range_words, true);
  if (link != std::string_view::npos) link = skip_space(text, link);
  // A dash only with no space around it: "10-20 dolar", not "Pasal 5 - Rp 100".
  if (link == std::string_view::npos) link = longest_at(text, bare.end, k_dashes, false);
  if (link == std::string_view::npos) return std::nullopt;
  auto upper = amount_at(text, link);
  if (!upper || upper->code.empty()) return std::nullopt;
  return upper;
}

// Past "(seratus lima puluh juta rupiah)" or "(terbilang: ...)" right after a figure.
std::size_t skip_words_in_parentheses(std::string_view text, std::size_t end) {
  const std::size_t open = skip_space(text, end);
  if (open >= text.size() || text[open] != '(') return end;
  std::size_t j = skip_space(text, open + 1);
  const std::size_t label = longest_at(text, j, k_terbilang, true);
  if (label != std::string_view::npos) {
    j = skip_space(text, label);
    if (j < text.size() && text[j] == ':') j = skip_space(text, j + 1);
  }
  if (!number_words_at(text, j)) return end;
  const std::size_t close = text.find(')', j);
  return close != std::string_view::npos && close - j < 400 ? close + 1 : end;
}

AmountMatch to_match(std::string_view text, const Raw& raw, std::string_view code) {
  return AmountMatch{raw.value, std::string(code),
                     fold_space(text.substr(raw.begin, raw.end - raw.begin)), raw.begin, raw.end};
}

}  // namespace

std::vector<AmountMatch> find_amounts(std::string_view text) {
  std::vector<AmountMatch> out;
  std::size_t i = 0;
  while (i < text.size()) {
    auto raw = amount_at(text, i);
    if (!raw) {
      ++i;
      continue;
    }
    if (raw->code.empty()) {
      if (const auto upper = range_end_after(text, *raw)) {
        if (raw->scale == 1) raw->value *= upper->scale;  // "10 sampai 20 juta rupiah"
        out.push_back(to_match(text, *raw, upper->code));
      }
      i = raw->end;
      continue;
    }
    out.push_back(to_match(text, *raw, raw->code));
    i = skip_words_in_parentheses(text, raw->end);
  }
  return out;
}

}  // namespace naskah::extract::parse
