#include "parse/dates.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>

#include "parse/numbers.h"
#include "parse/text_util.h"

namespace naskah::extract::parse {
namespace {

template <std::size_t N>
using Names = std::array<std::string_view, N>;

// Month words, entry m - 1 for month m: Indonesian, English, old spellings, abbreviations.
constexpr std::array<Names<7>, 12> k_months{{
    {"januari", "january", "jan"},
    {"februari", "pebruari", "february", "feb", "peb"},
    {"maret", "march", "mar"},
    {"april", "apr"},
    {"mei", "may"},
    {"juni", "june", "jun"},
    {"juli", "july", "jul"},
    {"agustus", "august", "agust", "agt", "agu", "ags", "aug"},
    {"september", "sept", "sep"},
    {"oktober", "october", "okt", "oct"},
    {"november", "nopember", "nov", "nop"},
    {"desember", "december", "des", "dec"},
}};
// For each first letter, the months (bit m - 1) with a name starting with it.
constexpr std::array<std::uint16_t, 256> k_month_initials = [] {
  std::array<std::uint16_t, 256> masks{};
  for (std::size_t m = 0; m < k_months.size(); ++m) {
    for (const auto& name : k_months[m]) {
      if (!name.empty())
        masks[static_cast<unsigned char>(name.front())] |= static_cast<std::uint16_t>(1U << m);
    }
  }
  return masks;
}();
// Weekday names, entry 0 = Monday. The short forms only count before a date when a comma
// or a full stop follows them ("Min, 14 Feb 2010"): bare, they are ordinary words.
constexpr std::array<Names<3>, 7> k_weekdays{{
    {"senin", "monday"},
    {"selasa", "tuesday"},
    {"rabu", "wednesday"},
    {"kamis", "thursday"},
    {"jumat", "jumaat", "friday"},
    {"sabtu", "saturday"},
    {"minggu", "ahad", "sunday"},
}};
constexpr std::array<Names<4>, 7> k_weekday_short{{
    {"sen", "sn", "mon"},
    {"sel", "sl", "tue", "tues"},
    {"rab", "rb", "wed"},
    {"kam", "km", "thu", "thurs"},
    {"jum", "jm", "fri"},
    {"sab", "sb", "sat"},
    {"min", "mg", "sun"},
}};
// Words skipped between a weekday and the date: "Selasa tanggal 12", "Tuesday the 12th".
constexpr Names<4> k_date_markers{"tanggal", "tgl.", "tgl", "the"};
// Period units in PeriodUnit order.
constexpr std::array<Names<5>, 4> k_units{{
    {"tahun", "thn", "year", "years"},
    {"bulan", "bln", "month", "months"},
    {"minggu", "mgg", "week", "weeks"},
    {"hari", "hr", "h", "day", "days"},
}};

struct Found {
  Date date;
  std::size_t end;
};

struct Part {
  int value;
  std::size_t end;
};

bool is_word_char(char c) {
  return is_letter(c) || is_digit(c);
}
bool is_date_separator(char c) {
  return c == '-' || c == '/' || c == '.';
}

// Lower case with the usual OCR slips merged: 0 reads as o; 1, l, i, I and | as l.
char fold_ocr(char c) {
  if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (c == '0') return 'o';
  if (c == '1' || c == 'i' || c == '|') return 'l';
  return c;
}

bool fuzzy_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return fold_ocr(x) == fold_ocr(y);
         });
}

// The entry of `lists` holding a word equal to `word` under `equal`, or -1.
template <class Lists, class Equal>
int find_in_lists(const Lists& lists, std::string_view word, Equal equal) {
  for (std::size_t n = 0; n < lists.size(); ++n) {
    for (const std::string_view name : lists[n]) {
      if (!name.empty() && equal(name, word)) return static_cast<int>(n);
    }
  }
  return -1;
}

// White space with at most one "-", "/", "." or "," inside.
std::size_t skip_gap(std::string_view text, std::size_t i) {
  i = skip_space(text, i);
  if (i < text.size() && (is_date_separator(text[i]) || text[i] == ','))
    i = skip_space(text, i + 1);
  return i;
}

// After `word` (ASCII case ignored) and the white space after it, if `text` has it at `i`.
std::size_t skip_word(std::string_view text, std::size_t i, std::string_view word) {
  if (i + word.size() > text.size() || lower_ascii(text.substr(i, word.size())) != word) return i;
  const std::size_t e = i + word.size();
  if (e < text.size() && is_ascii_letter(text[e])) return i;
  return skip_space(text, e);
}

// Up to `max_len` digits at `i`, reading O/o as 0 and l/I/| as 1; at least one real digit.
std::optional<Part> digits_at(std::string_view text, std::size_t i, std::size_t max_len) {
  int value = 0;
  bool real = false;
  std::size_t e = i;
  for (; e < text.size() && e - i < max_len; ++e) {
    const char c = text[e];
    real = real || is_digit(c);
    const bool one = c == 'l' || c == 'I' || c == '|';
    if (!is_digit(c) && !one && c != 'O' && c != 'o') break;
    value = value * 10 + (is_digit(c) ? c - '0' : one ? 1 : 0);
  }
  if (!real) return std::nullopt;
  return Part{value, e};
}

// The longest month name at `i` not followed by a letter: "Oktober", "0ktober", "Okt".
std::optional<Part> month_at(std::string_view text, std::size_t i) {
  if (i >= text.size()) return std::nullopt;
  const unsigned months = k_month_initials[static_cast<unsigned char>(fold_ocr(text[i]))];
  Part best{0, i};
  for (std::size_t m = 0; months != 0 && m < k_months.size(); ++m) {
    if ((months & (1U << m)) == 0) continue;
    for (const std::string_view name : k_months[m]) {
      const std::size_t end = i + name.size();
      if (name.empty() || end <= best.end || end > text.size()) continue;
      if (fuzzy_equal(text.substr(i, name.size()), name) &&
          (end == text.size() || !is_ascii_letter(text[end]))) {
        best = Part{static_cast<int>(m) + 1, end};
      }
    }
  }
  if (best.value == 0) return std::nullopt;
  return best;
}

// Past "(12)" after a number in words, if there is one.
std::size_t skip_digits_in_parentheses(std::string_view text, std::size_t i) {
  std::size_t j = skip_space(text, i);
  if (j >= text.size() || text[j] != '(') return i;
  j = skip_space(text, j + 1);
  const auto digits = digits_at(text, j, 4);
  if (!digits) return i;
  j = skip_space(text, digits->end);
  return j < text.size() && text[j] == ')' ? j + 1 : i;
}

// A day: "12", "l2", "12th", "dua belas", "dua belas (12)".
std::optional<Part> day_at(std::string_view text, std::size_t i) {
  if (auto day = digits_at(text, i, 2)) {
    for (const std::string_view suffix : {"st", "nd", "rd", "th"}) {
      if (skip_word(text, day->end, suffix) != day->end) day->end += 2;
    }
    return day;
  }
  if (const auto words = number_words_at(text, i)) {
    return Part{static_cast<int>(std::min(words->value, 99LL)),
                skip_digits_in_parentheses(text, words->end)};
  }
  return std::nullopt;
}

// A year: four digits (no fifth after them) or a number in words.
std::optional<Part> year_at(std::string_view text, std::size_t i) {
  const auto digits = digits_at(text, i, 4);
  if (digits && digits->end - i == 4 &&
      (digits->end == text.size() || !is_digit(text[digits->end]))) {
    return digits;
  }
  if (digits) return std::nullopt;
  const auto words = number_words_at(text, i);
  if (!words || words->value > 9999) return std::nullopt;
  return Part{static_cast<int>(words->value), words->end};
}

std::optional<Found> valid(Date date, std::size_t end) {
  if (!date.is_valid()) return std::nullopt;
  return Found{date, end};
}

// "12-10-2021", "12/10/2021", "12.10.2021", "2021-10-12".
std::optional<Found> numeric_at(std::string_view text, std::size_t i) {
  const auto a = digits_at(text, i, 4);
  if (!a || a->end >= text.size() || !is_date_separator(text[a->end])) return std::nullopt;
  const char separator = text[a->end];
  const auto b = digits_at(text, a->end + 1, 2);
  if (!b || b->end >= text.size() || text[b->end] != separator) return std::nullopt;
  const auto c = digits_at(text, b->end + 1, 4);
  if (!c) return std::nullopt;
  const std::size_t e = c->end;
  const bool longer =
      e < text.size() && (is_digit(text[e]) || (is_date_separator(text[e]) && e + 1 < text.size() &&
                                                is_word_char(text[e + 1])));
  const std::size_t len_a = a->end - i;
  const std::size_t len_c = e - b->end - 1;
  if (longer) return std::nullopt;
  if (len_a == 4 && len_c <= 2) return valid(Date{a->value, b->value, c->value}, e);
  if (len_a > 2 || len_c != 4) return std::nullopt;
  const Date day_first{c->value, b->value, a->value};
  return valid(day_first.is_valid() ? day_first : Date{c->value, a->value, b->value}, e);
}

// "12 Oktober 2021", "12Okt.2021", "12th day of October, 2021", "dua belas bulan Oktober
// tahun dua ribu dua puluh satu".
std::optional<Found> day_first_at(std::string_view text, std::size_t i) {
  const auto day = day_at(text, i);
  if (!day) return std::nullopt;
  std::size_t j = skip_gap(text, day->end);
  j = skip_word(text, skip_word(text, skip_word(text, j, "bulan"), "day"), "of");
  const auto month = month_at(text, j);
  if (!month) return std::nullopt;
  j = month->end < text.size() && text[month->end] == '.' ? month->end + 1 : month->end;
  j = skip_word(text, skip_gap(text, j), "tahun");
  const auto year = year_at(text, j);
  if (!year) return std::nullopt;
  return valid(Date{year->value, month->value, day->value}, year->end);
}

// "October 12, 2021", "Februari 14 2010", "Oct. 1st, 2021".
std::optional<Found> month_first_at(std::string_view text, std::size_t i) {
  const auto month = month_at(text, i);
  if (!month) return std::nullopt;
  std::size_t j = month->end < text.size() && text[month->end] == '.' ? month->end + 1 : month->end;
  const auto day = digits_at(text, skip_space(text, j), 2);
  if (!day) return std::nullopt;
  j = day->end;
  for (const std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (skip_word(text, j, suffix) != j) j += 2;
  }
  j = skip_space(text, j);
  if (j < text.size() && text[j] == ',') j = skip_space(text, j + 1);
  const auto year = digits_at(text, j, 4);
  if (!year || year->end - j != 4 || (year->end < text.size() && is_digit(text[year->end]))) {
    return std::nullopt;
  }
  return valid(Date{year->value, month->value, day->value}, year->end);
}

std::optional<Found> date_at(std::string_view text, std::size_t i) {
  // "No.05/12/10/2021", "W13-HH.05.05-1234": digits right after a code are part of it.
  const bool in_code = i >= 2 && is_date_separator(text[i - 1]) && is_word_char(text[i - 2]);
  if (auto found = in_code ? std::nullopt : numeric_at(text, i)) return found;
  if (auto found = day_first_at(text, i)) return found;
  return month_first_at(text, i);
}

struct Weekday {
  int day;
  bool is_short;
};

std::optional<Weekday> lookup_weekday(std::string_view word) {
  std::string plain;  // without apostrophes: "Jum'at", "Jum’at"
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (word.substr(i, 3) == "\xE2\x80\x99") {
      i += 2;
    } else if (word[i] != '\'' && word[i] != '`') {
      plain += word[i];
    }
  }
  if (plain.ends_with('.')) plain.pop_back();
  if (const int day = find_in_lists(k_weekdays, plain, fuzzy_equal); day >= 0) {
    return Weekday{day, false};
  }
  if (const int day = find_in_lists(k_weekday_short, plain, fuzzy_equal); day >= 0) {
    return Weekday{day, true};
  }
  return std::nullopt;
}

std::size_t skip_space_back(std::string_view text, std::size_t j) {
  while (j > 0) {
    if (space_at(text, j - 1) == 1) {
      --j;
    } else if (j > 1 && space_at(text, j - 2) == 2) {
      j -= 2;
    } else {
      break;
    }
  }
  return j;
}

// The weekday named right before `begin`, skipping "tanggal"/"the" and a comma.
std::optional<int> weekday_before(std::string_view text, std::size_t begin) {
  std::size_t j = skip_space_back(text, begin);
  for (const std::string_view marker : k_date_markers) {
    const std::size_t at = j - std::min(j, marker.size());
    if (j >= marker.size() && lower_ascii(text.substr(at, marker.size())) == marker &&
        (at == 0 || !letter_at(text, at - 1))) {
      j = skip_space_back(text, at);
      break;
    }
  }
  const bool punct = j > 0 && (text[j - 1] == ',' || text[j - 1] == '.');
  if (punct) j = skip_space_back(text, j - 1);
  std::size_t w = j;
  while (w > 0) {
    if (w >= 3 && text.substr(w - 3, 3) == "\xE2\x80\x99") {
      w -= 3;  // "Jum’at"
    } else if (text[w - 1] == '\'' || letter_at(text, w - 1)) {
      --w;
    } else {
      break;
    }
  }
  const auto weekday = lookup_weekday(text.substr(w, j - w));
  if (!weekday || (weekday->is_short && !punct)) return std::nullopt;
  return weekday->day;
}

// Past a date in parentheses right after `end` that repeats `date`: "(12-10-2021)".
std::size_t skip_repeat(std::string_view text, std::size_t end, const Date& date) {
  std::size_t j = skip_space(text, end);
  if (j >= text.size() || text[j] != '(') return end;
  const auto again = date_at(text, skip_space(text, j + 1));
  if (!again || !(again->date == date)) return end;
  j = skip_space(text, again->end);
  return j < text.size() && text[j] == ')' ? j + 1 : end;
}

long long days_from_civil(long long y, long long m, long long d) {
  y -= m <= 2 ? 1 : 0;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

Date civil_from_days(long long z) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const long long m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0)), static_cast<int>(m),
              static_cast<int>(doy - (153 * mp + 2) / 5 + 1)};
}

int days_in_month(int year, int month) {
  constexpr std::array<int, 12> k_days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : k_days[static_cast<std::size_t>(month - 1)];
}

}  // namespace

std::string Date::iso() const {
  std::array<char, 48> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02d", year, month, day);
  return buffer.data();
}

bool Date::is_valid() const {
  return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

int weekday_of(const Date& date) {
  const long long days = days_from_civil(date.year, date.month, date.day);
  return static_cast<int>(((days % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday
}

std::optional<Date> add_period(const Date& date, int years, int months, int days) {
  if (!date.is_valid()) return std::nullopt;
  const long long index = date.year * 12LL + (date.month - 1) + years * 12LL + months;
  const long long year = (index >= 0 ? index : index - 11) / 12;
  if (year < 1000 || year > 3000) return std::nullopt;
  const int month = static_cast<int>(index - year * 12) + 1;
  const int day = std::min(date.day, days_in_month(static_cast<int>(year), month));
  const Date result = civil_from_days(days_from_civil(year, month, day) + days);
  if (!result.is_valid()) return std::nullopt;
  return result;
}

std::vector<DateMatch> find_dates(std::string_view text) {
  std::vector<DateMatch> out;
  std::size_t i = 0;
  while (i < text.size()) {
    // A date starts a word, or follows letters stuck to it ("tanggal12 Oktober 2021").
    const char c = text[i];
    const bool after_word = i > 0 && (is_digit(text[i - 1]) || letter_at(text, i - 1));
    const bool start = (is_digit(c) || is_ascii_letter(c)) &&
                       (!after_word || (is_digit(c) && is_ascii_letter(text[i - 1])));
    const auto found = start ? date_at(text, i) : std::nullopt;
    if (!found) {
      ++i;
      continue;
    }
    DateMatch match{found->date,  i,    found->end, fold_space(text.substr(i, found->end - i)),
                    std::nullopt, false};
    match.weekday = weekday_before(text, i);
    match.weekday_mismatch = match.weekday && *match.weekday != weekday_of(found->date);
    out.push_back(std::move(match));
    i = skip_repeat(text, found->end, found->date);
  }
  return out;
}

std::optional<int> parse_month_name(std::string_view word) {
  if (word.ends_with('.')) word.remove_suffix(1);
  const int month = find_in_lists(k_months, word, fuzzy_equal);
  if (month < 0) return std::nullopt;
  return month + 1;
}

std::optional<int> parse_weekday_name(std::string_view word) {
  const auto weekday = lookup_weekday(word);
  if (!weekday) return std::nullopt;
  return weekday->day;
}

std::optional<PeriodUnit> parse_period_unit(std::string_view word) {
  if (word.ends_with('.')) word.remove_suffix(1);
  const auto same = [](std::string_view a, std::string_view b) { return a == lower_ascii(b); };
  const int unit = find_in_lists(k_units, word, same);
  if (unit < 0) return std::nullopt;
  return static_cast<PeriodUnit>(unit);
}

}  // namespace naskah::extract::parse
