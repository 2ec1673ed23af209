// /metrics in Prometheus text format 0.0.4: the server's own counters (requests by route and
// status, search latency as a histogram, uploads, failed logins; thread-safe), and the
// gauges and pipeline figures read when it is asked for.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "naskah/web/server.h"

namespace naskah::web {

// What is read afresh for each /metrics.
struct Gauges {
  std::uint64_t documents = 0;  // in the live index
  std::size_t sessions = 0;     // signed-in browser sessions
  PipelineFigures pipeline;
};

class Metrics {
 public:
  void count_request(const std::string& route, int status);
  void observe_search(double seconds);
  void count_upload(const std::string& result);  // accepted, refused
  void count_login_failure() { m_login_failures.fetch_add(1, std::memory_order_relaxed); }

  // Every metric in the text format, each with its HELP and TYPE lines.
  [[nodiscard]] std::string text(const Gauges& gauges) const;

 private:
  static constexpr std::array<double, 10> k_bounds{0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,  0.1,    0.25,  0.5,  1.0};
  mutable std::mutex m_mutex;
  std::map<std::pair<std::string, int>, std::uint64_t> m_requests;
  std::array<std::uint64_t, k_bounds.size()> m_search_buckets{};
  std::uint64_t m_search_count = 0;
  double m_search_sum = 0;
  std::map<std::string, std::uint64_t> m_uploads;
  std::atomic<std::uint64_t> m_login_failures{0};
};

}  // namespace naskah::web
