// The wall clock, as the records and reports write it.
#pragma once

#include <string>

namespace naskah {

// Now in UTC, "2026-11-29T21:30:00Z".
[[nodiscard]] std::string utc_now_iso();

}  // namespace naskah
