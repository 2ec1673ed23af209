#include "naskah/ingest/fetch.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <thread>
#include <utility>

#include "fetch_rules.h"
#include "naskah/core/curl_api.h"
#include "naskah/core/file.h"
#include "naskah/core/sniff.h"
#include "part_file.h"

namespace naskah::ingest {
namespace fs = std::filesystem;
namespace {

using json = nlohmann::json;

constexpr const char* k_unsupported_scheme = "fetch.unsupported-scheme";
constexpr const char* k_too_many_redirects = "fetch.too-many-redirects";
constexpr const char* k_http_error = "fetch.http-error";
constexpr const char* k_timeout = "fetch.timeout";
constexpr const char* k_failed = "fetch.failed";
constexpr const char* k_truncated = "fetch.truncated";
constexpr const char* k_wrong_type = "fetch.wrong-type";

constexpr std::uint64_t k_max_state_bytes = 64ull * 1024 * 1024;

// libcurl's functions; Fetcher::fetch has checked that it loaded before anything here runs.
const CurlApi& lib() { return *curl_api(); }

// A URL taken apart by libcurl, the parser that will fetch it, so both read it the same way.
class UrlParts {
 public:
  explicit UrlParts(const std::string& url) : m_url(lib().url()) {
    // Any scheme parses, so that ftp:// is refused for its scheme, not as "not a URL".
    m_ok = m_url && lib().url_set(m_url.get(), CURLUPART_URL, url.c_str(),
                                 CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK;
  }
  [[nodiscard]] bool ok() const { return m_ok; }
  // The part, still percent-encoded; empty when absent.
  [[nodiscard]] std::string get(CURLUPart part) const {
    char* value = nullptr;
    if (!m_ok || lib().url_get(m_url.get(), part, &value, 0) != CURLUE_OK) return {};
    std::string out(value);
    lib().free(value);
    return out;
  }

 private:
  struct Cleanup {
    void operator()(CURLU* url) const { lib().url_cleanup(url); }
  };
  std::unique_ptr<CURLU, Cleanup> m_url;
  bool m_ok = false;
};

// The URL as it may be logged: no user, password, query or fragment, where tokens live.
std::string shown_url(const UrlParts& url) {
  if (!url.ok()) return "(not a URL)";
  std::string out = url.get(CURLUPART_SCHEME) + "://" + url.get(CURLUPART_HOST);
  if (const std::string port = url.get(CURLUPART_PORT); !port.empty()) out += ":" + port;
  out += url.get(CURLUPART_PATH);
  if (!url.get(CURLUPART_QUERY).empty()) out += "?...";
  return out;
}

// ---- the state file: {"<url>": {"etag": "...", "last_modified": "..."}} ----

struct Validators {
  std::string etag;
  std::string last_modified;
  [[nodiscard]] bool empty() const { return etag.empty() && last_modified.empty(); }
  [[nodiscard]] json to_json() const {
    json entry = json::object();
    if (!etag.empty()) entry["etag"] = etag;
    if (!last_modified.empty()) entry["last_modified"] = last_modified;
    return entry;
  }
};

// The state is only a cache: a missing or damaged file counts as empty, which costs one
// full download per URL.
json load_state(const std::string& path) {
  std::error_code ec;
  if (path.empty() || !fs::exists(path, ec)) return json::object();
  auto text = read_file(path, k_max_state_bytes);
  json state = text ? json::parse(*text, nullptr, false) : json();
  if (!state.is_object()) {
    spdlog::warn("fetch: the state file {} is not a JSON object; every URL is fetched whole", path);
    return json::object();
  }
  return state;
}

Validators validators_of(const json& state, const std::string& url) {
  Validators known;
  const auto entry = state.find(url);
  if (entry == state.end() || !entry->is_object()) return known;
  for (auto [key, field] :
       {std::pair{"etag", &known.etag}, std::pair{"last_modified", &known.last_modified}}) {
    if (const auto value = entry->find(key); value != entry->end() && value->is_string()) {
      *field = value->get<std::string>();
    }
  }
  return known;
}

void remember(const std::string& state_file, const std::string& url, const Validators& fresh) {
  if (state_file.empty()) return;
  // Read again: other fetches may have saved theirs since. Two at the same instant can lose
  // one entry, which only costs a full download.
  json state = load_state(state_file);
  if (fresh.empty()) {
    if (state.erase(url) == 0) return;
  } else {
    if (state.contains(url) && state[url] == fresh.to_json()) return;
    state[url] = fresh.to_json();
  }
  if (auto written = write_file_atomic(state_file, state.dump(1) + "\n"); !written) {
    spdlog::warn("fetch: {} ({}); the next fetch of this URL downloads it whole",
                 written.error().message, written.error().where);
  }
}

// ---- one transfer ----

enum class Stop { none, wrong_type, too_large, write_failed };

// What one attempt gathers through libcurl's callbacks.
struct Transfer {
  CURL* curl = nullptr;
  int fd = -1;
  std::uint64_t max_bytes = 0;
  std::uint64_t bytes = 0;
  bool type_checked = false;
  Stop stop = Stop::none;
  int write_errno = 0;
  // From the headers of the last response; a redirect's are dropped.
  std::string etag;
  std::string last_modified;
  std::string disposition;
};

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    transfer.etag.clear();
    transfer.last_modified.clear();
    transfer.disposition.clear();
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    const std::string name = lower(trim(line.substr(0, colon)));
    const std::string_view value = trim(line.substr(colon + 1));
    if (name == "etag") transfer.etag = value;
    if (name == "last-modified") transfer.last_modified = value;
    if (name == "content-disposition") transfer.disposition = value;
  }
  return size * count;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (!transfer.type_checked) {
    transfer.type_checked = true;
    // Before any byte is kept, so an HTML error page is refused without downloading it.
    char* type = nullptr;
    lib().easy_getinfo(transfer.curl, CURLINFO_CONTENT_TYPE, &type);
    if (type != nullptr && !accepted_type(type)) {
      transfer.stop = Stop::wrong_type;
      return 0;
    }
  }
  // libcurl checks a declared Content-Length (CURLOPT_MAXFILESIZE_LARGE); a chunked body
  // declares none.
  if (transfer.bytes + n > transfer.max_bytes) {
    transfer.stop = Stop::too_large;
    return 0;
  }
  for (std::size_t done = 0; done < n;) {
    const ssize_t written = ::write(transfer.fd, data + done, n - done);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      transfer.stop = Stop::write_failed;
      transfer.write_errno = errno;
      return 0;
    }
    done += static_cast<std::size_t>(written);
  }
  transfer.bytes += n;
  return n;
}

// What a successful attempt received.
struct Response {
  long status = 0;
  std::uint64_t bytes = 0;
  std::string content_type;
  std::string final_url;
  Validators validators;
  std::string disposition;
};

// The fetch in hand, for the helpers below.
struct FetchJob {
  const FetchOptions& options;
  const std::string& url;
  std::string shown;  // the URL as logs and errors show it
  const std::string& dest_dir;
};

struct Failure {
  Error error;
  bool retry = false;
};

using HeaderList = CurlList;

std::string too_large_message(std::uint64_t max_bytes) {
  constexpr std::uint64_t k_mb = 1024 * 1024;
  const std::string limit = max_bytes >= k_mb ? std::to_string(max_bytes / k_mb) + " MB"
                                              : std::to_string(max_bytes) + " bytes";
  return "the file is over the limit of " + limit + "; split the scan or raise limits.max_file_mb";
}

// `what` is what came instead of a scan ("a page of type text/html").
std::string wrong_type_message(const std::string& what) {
  return "the server sent " + what +
         ", not a scan (PDF, TIFF, PNG or JPEG): probably an error or login page; open the URL "
         "in a browser to see what it serves";
}

std::string media_type(const std::string& content_type) {
  const std::string type(trim(std::string_view(content_type).substr(0, content_type.find(';'))));
  return type.empty() ? "no type" : type;
}

// What an HTTP error status means for the operator.
std::string http_message(long status) {
  const std::string http = "HTTP " + std::to_string(status);
  if (status == 401 || status == 403) {
    return "the server refused access (" + http + "); check the login or token the URL needs";
  }
  if (status == 404 || status == 410) {
    return "there is no file at this address (" + http + "); check the URL";
  }
  if (status >= 500) {
    return "the server failed (" + http + "); try again later, or tell the server's owner";
  }
  return "the server answered " + http + " instead of a file; check the URL";
}

// Sets every option of one attempt on a freshly reset handle, so nothing carries over.
Result<void> configure(CURL* curl, const FetchJob& job, Transfer& transfer, const HeaderList& headers,
                       char* error_buffer) {
  const FetchOptions& o = job.options;
  lib().easy_reset(curl);
  // Checked: a libcurl that ignored these would follow any scheme, file:// included.
  if (lib().easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK ||
      lib().easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") != CURLE_OK) {
    return fail(codes::k_internal, "this libcurl cannot restrict protocols; it needs 7.85 or newer",
                job.shown);
  }
  lib().easy_setopt(curl, CURLOPT_URL, job.url.c_str());
  lib().easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  lib().easy_setopt(curl, CURLOPT_MAXREDIRS, o.max_redirects);
  lib().easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  lib().easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  lib().easy_setopt(curl, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  if (!o.ca_file.empty()) lib().easy_setopt(curl, CURLOPT_CAINFO, o.ca_file.c_str());
  lib().easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout.count()));
  lib().easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(o.total_timeout.count()));
  lib().easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, o.low_speed_bytes);
  lib().easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(o.low_speed_time.count()));
  lib().easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(o.max_bytes));
  lib().easy_setopt(curl, CURLOPT_FAILONERROR, 1L);  // a 4xx/5xx body is never kept
  lib().easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);     // timeouts without SIGALRM, thread-safe
  lib().easy_setopt(curl, CURLOPT_USERAGENT, o.user_agent.c_str());
  lib().easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
  lib().easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  lib().easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  lib().easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
  lib().easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  lib().easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  return {};
}

// How libcurl's failures read for an operator, and whether another attempt may help.
struct CurlFailure {
  CURLcode curl;
  const char* code;
  const char* what;
  const char* advice;
  bool retry;
};
constexpr const char* k_connection = "the connection failed";
constexpr const char* k_reachable = "check that the server is up and reachable from here";
constexpr const char* k_unverified = "the server's TLS certificate could not be verified";
constexpr const char* k_ca_file = "naskah never fetches unverified; set a CA file for a private CA";
constexpr CurlFailure k_curl_failures[] = {
    {CURLE_OPERATION_TIMEDOUT, k_timeout, "the server was too slow",
     "try again later, or raise the fetch timeouts", true},
    {CURLE_COULDNT_CONNECT, k_failed, k_connection, k_reachable, true},
    {CURLE_SSL_CONNECT_ERROR, k_failed, k_connection, k_reachable, true},
    {CURLE_SEND_ERROR, k_failed, k_connection, k_reachable, true},
    {CURLE_RECV_ERROR, k_failed, k_connection, k_reachable, true},
    {CURLE_GOT_NOTHING, k_failed, k_connection, k_reachable, true},
    {CURLE_HTTP2, k_failed, k_connection, k_reachable, true},
    {CURLE_HTTP2_STREAM, k_failed, k_connection, k_reachable, true},
    {CURLE_PARTIAL_FILE, k_truncated, "the connection closed before the whole file arrived",
     "try again later", true},
    {CURLE_TOO_MANY_REDIRECTS, k_too_many_redirects,
     "the server redirected too often, probably in a loop",
     "open the URL in a browser and give the address it ends at", false},
    // Only a redirect can get here: the URL itself was checked before.
    {CURLE_UNSUPPORTED_PROTOCOL, k_unsupported_scheme,
     "the server redirected to an address that is not http:// or https://",
     "naskah follows no other; give the file's direct http(s) address", false},
    {CURLE_COULDNT_RESOLVE_HOST, k_failed, "the host name is unknown",
     "check the URL and this machine's DNS", false},
    {CURLE_PEER_FAILED_VERIFICATION, k_failed, k_unverified, k_ca_file, false},
    {CURLE_SSL_CACERT_BADFILE, k_failed, k_unverified, k_ca_file, false},
};

// What an attempt ended with, as an error and whether another attempt may help; nullopt
// for a 2xx or 304 answer.
std::optional<Failure> classify(CURLcode code, long status, const Transfer& transfer,
                                const std::string& type, const std::string& detail,
                                const FetchJob& job) {
  auto failure = [&](const char* error_code, std::string message, bool retry) {
    return Failure{Error{error_code, std::move(message), job.shown}, retry};
  };
  if (code == CURLE_OK) {
    if (status == 304 || (status >= 200 && status < 300)) return std::nullopt;
    return failure(k_http_error, http_message(status), false);
  }
  if (code == CURLE_HTTP_RETURNED_ERROR) {
    return failure(k_http_error, http_message(status), status >= 500);
  }
  if (code == CURLE_FILESIZE_EXCEEDED || transfer.stop == Stop::too_large) {
    return failure(codes::k_input_too_large, too_large_message(job.options.max_bytes), false);
  }
  if (transfer.stop == Stop::wrong_type) {
    return failure(k_wrong_type, wrong_type_message("a page of type " + media_type(type)), false);
  }
  if (transfer.stop == Stop::write_failed) {
    errno = transfer.write_errno;
    return Failure{download_write_error(job.dest_dir, "writing the download").value(), false};
  }
  const std::string why = " (" + (detail.empty() ? lib().easy_strerror(code) : detail) + "); ";
  for (const CurlFailure& known : k_curl_failures) {
    if (known.curl == code) {
      return failure(known.code, known.what + why + known.advice, known.retry);
    }
  }
  return failure(k_failed, "the download failed" + why + "check the URL and try again", false);
}

// Attempts the transfer until it succeeds, fails for good, or the retries are spent; the part
// file holds the body of the last attempt.
Result<Response> download(CURL* curl, const FetchJob& job, PartFile& part, const Validators& known,
                          int& attempts) {
  HeaderList headers;
  if (!known.etag.empty()) headers.add("If-None-Match: " + known.etag);
  if (!known.last_modified.empty()) headers.add("If-Modified-Since: " + known.last_modified);
  const int tries = std::max(job.options.retries, 0) + 1;
  auto wait = job.options.backoff;
  for (int attempt = 1;; ++attempt) {
    attempts = attempt;
    if (!part.reset()) return download_write_error(part.path(), "emptying the download file");
    Transfer transfer;
    transfer.curl = curl;
    transfer.fd = part.fd();
    transfer.max_bytes = job.options.max_bytes;
    char detail[CURL_ERROR_SIZE] = "";
    if (auto ready = configure(curl, job, transfer, headers, detail); !ready) {
      return tl::unexpected(ready.error());
    }
    spdlog::debug("fetch {}: attempt {} of {}", job.shown, attempt, tries);
    const CURLcode code = lib().easy_perform(curl);
    long status = 0;
    char* type = nullptr;
    char* final_url = nullptr;
    lib().easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    lib().easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type);
    lib().easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &final_url);
    auto failure = classify(code, status, transfer, type ? type : "", detail, job);
    if (!failure) {
      return Response{status,
                      transfer.bytes,
                      type ? type : "",
                      final_url ? final_url : job.url,
                      {transfer.etag, transfer.last_modified},
                      transfer.disposition};
    }
    if (!failure->retry || attempt == tries) {
      if (attempt > 1) {
        failure->error.message =
            "after " + std::to_string(attempt) + " attempts, " + failure->error.message;
      }
      return tl::unexpected(std::move(failure->error));
    }
    spdlog::info("fetch {}: {}; attempt {} of {} in {} ms", job.shown, failure->error.message,
                 attempt + 1, tries, wait.count());
    std::this_thread::sleep_for(wait);
    wait *= 2;
  }
}

// Checks the body is a scan, makes it durable and renames it into place; returns its path.
Result<std::string> keep(PartFile& part, const Response& response, const FetchJob& job) {
  // The write callback checks the type too, but an empty body never reaches it.
  if (!accepted_type(response.content_type)) {
    return fail(k_wrong_type,
                wrong_type_message("a page of type " + media_type(response.content_type)),
                job.shown);
  }
  if (response.bytes == 0) return fail(k_wrong_type, wrong_type_message("nothing"), job.shown);
  std::string head(1024, '\0');
  const ssize_t n = ::pread(part.fd(), head.data(), head.size(), 0);
  head.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  const std::string extension = extension_of(sniff(head));
  if (extension.empty()) {
    const bool html = lower(trim(head)).starts_with("<");
    return fail(k_wrong_type,
                wrong_type_message((html ? "a web page (HTML)" : "a file of another format") +
                                   std::string(" labelled ") + media_type(response.content_type)),
                job.shown);
  }
  if (!part.finish()) return download_write_error(part.path(), "syncing the download");
  return move_into_place(
      part, job.dest_dir,
      download_name(response.disposition, response.final_url, extension.c_str()));
}

Result<void> check_url(const UrlParts& url, const std::string& shown) {
  if (!url.ok()) {
    return fail(codes::k_usage_invalid,
                "not a valid URL; give a full address such as https://host/path/file.pdf", shown);
  }
  const std::string scheme = lower(url.get(CURLUPART_SCHEME));
  if (scheme != "http" && scheme != "https") {
    return fail(k_unsupported_scheme,
                "only http:// and https:// addresses can be fetched, not " + scheme +
                    "://; put local files in the inbox instead",
                shown);
  }
  return {};
}

}  // namespace

// Made on the first fetch, once libcurl is known to be there, and kept for the next ones
// (their connections are reused).
struct Fetcher::Curl {
  struct Cleanup {
    void operator()(CURL* curl) const { lib().easy_cleanup(curl); }
  };
  std::unique_ptr<CURL, Cleanup> handle{lib().easy_init()};
};

Fetcher::Fetcher(FetchOptions options) : m_options(std::move(options)) {}
Fetcher::~Fetcher() = default;
Fetcher::Fetcher(Fetcher&&) noexcept = default;
Fetcher& Fetcher::operator=(Fetcher&&) noexcept = default;

Result<Fetched> Fetcher::fetch(const std::string& url, const std::string& dest_dir) {
  if (std::string why; curl_api(&why) == nullptr) {
    return fail(codes::k_internal,
                "fetching needs libcurl, which could not be loaded; install the Debian package "
                "libcurl4 (" + why.substr(why.empty() ? 0 : 1) + ")",
                url);
  }
  const UrlParts parts(url);
  const FetchJob job{m_options, url, shown_url(parts), dest_dir};
  if (auto checked = check_url(parts, job.shown); !checked) return tl::unexpected(checked.error());
  if (!m_curl) m_curl = std::make_unique<Curl>();
  if (!m_curl->handle) {
    return fail(codes::k_internal, "libcurl could not be initialised", job.shown);
  }
  std::error_code ec;
  fs::create_directories(dest_dir, ec);
  if (ec) {
    return fail(
        codes::k_io_write,
        "cannot create the download folder (" + ec.message() + "); check its path and permissions",
        dest_dir);
  }
  auto part = PartFile::create(dest_dir);
  if (!part) return tl::unexpected(part.error());

  const Validators known = validators_of(load_state(m_options.state_file), url);
  Fetched fetched;
  auto response = download(m_curl->handle.get(), job, *part, known, fetched.attempts);
  if (!response) return tl::unexpected(response.error());
  fetched.content_type = response->content_type;
  if (response->status == 304) {
    if (known.empty()) {
      return fail(k_http_error,
                  "the server answered 304 (not modified) to a plain request; check the URL",
                  job.shown);
    }
    fetched.status = Fetched::Status::not_modified;
    spdlog::info("fetch {}: not modified since the last fetch", job.shown);
    return fetched;
  }
  auto path = keep(*part, *response, job);
  if (!path) return tl::unexpected(path.error());
  fetched.path = std::move(*path);
  fetched.file_name = fs::path(fetched.path).filename().string();
  fetched.bytes = response->bytes;
  remember(m_options.state_file, url, response->validators);
  spdlog::info("fetch {}: {} bytes saved as {}", job.shown, fetched.bytes, fetched.path);
  return fetched;
}

}  // namespace naskah::ingest
