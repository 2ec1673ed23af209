#include "naskah/core/clock.h"

#include <ctime>
#include <optional>
#include <string>

namespace naskah {

std::string utc_now_iso() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string today_iso() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  ::localtime_r(&now, &local);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &local);
  return text;
}

namespace {

// "2024-02-29" -> its date at noon UTC, as seconds; nullopt when not a date.
std::optional<std::time_t> noon_of(const std::string& iso, int add = 0) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (iso[i] < '0' || iso[i] > '9') return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = std::stoi(iso.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(iso.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(iso.substr(8, 2)) + add;
  tm.tm_hour = 12;
  return ::timegm(&tm);  // normalises the day overflow
}

}  // namespace

std::string add_days(const std::string& iso, int days) {
  const auto noon = noon_of(iso, days);
  if (!noon) return iso;
  std::tm tm{};
  ::gmtime_r(&*noon, &tm);
  char out[16];
  std::strftime(out, sizeof out, "%Y-%m-%d", &tm);
  return out;
}

int days_between(const std::string& from, const std::string& to) {
  const auto a = noon_of(from);
  const auto b = noon_of(to);
  if (!a || !b) return 0;
  return static_cast<int>((*b - *a) / 86400);
}

}  // namespace naskah
