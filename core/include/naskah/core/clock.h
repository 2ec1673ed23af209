// The wall clock, as the records and reports write it.
#pragma once

#include <string>

namespace naskah {

// Now in UTC, "2026-11-29T21:30:00Z".
[[nodiscard]] std::string utc_now_iso();

// Today's date in the machine's time zone (the office's), "2026-11-29": what the parser
// and search compare end dates with, unless told another day.
[[nodiscard]] std::string today_iso();

// The ISO date `days` after `iso` (before, when negative); `iso` itself when it is not one.
[[nodiscard]] std::string add_days(const std::string& iso, int days);

// Days from the ISO date `from` to `to` (negative when `to` is earlier); 0 when either is
// not a date.
[[nodiscard]] int days_between(const std::string& from, const std::string& to);

}  // namespace naskah
