#include "naskah/core/holidays.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

namespace naskah {

extern const char* const k_holidays_txt;

namespace {

struct Table {
  std::map<std::string, std::string, std::less<>> days;  // "2024-12-25" -> name
  int first = 0;
  int last = 0;
};

const Table& table() {
  static const Table k_table = [] {
    Table t;
    std::istringstream in(k_holidays_txt);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      const auto tab = line.find('\t');
      if (tab != 10) continue;
      const std::string date = line.substr(0, 10);
      t.days[date] = line.substr(tab + 1);
      const int year = std::stoi(date.substr(0, 4));
      t.first = t.first == 0 ? year : std::min(t.first, year);
      t.last = std::max(t.last, year);
    }
    return t;
  }();
  return k_table;
}

}  // namespace

std::optional<std::string> holiday_on(std::string_view iso) {
  const auto& days = table().days;
  const auto it = days.find(iso);
  if (it == days.end()) return std::nullopt;
  return it->second;
}

std::pair<int, int> holiday_years() {
  return {table().first, table().last};
}

bool is_sunday(std::string_view iso) {
  int y = 0;
  int m = 0;
  int d = 0;
  if (iso.size() != 10 || std::sscanf(std::string(iso).c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      m < 1 || m > 12 || d < 1 || d > 31) {
    return false;
  }
  // Sakamoto's method: 0 is Sunday.
  static constexpr int k_offsets[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) --y;
  return (y + y / 4 - y / 100 + y / 400 + k_offsets[m - 1] + d) % 7 == 0;
}

}  // namespace naskah
