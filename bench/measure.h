// Measuring the benchmarks: time, rates, resident memory (Linux /proc), disk usage.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

namespace naskah::bench {

using Clock = std::chrono::steady_clock;

[[nodiscard]] double seconds_since(Clock::time_point start);
[[nodiscard]] double per_second(std::size_t n, double seconds);  // 0 for no time

// Forgets the peak resident size so far (Linux: writing 5 to clear_refs), so each phase
// reports its own peak; the run's peak is the largest of them. Memory the last phase freed
// is handed back first, or it would count against the next.
void reset_peak_rss();
// A "VmRSS:"-like line of /proc/self/status, in kB.
[[nodiscard]] long status_kb(std::string_view field);
// Peak resident size (VmHWM) since the last reset, in kB.
[[nodiscard]] long peak_rss_kb();
// The largest resident size of the whole process (getrusage), in kB.
[[nodiscard]] long max_rss_kb();
// Space used on disk, as du counts it (allocated blocks).
[[nodiscard]] std::uint64_t disk_usage(const std::filesystem::path& dir);

[[nodiscard]] double mib(std::uint64_t bytes);
[[nodiscard]] double mib_of_kb(long kb);

}  // namespace naskah::bench
