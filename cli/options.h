// Maps the loaded Settings onto each module's Options: the only place that knows both.
#pragma once

#include <cstdint>

#include "naskah/config/config.h"
#include "naskah/extract/extractor.h"
#include "naskah/index/shards.h"
#include "naskah/ingest/pipeline.h"
#include "naskah/ingest/reindex.h"
#include "naskah/ingest/watcher.h"
#include "naskah/web/server.h"

namespace naskah::cli {

[[nodiscard]] constexpr std::uint64_t mebibytes(int n) {
  return static_cast<std::uint64_t>(n) * 1024 * 1024;
}

[[nodiscard]] inline extract::Options extract_options(const config::Settings& s) {
  extract::Options o;
  o.workers = s.extract.workers;
  o.languages = s.extract.languages;
  o.tessdata_dir = s.extract.tessdata_dir;
  o.ocr_dpi = s.extract.ocr_dpi;
  o.deskew = s.extract.deskew;
  o.orientation = s.extract.orientation;
  o.max_pages = s.limits.max_pages;
  o.max_page_pixels = static_cast<std::uint64_t>(s.limits.max_page_megapixels) * 1'000'000;
  o.timeout = std::chrono::seconds(s.limits.timeout_seconds);
  return o;
}

[[nodiscard]] inline ingest::Options ingest_options(const config::Settings& s) {
  ingest::Options o;
  o.data = DataDir{s.data_dir};
  o.extract = extract_options(s);
  o.max_file_bytes = mebibytes(s.limits.max_file_mb);
  o.lock_timeout = std::chrono::seconds(s.index.lock_timeout_seconds);
  return o;
}

[[nodiscard]] inline ingest::ReindexOptions reindex_options(const config::Settings& s) {
  ingest::ReindexOptions o;
  o.data = DataDir{s.data_dir};
  o.extract = extract_options(s);
  o.max_file_bytes = mebibytes(s.limits.max_file_mb);
  o.lock_timeout = std::chrono::seconds(s.index.lock_timeout_seconds);
  return o;
}

[[nodiscard]] inline ingest::FetchOptions fetch_options(const config::Settings& s) {
  ingest::FetchOptions o;
  o.connect_timeout = std::chrono::seconds(s.fetch.connect_timeout_seconds);
  o.total_timeout = std::chrono::seconds(s.fetch.timeout_seconds);
  o.max_redirects = s.fetch.max_redirects;
  o.retries = s.fetch.retries;
  o.max_bytes = mebibytes(s.limits.max_file_mb);
  o.state_file = DataDir{s.data_dir}.fetch_state();
  return o;
}

[[nodiscard]] inline ingest::WatchOptions watch_options(const config::Settings& s) {
  ingest::WatchOptions o;
  o.ingest = ingest_options(s);
  o.inboxes = s.watch.inboxes;
  o.workers = s.watch.workers;
  o.settle = std::chrono::milliseconds(s.watch.settle_ms);
  o.rescan = std::chrono::seconds(s.watch.rescan_seconds);
  o.retry = std::chrono::seconds(s.watch.retry_seconds);
  o.queue_limit = static_cast<std::size_t>(s.watch.queue_limit);
  o.ingest.limits.memory_bytes = mebibytes(s.watch.worker_memory_mb);
  o.ingest.limits.nice = s.watch.worker_nice;
  // The extractor stops itself at the timeout; the CPU and wall-clock limits catch a worker
  // that cannot (stuck inside a library), a little later.
  o.ingest.limits.cpu_per_file = std::chrono::seconds(s.limits.timeout_seconds + 30);
  o.ingest.limits.wall_per_file = std::chrono::seconds(s.limits.timeout_seconds + 60);
  o.fetch = fetch_options(s);
  for (const config::FetchSource& source : s.fetch.sources) {
    o.sources.push_back({source.url, std::chrono::minutes(source.every_minutes)});
  }
  return o;
}

// What search reads: the shards of index.shards (checked), else the data folder's index.
[[nodiscard]] inline Result<std::vector<std::string>> search_shards(const config::Settings& s) {
  if (s.index.shards.empty()) return std::vector<std::string>{DataDir{s.data_dir}.index()};
  if (auto checked = index::check_shards(s.index.shards); !checked) {
    return fail(codes::k_config_invalid, "setting 'index.shards': " + checked.error().message);
  }
  return s.index.shards;
}

[[nodiscard]] inline index::ShardOptions shard_options(const config::Settings& s) {
  index::ShardOptions o;
  o.timeout = std::chrono::seconds(s.index.shard_timeout_seconds);
  o.retry = std::chrono::seconds(s.index.shard_retry_seconds);
  return o;
}

[[nodiscard]] inline web::ServerOptions web_options(const config::Settings& s) {
  web::ServerOptions o;
  o.cert_file = s.web.tls_cert;
  o.key_file = s.web.tls_key;
  o.threads = s.web.threads;
  o.shards = search_shards(s).value_or(std::vector<std::string>{});
  o.shard_timeout = shard_options(s).timeout;
  o.shard_retry = shard_options(s).retry;
  o.cache_dir = DataDir{s.data_dir}.page_cache();
  o.users_file = DataDir{s.data_dir}.users();
  o.audit_dir = DataDir{s.data_dir}.audit();
  o.upload_max_bytes = mebibytes(s.web.upload_max_mb);
  o.json_max_bytes = static_cast<std::uint64_t>(s.web.json_max_kb) * 1024;
  o.header_max_bytes = static_cast<std::size_t>(s.web.header_max_kb) * 1024;
  o.header_max_lines = s.web.header_max_lines;
  o.header_timeout = std::chrono::seconds(s.web.header_timeout_seconds);
  o.idle_timeout = std::chrono::seconds(s.web.idle_seconds);
  o.waiting_per_address = s.web.waiting_per_address;
  o.allowed_hosts = s.web.allowed_hosts;
  o.session_ttl = std::chrono::seconds(s.web.session_idle_seconds);
  o.session_max_age = std::chrono::hours(s.web.session_max_hours);
  o.login_max_failures = s.web.login_max_failures;
  o.login_window = std::chrono::seconds(s.web.login_window_seconds);
  o.login_lockout = std::chrono::seconds(s.web.login_lockout_seconds);
  o.expiring_days = s.search.expiring_days;
  o.page_dpi = s.web.page_dpi;
  o.result_cache_entries = static_cast<std::size_t>(s.web.result_cache_entries);
  return o;
}

}  // namespace naskah::cli
