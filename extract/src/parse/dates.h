// Calendar dates in running agreement text, Indonesian and English: "12-10-2021",
// "2021-10-12", "12 Oktober 2021", "1 Jan. 2022", "October 12, 2021", "12th day of October
// 2021", and dates in words ("Pada hari ini Selasa tanggal dua belas bulan Oktober tahun dua
// ribu dua puluh satu"), tolerant of common OCR slips. Also the calendar arithmetic the
// parser needs (weekday, adding a period). Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace naskah::extract::parse {

struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31

  // "2021-10-12". Precondition: none (an invalid date prints as it is).
  [[nodiscard]] std::string iso() const;
  // A real calendar date (leap years counted) with a year in 1900..2100.
  [[nodiscard]] bool is_valid() const;
  friend bool operator==(const Date&, const Date&) = default;
};

// 0 = Monday .. 6 = Sunday. Precondition: `date.is_valid()`.
[[nodiscard]] int weekday_of(const Date& date);

// `date` moved by the given years, then months, then days (any sign); a day past the end of
// the resulting month is clamped (29 Feb 2024 + 1 year = 28 Feb 2025). Returns nullopt when
// `date` is invalid or the result falls outside 1900..2100.
[[nodiscard]] std::optional<Date> add_period(const Date& date, int years, int months, int days);

// One date found in text; [begin, end) are byte offsets of the date itself (from the day, or
// the month in "October 12, 2021", to the year; a weekday or "tanggal" before it is not part
// of it), `text` that span with white space folded.
struct DateMatch {
  Date date;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;
  std::optional<int> weekday;     // 0 = Monday, when a weekday name comes right before
  bool weekday_mismatch = false;  // that weekday is not the calendar's
};

// Every valid date in `text`, in order, not overlapping. Numeric dates are read day first
// ("12/10/2021" is 12 October; month first only when day first is impossible). Not dates:
// reference numbers ("0123/PKS/ORI-JTG/X/2021"), "Nomor 25 Tahun 2009", bare years, dates
// with two-digit years, and a date in parentheses repeating the one written in words just
// before it (reported once).
[[nodiscard]] std::vector<DateMatch> find_dates(std::string_view text);

// The month named by one word (Indonesian or English, full or abbreviated: "Oktober", "okt",
// "Agt", "Sept", "Nopember", "October"), tolerant of O/0 and l/1/I slips; nullopt otherwise.
[[nodiscard]] std::optional<int> parse_month_name(std::string_view word);

// The weekday named by one word, 0 = Monday: "Senin", "Jum'at", "Ahad", "Friday", and the
// short forms "Sen", "Sn", "Min", "Mon"...; nullopt otherwise.
[[nodiscard]] std::optional<int> parse_weekday_name(std::string_view word);

enum class PeriodUnit { year, month, week, day };

// The unit of a period ("jangka waktu 3 (tiga) tahun"): tahun/thn/year(s), bulan/bln/month(s),
// minggu/mgg/week(s), hari/hr/h/day(s); nullopt for anything else (hours and less included).
[[nodiscard]] std::optional<PeriodUnit> parse_period_unit(std::string_view word);

}  // namespace naskah::extract::parse
