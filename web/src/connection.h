// Every connection the server accepts, read under limits that cpp-httplib 0.11 (Debian 12's)
// lacks. Internal to web/.
//
// httplib gives each connection a worker thread and reads it through its own socket stream:
// no bound on the number or total size of header lines, a body limit that chunked bodies
// skip, a too-large Content-Length answered only after the body was read (or timed out), a
// POST without a length read until the client closes, and a read timeout per read, so a
// client sending one header line every few seconds holds a worker forever. Here the server
// reads every connection through a GuardedStream of our own instead (httplib lets a server
// class replace how it serves one socket), which:
//   - bounds the request head: its bytes, its lines, and the time from its first byte to
//     its end (a TLS handshake too);
//   - ends an idle kept-alive connection after `idle_timeout`;
//   - gives each request's body the limit of its route (a small one for JSON, the upload
//     limit on upload), for chunked bodies too, and refuses a too-large Content-Length before
//     reading a byte of it;
//   - treats a request without Content-Length or chunked coding as having no body (RFC 9112
//     section 6.3), instead of waiting for the client to close;
//   - lets each client address hold at most `waiting_per_address` connections that have not
//     yet sent a whole request head (idle ones are closed first to make room), so slow
//     clients cannot take every worker.
// A request refused by a limit is answered with its 4xx (see `answer_for`) and the
// connection is closed.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace naskah::web {

struct ConnectionLimits {
  std::size_t head_max_bytes = 32 * 1024;  // request line and header lines together
  int head_max_lines = 100;
  std::chrono::seconds head_timeout{10};  // first byte to end of head; a TLS handshake
  std::chrono::seconds idle_timeout{5};   // a kept-alive connection between requests
  std::chrono::seconds io_timeout{30};    // one read of a body, one write of an answer
  int waiting_per_address = 8;
  std::size_t requests_per_connection = 1000;
  // The largest body a request to (method, path) may carry.
  std::function<std::uint64_t(std::string_view method, std::string_view path)> body_limit;
  // Called on the serving thread after each request, however it ended.
  std::function<void()> after_request;
};

// Why the connection being served on this thread refused its request.
enum class Refusal { none, head_too_large, head_timeout, body_too_large, busy };

// The answer to a refusal: an HTTP status, an error code and its message.
struct RefusalAnswer {
  int status = 0;
  const char* reason = "";  // the status's reason phrase
  const char* code = "";
  std::string message;
};

struct Refused {
  Refusal what = Refusal::none;
  std::uint64_t limit = 0;  // body_too_large: the route's limit, in bytes
};

// What the request being answered on this thread was refused for (Refusal::none if it was
// not), and the answer it gets.
[[nodiscard]] Refused current_refusal();
[[nodiscard]] RefusalAnswer answer_for(const Refused& refused);

class ConnectionGuard;

// An httplib server (HTTPS when `cert_file` is set) whose connections `guard` serves.
// `guard` must outlive it.
[[nodiscard]] std::unique_ptr<httplib::Server> make_guarded_server(ConnectionGuard& guard,
                                                                   const std::string& cert_file,
                                                                   const std::string& key_file);

class ConnectionGuard {
 public:
  explicit ConnectionGuard(ConnectionLimits limits);
  ~ConnectionGuard();
  ConnectionGuard(const ConnectionGuard&) = delete;
  ConnectionGuard& operator=(const ConnectionGuard&) = delete;

  // One request: httplib's Server::process_request on the stream.
  using Process = std::function<bool(httplib::Stream&, bool close_after, bool& closed)>;

  // Serves the accepted socket `sock` (TLS when `tls` is set) until it closes, a limit ends
  // it or `running` turns false; closes it.
  void serve(int sock, SSL_CTX* tls, const Process& process, const std::function<bool()>& running);

  [[nodiscard]] const ConnectionLimits& limits() const { return m_limits; }

  struct Registry;  // the connections waiting for a request head, by address

 private:
  // Reads and drops what a refused client still sends, briefly, before the socket closes.
  static void linger(int sock);

  ConnectionLimits m_limits;
  std::unique_ptr<Registry> m_waiting;
};

}  // namespace naskah::web
