#include "keys.h"

#include <algorithm>
#include <array>

namespace naskah::config {
namespace {

template <typename Get>
Key integer_key(std::string name, std::string help, long long lo, long long hi, Get get) {
  Key key;
  key.name = std::move(name);
  key.help = std::move(help);
  key.type = "integer";
  key.set = [lo, hi, get](Settings& s, const Value& v) -> std::string {
    const long long n = std::get<long long>(v);
    if (n < lo || n > hi) {
      return "must be between " + std::to_string(lo) + " and " + std::to_string(hi);
    }
    get(s) = static_cast<int>(n);
    return {};
  };
  key.show = [get](const Settings& s) { return std::to_string(get(s)); };
  return key;
}

template <typename Get>
Key boolean_key(std::string name, std::string help, Get get) {
  Key key;
  key.name = std::move(name);
  key.help = std::move(help);
  key.type = "boolean";
  key.set = [get](Settings& s, const Value& v) -> std::string {
    get(s) = std::get<bool>(v);
    return {};
  };
  key.show = [get](const Settings& s) {
    return std::string(get(s) ? "true" : "false");
  };
  return key;
}

template <typename Get>
Key string_key(std::string name, std::string help, std::vector<std::string> allowed, Get get) {
  Key key;
  key.name = std::move(name);
  key.help = std::move(help);
  key.type = "string";
  key.set = [allowed, get](Settings& s, const Value& v) -> std::string {
    const auto& text = std::get<std::string>(v);
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), text) == allowed.end()) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      return "must be one of: " + list;
    }
    get(s) = text;
    return {};
  };
  key.show = [get](const Settings& s) { return get(s); };
  return key;
}

template <typename Get>
Key list_key(std::string name, std::string help, Get get, char separator = ':') {
  Key key;
  key.name = std::move(name);
  key.help = std::move(help);
  key.type = "list";
  key.separator = separator;
  key.set = [get](Settings& s, const Value& v) -> std::string {
    get(s) = std::get<std::vector<std::string>>(v);
    return {};
  };
  key.show = [get, separator](const Settings& s) {
    std::string text;
    for (const std::string& item : get(s)) {
      if (!text.empty()) text += separator;
      text += item;
    }
    return text;
  };
  return key;
}

std::vector<Key> make_keys() {
  std::vector<Key> k;
  k.push_back(string_key("data_dir", "the data folder (inbox, archive, index)", {},
                         [](auto& s) -> auto& { return s.data_dir; }));
  k.push_back(string_key("log.level", "log level on stderr",
                         {"trace", "debug", "info", "warn", "error", "off"},
                         [](auto& s) -> auto& { return s.log_level; }));
  k.push_back(integer_key("extract.workers", "OCR worker threads; 0 = one per core", 0, 256,
                          [](auto& s) -> auto& { return s.extract.workers; }));
  k.push_back(string_key("extract.languages", "Tesseract languages, joined with '+'", {},
                         [](auto& s) -> auto& { return s.extract.languages; }));
  k.push_back(string_key("extract.tessdata_dir", "folder of *.traineddata; empty = default",
                         {}, [](auto& s) -> auto& { return s.extract.tessdata_dir; }));
  k.push_back(integer_key("extract.ocr_dpi", "resolution scanned PDF pages are rendered at", 70,
                          600, [](auto& s) -> auto& { return s.extract.ocr_dpi; }));
  k.push_back(boolean_key("extract.deskew", "straighten skewed scans before OCR",
                          [](auto& s) -> auto& { return s.extract.deskew; }));
  k.push_back(boolean_key("extract.orientation",
                          "detect and turn pages scanned sideways or upside down",
                          [](auto& s) -> auto& { return s.extract.orientation; }));
  k.push_back(integer_key("limits.max_file_mb", "largest accepted file, in MiB", 1, 65536,
                          [](auto& s) -> auto& { return s.limits.max_file_mb; }));
  k.push_back(integer_key("limits.max_pages", "most pages in one document", 1, 100000,
                          [](auto& s) -> auto& { return s.limits.max_pages; }));
  k.push_back(integer_key("limits.max_page_megapixels",
                          "largest page image, in millions of pixels (checked before decoding)",
                          1, 2000, [](auto& s) -> auto& { return s.limits.max_page_megapixels; }));
  k.push_back(integer_key("limits.timeout_seconds", "longest time for one document", 1, 86400,
                          [](auto& s) -> auto& { return s.limits.timeout_seconds; }));
  k.push_back(integer_key("index.lock_timeout_seconds",
                          "how long a writer waits for another ingest or reindex to finish", 0,
                          86400, [](auto& s) -> auto& { return s.index.lock_timeout_seconds; }));
  k.push_back(list_key("index.shards",
                       "databases searched as one: index folders, database folders, "
                       "tcp://HOST:PORT of xapian-tcpsrv; empty = DATA/index",
                       [](auto& s) -> auto& { return s.index.shards; }, ','));
  k.push_back(integer_key("index.shard_timeout_seconds",
                          "longest wait for a remote shard's answer before it is left out", 1,
                          3600, [](auto& s) -> auto& { return s.index.shard_timeout_seconds; }));
  k.push_back(integer_key("index.shard_retry_seconds",
                          "a shard left out is tried again after this many seconds", 0, 86400,
                          [](auto& s) -> auto& { return s.index.shard_retry_seconds; }));
  k.push_back(integer_key("search.expiring_days",
                          "an agreement is 'expiring' when it ends within this many days", 1,
                          3650, [](auto& s) -> auto& { return s.search.expiring_days; }));
  k.push_back(list_key("watch.inboxes", "folders naskah watch takes files from; empty = DATA/inbox",
                       [](auto& s) -> auto& { return s.watch.inboxes; }));
  k.push_back(integer_key("watch.workers", "extraction worker processes; 0 = one per core", 0,
                          256, [](auto& s) -> auto& { return s.watch.workers; }));
  k.push_back(integer_key("watch.settle_ms",
                          "a file seen only by a rescan is complete once unchanged this long",
                          0, 3'600'000, [](auto& s) -> auto& { return s.watch.settle_ms; }));
  k.push_back(integer_key("watch.rescan_seconds",
                          "how often the inboxes are scanned (inotify misses network shares)", 1,
                          86400, [](auto& s) -> auto& { return s.watch.rescan_seconds; }));
  k.push_back(integer_key("watch.retry_seconds",
                          "wait before trying again a file that failed for another reason than "
                          "itself (index locked, disk full)",
                          1, 86400, [](auto& s) -> auto& { return s.watch.retry_seconds; }));
  k.push_back(integer_key("watch.worker_memory_mb",
                          "address space each worker may use, in MiB; 0 = no limit", 0,
                          1'048'576, [](auto& s) -> auto& { return s.watch.worker_memory_mb; }));
  k.push_back(integer_key(
      "watch.worker_nice",
      "how far the extraction workers give way to other work on a busy "
      "machine (the web's answers): added niceness, 0 = none",
      0, 19, [](auto& s) -> auto& { return s.watch.worker_nice; }));
  k.push_back(integer_key("watch.queue_limit",
                          "files handed to the workers at a time; 0 = 4 per worker", 0, 100000,
                          [](auto& s) -> auto& { return s.watch.queue_limit; }));
  k.push_back(integer_key("fetch.connect_timeout_seconds", "longest wait for a server to answer",
                          1, 3600, [](auto& s) -> auto& { return s.fetch.connect_timeout_seconds; }));
  k.push_back(integer_key("fetch.timeout_seconds", "longest time for one download", 1, 86400,
                          [](auto& s) -> auto& { return s.fetch.timeout_seconds; }));
  k.push_back(integer_key("fetch.max_redirects", "redirects followed at most", 0, 50,
                          [](auto& s) -> auto& { return s.fetch.max_redirects; }));
  k.push_back(integer_key("fetch.retries",
                          "tries again after a timeout, a reset connection or a server error", 0,
                          20, [](auto& s) -> auto& { return s.fetch.retries; }));
  k.push_back(list_key(
      "remind.days", "naskah remind warns this many days before an agreement ends (each once)",
      [](auto& s) -> auto& { return s.remind.days; }, ','));
  k.push_back(string_key(
      "remind.base_url", "address of naskah serve, for the links in reminders", {},
      [](auto& s) -> auto& { return s.remind.base_url; }));
  k.push_back(string_key(
      "remind.smtp_url", "mail server for reminders: smtp://host:587 or smtps://host:465", {},
      [](auto& s) -> auto& { return s.remind.smtp_url; }));
  k.push_back(string_key(
      "remind.smtp_security",
      "starttls: refuse a server that does not offer it; none: a local relay", {"starttls", "none"},
      [](auto& s) -> auto& { return s.remind.smtp_security; }));
  k.push_back(string_key(
      "remind.smtp_user", "mail server user name; empty = no login", {},
      [](auto& s) -> auto& { return s.remind.smtp_user; }));
  k.push_back(string_key(
      "remind.smtp_password_file",
      "file holding the mail server password (readable by naskah only)", {},
      [](auto& s) -> auto& { return s.remind.smtp_password_file; }));
  k.push_back(string_key(
      "remind.smtp_from", "sender address of reminders", {},
      [](auto& s) -> auto& { return s.remind.smtp_from; }));
  k.push_back(string_key(
      "remind.ca_file",
      "CA certificates the mail server and webhooks are checked against; "
      "empty = the system's",
      {}, [](auto& s) -> auto& { return s.remind.ca_file; }));
  k.push_back(integer_key(
      "remind.timeout_seconds", "longest time for sending one reminder", 1, 3600,
      [](auto& s) -> auto& { return s.remind.timeout_seconds; }));
  k.push_back(string_key("log.file", "also log to this file, rotated; empty = stderr only", {},
                         [](auto& s) -> auto& { return s.log.file; }));
  k.push_back(integer_key("log.file_max_mb", "rotate the log file at this size, in MiB", 1, 4096,
                          [](auto& s) -> auto& { return s.log.file_max_mb; }));
  k.push_back(integer_key("log.file_count", "rotated log files kept", 1, 100,
                          [](auto& s) -> auto& { return s.log.file_count; }));
  k.push_back(string_key("web.listen", "HOST:PORT naskah serve listens on", {},
                         [](auto& s) -> auto& { return s.web.listen; }));
  k.push_back(string_key("web.tls_cert", "PEM certificate file; with web.tls_key: HTTPS", {},
                         [](auto& s) -> auto& { return s.web.tls_cert; }));
  k.push_back(string_key("web.tls_key", "PEM private key file of web.tls_cert", {},
                         [](auto& s) -> auto& { return s.web.tls_key; }));
  k.push_back(list_key(
      "web.allowed_hosts",
      "Host names answered besides IP addresses, localhost and this machine; "
      "*.DOMAIN, or * for any",
      [](auto& s) -> auto& { return s.web.allowed_hosts; }, ','));
  k.push_back(integer_key(
      "web.threads", "requests worked on at once; 0 = 8 per core, at least 16", 0, 4096,
      [](auto& s) -> auto& { return s.web.threads; }));
  k.push_back(integer_key("web.upload_max_mb", "largest file an operator may upload, in MiB", 1,
                          4096, [](auto& s) -> auto& { return s.web.upload_max_mb; }));
  k.push_back(integer_key(
      "web.json_max_kb", "largest body of any request but an upload, in KiB", 1, 65536,
      [](auto& s) -> auto& { return s.web.json_max_kb; }));
  k.push_back(integer_key(
      "web.header_max_kb", "largest request head (all headers), in KiB", 1, 1024,
      [](auto& s) -> auto& { return s.web.header_max_kb; }));
  k.push_back(integer_key(
      "web.header_max_lines", "most header lines in one request", 10, 10000,
      [](auto& s) -> auto& { return s.web.header_max_lines; }));
  k.push_back(integer_key(
      "web.header_timeout_seconds", "a request's headers must be in within this time", 1, 600,
      [](auto& s) -> auto& { return s.web.header_timeout_seconds; }));
  k.push_back(integer_key(
      "web.idle_seconds", "a kept-alive connection without a request closes", 1, 3600,
      [](auto& s) -> auto& { return s.web.idle_seconds; }));
  k.push_back(integer_key(
      "web.waiting_per_address", "connections one address may have open without a whole request", 1,
      100000, [](auto& s) -> auto& { return s.web.waiting_per_address; }));
  k.push_back(integer_key("web.session_idle_seconds", "a web session ends after this idle time",
                          1, 30 * 86400, [](auto& s) -> auto& { return s.web.session_idle_seconds; }));
  k.push_back(integer_key("web.session_max_hours", "a web session ends this long after sign-in",
                          1, 24 * 365, [](auto& s) -> auto& { return s.web.session_max_hours; }));
  k.push_back(integer_key(
      "web.login_max_failures", "failed sign-ins of one user from one address before a lockout", 1,
      1000, [](auto& s) -> auto& { return s.web.login_max_failures; }));
  k.push_back(integer_key("web.login_window_seconds", "failures count within this window", 1,
                          86400, [](auto& s) -> auto& { return s.web.login_window_seconds; }));
  k.push_back(integer_key("web.login_lockout_seconds", "how long a lockout lasts", 1, 86400,
                          [](auto& s) -> auto& { return s.web.login_lockout_seconds; }));
  k.push_back(integer_key("web.page_dpi", "resolution of page images in the agreement view", 30,
                          300, [](auto& s) -> auto& { return s.web.page_dpi; }));
  k.push_back(integer_key(
      "web.render_workers", "processes drawing page images at once; 0 = one per core, at least 2",
      0, 256, [](auto& s) -> auto& { return s.web.render_workers; }));
  k.push_back(integer_key(
      "web.render_memory_mb", "address space of each page-drawing process", 64, 65536,
      [](auto& s) -> auto& { return s.web.render_memory_mb; }));
  k.push_back(integer_key(
      "web.render_timeout_seconds", "longest time (and processor time) for drawing one page image",
      1, 3600, [](auto& s) -> auto& { return s.web.render_timeout_seconds; }));
  k.push_back(integer_key("web.result_cache_entries",
                          "search and stats answers kept until the index changes; 0 = none", 0,
                          1'000'000, [](auto& s) -> auto& { return s.web.result_cache_entries; }));
  return k;
}

}  // namespace

std::span<const Key> keys() {
  static const std::vector<Key> k_keys = make_keys();
  return k_keys;
}

}  // namespace naskah::config
