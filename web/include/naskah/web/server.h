// `naskah serve`: the web application and the JSON API of CONTRACT.md over cpp-httplib.
//
// One binary serves everything: the UI's files are embedded. Every route but the login
// page, the UI's static files, /healthz and POST /api/login needs a session cookie or an
// `Authorization: Bearer <token>` header; state-changing requests with a session also need
// its CSRF token. What the web may not do itself (read the archive, render pages: that is
// ingest's and extract's business) it asks of the Services the caller hands it.
//
// Thread-safe: requests are answered on a pool of threads, each with its own Searcher.
//
// The server and the libraries only it needs (cpp-httplib, OpenSSL) live in a plugin,
// libnaskah_web.so (core/plugin.h): `naskah serve` gets its server from load_server(), and
// every other command starts without loading them.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "naskah/core/error.h"
#include "naskah/web/auth.h"

namespace naskah::web {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;        // 0: any free port (see Server::port)
  std::string cert_file;  // both set: HTTPS
  std::string key_file;
  int threads = 0;                  // requests worked on at once; 0 = 8 per core, at least 16
  std::vector<std::string> shards;  // what search reads: DATA/index, or index.shards
  std::chrono::milliseconds shard_timeout{10'000};  // a remote shard's answer
  std::chrono::milliseconds shard_retry{10'000};    // a shard left out is tried again after
  std::string cache_dir;                            // rendered pages
  std::string users_file;
  std::string audit_dir;  // the audit log (core/audit.h)
  std::uint64_t upload_max_bytes = 100ull * 1024 * 1024;
  std::uint64_t json_max_bytes = 64 * 1024;  // the body of every request but an upload
  // Limits on every connection (connection.h).
  std::size_t header_max_bytes = 32 * 1024;
  int header_max_lines = 100;
  std::chrono::seconds header_timeout{10};
  std::chrono::seconds idle_timeout{5};
  int waiting_per_address = 8;
  std::vector<std::string> allowed_hosts;      // besides IP addresses, localhost, this machine
  std::chrono::seconds session_ttl{8 * 3600};  // idle
  std::chrono::seconds session_max_age{7 * 24 * 3600};
  int login_max_failures = 5;
  std::chrono::seconds login_window{15 * 60};
  std::chrono::seconds login_lockout{15 * 60};
  int expiring_days = 90;
  int page_dpi = 110;  // page images
  // Search and stats answers kept until the index changes (result_cache.h); 0 = none.
  std::size_t result_cache_entries = 2000;
};

// Where an upload is on its way through the pipeline.
struct UploadState {
  std::string state;           // queued, archived, searchable, refused
  std::optional<Error> error;  // refused: code and message (English)
  std::string message_id;      // refused: the message in Indonesian
};

struct StoredFile {
  std::string path;
  std::string mime;
  std::string name;  // the name to download it under
};

// The pipeline's figures for /metrics.
struct PipelineFigures {
  std::map<std::string, std::uint64_t> files;  // finished by an in-process watcher, by outcome
  double extract_seconds = 0;                  // spent by it extracting (OCR included)
  std::uint64_t inbox_files = 0;               // waiting in the inboxes
};

// What the web asks of the rest of naskah (the CLI wires these to ingest and extract).
struct Services {
  // The archived record of `id` with its full text, as CONTRACT JSON; index.missing-like
  // failures are answered 404.
  std::function<Result<nlohmann::json>(const std::string& id)> load_record;
  std::function<Result<StoredFile>(const std::string& id)> original;
  // Page `page` (1-based) of the original as PNG bytes, at `dpi`.
  // Degrees page `page` (1-based) of agreement `id` was turned to be read upright (0 when
  // none, or unknown).
  std::function<int(const std::string& id, int page)> page_rotation;
  // Page `page` (1-based) of agreement `id` as PNG at `dpi`, turned `rotation` degrees.
  std::function<Result<std::string>(const std::string& id, int page, int dpi, int rotation)>
      render_page;
  // Hands an upload (its bytes, the name it came with, the extension of its sniffed type)
  // to the pipeline; returns the name it got in the inbox.
  // `who`: the uploader, kept in the record's provenance.
  std::function<Result<std::string>(std::string_view bytes, const std::string& given,
                                    const std::string& extension, const std::string& who)>
      drop_upload;
  // The state of an uploaded file that is not (yet) searchable.
  std::function<UploadState(const std::string& sha256)> upload_state;
  // Applies a person's corrections to agreement `id` (`changes`: {"field": value, ...}) and
  // returns the record as it is now; usage.invalid for a bad field or value.
  std::function<Result<nlohmann::json>(const std::string& id, const nlohmann::json& changes,
                                       const std::string& who, const std::string& reason)>
      correct;
  // What the parser read and every correction, per field (ingest/corrections.h history()).
  std::function<Result<nlohmann::json>(const std::string& id)> history;
  // The pipeline's figures for /metrics.
  std::function<PipelineFigures()> pipeline_figures;
};

class Server {
 public:
  Server(ServerOptions options, Services services);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the address. Fails with internal (port taken, bad certificate...).
  [[nodiscard]] Result<void> bind();
  // The port bound (useful with port 0).
  [[nodiscard]] int port() const;
  // Answers requests until stop() (from any thread or a signal-watching thread).
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// What load_server() hands out: a Server across the plugin boundary.
class Service {
 public:
  virtual ~Service() = default;
  [[nodiscard]] virtual Result<void> bind() = 0;
  [[nodiscard]] virtual int port() const = 0;
  virtual void run() = 0;
  virtual void stop() = 0;
};

// Loads libnaskah_web.so (once per process) and creates a Server in it. Fails with
// internal when the plugin is missing.
[[nodiscard]] Result<std::unique_ptr<Service>> load_server(ServerOptions options,
                                                           Services services);

// The plugin's one exported function (C linkage so dlsym finds it by this name).
using CreateServer = Service* (*)(ServerOptions options, Services services);
inline constexpr const char* k_create_server = "naskah_create_web_server";

}  // namespace naskah::web
