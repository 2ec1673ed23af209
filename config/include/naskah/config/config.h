// naskah's settings: built-in defaults, overridden by a TOML file, then by NASKAH_*
// environment variables, then by command-line flags. Every key is validated; a bad one is
// named in the error. Modules never read this: the CLI maps Settings onto each module's
// Options. Immutable once loaded; safe to share between threads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "naskah/core/error.h"

namespace naskah::config {

struct ExtractSettings {
  int workers = 0;                   // OCR threads; 0 = one per core
  std::string languages = "ind+eng"; // Tesseract languages
  std::string tessdata_dir;          // empty = Tesseract's default
  int ocr_dpi = 300;                 // resolution scanned PDF pages are rendered at
  bool deskew = true;
  bool orientation = true;           // detect pages scanned sideways or upside down
};

struct LimitsSettings {
  int max_file_mb = 256;
  int max_pages = 2000;
  int max_page_megapixels = 80;  // refused before decoding (decompression bombs)
  int timeout_seconds = 900;     // per document
};

struct IndexSettings {
  int lock_timeout_seconds = 60;  // how long a writer waits for another to finish
  // Searched as one (index/shards.h): index folders, database folders, tcp://HOST:PORT.
  std::vector<std::string> shards;  // empty = <data_dir>/index
  int shard_timeout_seconds = 10;
  int shard_retry_seconds = 10;
};

struct SearchSettings {
  int expiring_days = 90;  // "expiring": the end date is at most this many days away
};

struct WatchSettings {
  std::vector<std::string> inboxes;  // empty = <data_dir>/inbox
  int workers = 0;                   // worker processes; 0 = one per core
  int settle_ms = 2000;              // unchanged this long = complete (network shares)
  int rescan_seconds = 30;           // inotify sees nothing on network shares
  int retry_seconds = 60;            // after a failure that is not the file's fault
  int worker_memory_mb = 3072;       // address space of each worker; 0 = no limit
  int worker_nice = 10;              // how far the workers give way to other work
  int queue_limit = 0;               // files waiting for a worker; 0 = 4 per worker
};

// One `[[fetch.source]]`: a URL polled by `naskah watch`.
struct FetchSource {
  std::string url;
  int every_minutes = 60;
};

struct FetchSettings {
  int connect_timeout_seconds = 10;
  int timeout_seconds = 300;
  int max_redirects = 5;
  int retries = 3;
  std::vector<FetchSource> sources;
};

struct LogSettings {
  std::string file;        // also log to this file, rotated; empty = stderr only
  int file_max_mb = 10;    // rotate when the file reaches this size
  int file_count = 5;      // rotated files kept
};

struct WebSettings {
  std::string listen = "127.0.0.1:8080";
  std::string tls_cert;               // both set: HTTPS
  std::string tls_key;
  std::vector<std::string> allowed_hosts;  // Host names answered besides IPs and this machine
  int threads = 0;  // requests worked on at once; 0 = 8 per core, at least 16
  int upload_max_mb = 100;
  int json_max_kb = 64;  // the body of every request but an upload
  int header_max_kb = 32;
  int header_max_lines = 100;
  int header_timeout_seconds = 10;
  int idle_seconds = 5;         // a kept-alive connection without a request
  int waiting_per_address = 8;  // connections without a whole request, per address
  int session_idle_seconds = 8 * 3600;
  int session_max_hours = 7 * 24;
  int login_max_failures = 5;  // within login_window_seconds, per user from one address
  int login_window_seconds = 900;
  int login_lockout_seconds = 900;
  int page_dpi = 110;                 // page images in the agreement view
  int render_workers = 0;             // processes drawing page images; 0 = one per core, >= 2
  int render_memory_mb = 1024;        // address space of each
  int render_timeout_seconds = 30;    // one page, wall clock and CPU
  int result_cache_entries = 2000;    // search answers kept until the index changes
};

// One `[[remind.recipient]]`: who gets the expiry digest, and through which channel (an
// e-mail address or a webhook URL, one per entry), of which offices' agreements.
struct RemindRecipient {
  std::string name;  // as greeted and logged; empty = the address
  std::string email;
  std::string webhook;               // http(s) URL that takes a JSON POST
  std::vector<std::string> offices;  // empty = every agreement (the centre)
};

struct RemindSettings {
  std::vector<std::string> days = {"90", "30", "7"};  // windows before the end, in days
  std::string base_url = "http://127.0.0.1:8080";     // of `naskah serve`, for the links
  std::string smtp_url;                    // smtp://host:587 (STARTTLS) or smtps://host:465
  std::string smtp_security = "starttls";  // starttls (required), none (a local relay)
  std::string smtp_user;
  std::string smtp_password_file;  // the password, in a file only its owner reads
  std::string smtp_from;
  std::string ca_file;  // CA certificates for SMTP and webhooks; empty = system
  int timeout_seconds = 60;
  std::vector<RemindRecipient> recipients;
};

struct Settings {
  std::string data_dir = "./naskah-data";
  std::string log_level = "info";
  ExtractSettings extract;
  LimitsSettings limits;
  IndexSettings index;
  SearchSettings search;
  WatchSettings watch;
  FetchSettings fetch;
  LogSettings log;
  WebSettings web;
  RemindSettings remind;
};

enum class Origin { built_in, file, environment, flag };
[[nodiscard]] const char* to_string(Origin origin);

// One key as `naskah config show` prints it.
struct Entry {
  std::string key;    // "limits.max_pages"
  std::string value;  // as text
  Origin origin = Origin::built_in;
  std::string help;
};

// Where settings come from, highest precedence last.
struct Sources {
  std::optional<std::string> file;                 // --config FILE
  std::map<std::string, std::string> environment;  // NASKAH_* variables, as in environ
  std::map<std::string, std::string> flags;        // key -> value from command-line flags
};

class Config {
 public:
  // Loads and validates. Fails with config.invalid naming the file, key and what is wrong.
  [[nodiscard]] static Result<Config> load(const Sources& sources);

  [[nodiscard]] const Settings& settings() const { return m_settings; }
  // Every key, its value and where it came from.
  [[nodiscard]] const std::vector<Entry>& entries() const { return m_entries; }

 private:
  Settings m_settings;
  std::vector<Entry> m_entries;
};

// The NASKAH_* variables of this process's environment.
[[nodiscard]] std::map<std::string, std::string> environment_variables();

// The environment variable name of a key: "limits.max_pages" -> "NASKAH_LIMITS_MAX_PAGES".
[[nodiscard]] std::string environment_name(const std::string& key);

}  // namespace naskah::config
