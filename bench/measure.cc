#include "measure.h"

#include <malloc.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <fstream>
#include <string>

namespace naskah::bench {

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double per_second(std::size_t n, double seconds) {
  return seconds > 0 ? static_cast<double>(n) / seconds : 0;
}

void reset_peak_rss() {
  ::malloc_trim(0);
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
}

long status_kb(std::string_view field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with(field)) return std::stol(line.substr(field.size()));
  }
  return 0;
}

long peak_rss_kb() {
  return status_kb("VmHWM:");
}

long max_rss_kb() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

std::uint64_t disk_usage(const std::filesystem::path& dir) {
  std::uint64_t bytes = 0;
  std::error_code ec;
  struct stat st {};
  if (::lstat(dir.c_str(), &st) == 0) bytes += static_cast<std::uint64_t>(st.st_blocks) * 512;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (::lstat(it->path().c_str(), &st) == 0) {
      bytes += static_cast<std::uint64_t>(st.st_blocks) * 512;
    }
  }
  return bytes;
}

double mib(std::uint64_t bytes) {
  return static_cast<double>(bytes) / (1024.0 * 1024.0);
}
double mib_of_kb(long kb) {
  return static_cast<double>(kb) / 1024.0;
}

}  // namespace naskah::bench
