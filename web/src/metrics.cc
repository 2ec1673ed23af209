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

std::string Metrics::text(const Gauges& gauges) const {
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
  out << "# HELP naskah_documents Agreements in the live index.\n"
         "# TYPE naskah_documents gauge\nnaskah_documents "
      << gauges.documents << '\n';
  out << "# HELP naskah_sessions Signed-in browser sessions.\n"
         "# TYPE naskah_sessions gauge\nnaskah_sessions "
      << gauges.sessions << '\n';
  out << "# HELP naskah_ingest_files_total Files the in-process watcher finished, by outcome.\n"
         "# TYPE naskah_ingest_files_total counter\n";
  for (const auto& [outcome, n] : gauges.pipeline.files) {
    out << "naskah_ingest_files_total{outcome=\"" << outcome << "\"} " << n << '\n';
  }
  out << "# HELP naskah_extract_seconds_total Seconds spent extracting (OCR included).\n"
         "# TYPE naskah_extract_seconds_total counter\nnaskah_extract_seconds_total "
      << gauges.pipeline.extract_seconds << '\n';
  out << "# HELP naskah_inbox_files Files waiting in the inboxes.\n"
         "# TYPE naskah_inbox_files gauge\nnaskah_inbox_files "
      << gauges.pipeline.inbox_files << '\n';
  return out.str();
}

}  // namespace naskah::web
