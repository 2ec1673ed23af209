#include "metrics.h"

#include <sstream>

namespace naskah::web {

void Metrics::count_request(const std::string& route, int status) {
  const std::lock_guard lock(m_mutex);
  ++m_requests[{route, status}];
}

void Metrics::observe_search(double seconds) {
  const std::lock_guard lock(m_mutex);
  for (std::size_t i = 0; i < k_bounds.size(); ++i) {
    if (seconds <= k_bounds[i]) ++m_search_buckets[i];
  }
  ++m_search_count;
  m_search_sum += seconds;
}

void Metrics::count_upload(const std::string& result) {
  const std::lock_guard lock(m_mutex);
  ++m_uploads[result];
}

std::string Metrics::text() const {
  std::ostringstream out;
  const std::lock_guard lock(m_mutex);
  out << "# HELP naskah_http_requests_total HTTP requests answered, by route and status.\n"
         "# TYPE naskah_http_requests_total counter\n";
  for (const auto& [key, n] : m_requests) {
    out << "naskah_http_requests_total{route=\"" << key.first << "\",code=\"" << key.second
        << "\"} " << n << '\n';
  }
  out << "# HELP naskah_search_seconds Time to answer a search.\n"
         "# TYPE naskah_search_seconds histogram\n";
  for (std::size_t i = 0; i < k_bounds.size(); ++i) {
    out << "naskah_search_seconds_bucket{le=\"" << k_bounds[i] << "\"} " << m_search_buckets[i]
        << '\n';
  }
  out << "naskah_search_seconds_bucket{le=\"+Inf\"} " << m_search_count << '\n'
      << "naskah_search_seconds_sum " << m_search_sum << '\n'
      << "naskah_search_seconds_count " << m_search_count << '\n';
  out << "# HELP naskah_uploads_total Files uploaded through the web, by result.\n"
         "# TYPE naskah_uploads_total counter\n";
  for (const auto& [result, n] : m_uploads) {
    out << "naskah_uploads_total{result=\"" << result << "\"} " << n << '\n';
  }
  out << "# HELP naskah_login_failures_total Failed sign-ins.\n"
         "# TYPE naskah_login_failures_total counter\n"
      << "naskah_login_failures_total " << m_login_failures.load() << '\n';
  return out.str();
}

}  // namespace naskah::web
