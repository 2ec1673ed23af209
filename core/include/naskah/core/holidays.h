// Indonesia's national holidays (hari libur nasional, as the yearly SKB 3 Menteri sets them),
// from data: core/holidays/YYYY.txt, one file per year, "YYYY-MM-DD<TAB>name" lines, compiled
// in. A new year is a new file, not code. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace naskah {

// The name of the national holiday on the ISO date `iso` ("Hari Raya Natal"), if it is one.
[[nodiscard]] std::optional<std::string> holiday_on(std::string_view iso);

// The first and last year the data covers: outside them, holiday_on knows nothing.
[[nodiscard]] std::pair<int, int> holiday_years();

// Whether the ISO date `iso` is a Sunday (false for what is not a date).
[[nodiscard]] bool is_sunday(std::string_view iso);

}  // namespace naskah
