// The fetcher of `naskah fetch`: downloads one http(s) URL into a folder, for the inbox.
//
// A file appears in the folder only when it is whole and looks like a scan (PDF, TIFF, PNG,
// JPEG): it is first written as a hidden ".*.part" file, which folder watchers skip, synced,
// sniffed, then renamed under a free name (an existing file is never overwritten). Every
// failure removes the partial file. TLS is verified; only http and https are followed, also
// after redirects; time, speed and size are bounded; transient faults are retried with
// exponential backoff. An optional state file remembers ETag/Last-Modified per URL, so a
// second fetch of an unchanged file downloads nothing.
//
// A Fetcher holds one libcurl handle (kept for connection reuse): not thread-safe, use one per
// thread. Several Fetchers may run at once in different threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "naskah/core/error.h"

namespace naskah::ingest {

struct FetchOptions {
  // Both per attempt.
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{300'000};
  // A trickle slower than low_speed_bytes/s for low_speed_time is aborted (fetch.timeout).
  long low_speed_bytes = 1024;
  std::chrono::seconds low_speed_time{30};
  std::uint64_t max_bytes = 256ull * 1024 * 1024;
  long max_redirects = 5;
  // Further attempts after timeouts, failed or reset connections, truncated bodies and
  // HTTP 5xx; never after 4xx or a refused body.
  int retries = 3;
  std::chrono::milliseconds backoff{1000};  // before the first retry; doubled after each
  // JSON file remembering ETag/Last-Modified per URL; empty = no conditional GET.
  std::string state_file;
  std::string user_agent = "naskah/0.1";
  std::string ca_file;  // PEM bundle of trusted CAs; empty = the system's
};

struct Fetched {
  enum class Status { downloaded, not_modified } status = Status::downloaded;
  std::string path;       // the final file in dest_dir; empty when not_modified
  std::string file_name;  // its name within dest_dir
  std::uint64_t bytes = 0;
  int attempts = 0;
  std::string content_type;  // as the server declared it; empty when it declared none
};

class Fetcher {
 public:
  explicit Fetcher(FetchOptions options);
  ~Fetcher();
  Fetcher(Fetcher&&) noexcept;
  Fetcher& operator=(Fetcher&&) noexcept;
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Downloads `url` (http:// or https://) into `dest_dir` (created if missing). The name is
  // the server's Content-Disposition file name, else the URL's last path segment, else
  // "download"; made safe as a single file name, given an extension from the sniffed type
  // when it has none, and " (2)", " (3)"... when taken.
  // On success: downloaded with the new file, or not_modified (nothing written) when the
  // server answers 304 to the validators in the state file.
  // Fails with (nothing left in dest_dir):
  //   fetch.unsupported-scheme  the URL, or a redirect, is not http/https
  //   usage.invalid             not a URL at all
  //   fetch.too-many-redirects  more than max_redirects redirects (a loop)
  //   fetch.http-error          a 4xx answer, or a 5xx one after the retries
  //   fetch.timeout             too slow to connect, to finish, or a trickle, after retries
  //   fetch.failed              no connection, connections reset, TLS not verified...
  //   fetch.truncated           the body ended before its Content-Length, after retries
  //   fetch.wrong-type          not a scan: a declared type like text/html, empty, or bytes
  //                             that are no PDF, TIFF, PNG or JPEG
  //   input.too-large           over max_bytes
  //   io.write                  dest_dir or the file cannot be written
  // A state file that cannot be written only costs the next fetch its conditional GET (a
  // warning is logged).
  [[nodiscard]] Result<Fetched> fetch(const std::string& url, const std::string& dest_dir);

 private:
  struct Curl;  // the libcurl handle, kept out of this header
  FetchOptions m_options;
  std::unique_ptr<Curl> m_curl;
};

}  // namespace naskah::ingest
