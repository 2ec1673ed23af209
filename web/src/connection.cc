#include "connection.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <nlohmann/json.hpp>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "naskah/core/error.h"

namespace naskah::web {

using Clock = std::chrono::steady_clock;

namespace {

thread_local Refused t_refused;

// A stop() is noticed within this long by a connection waiting for its client.
constexpr auto k_poll_slice = std::chrono::milliseconds(250);
// A connection that keeps the server waiting longer than this for a request head counts
// against waiting_per_address. A browser sends its head in one go: it never waits that long
// but between requests, so a burst of connections from one office is not refused.
constexpr auto k_grace = std::chrono::milliseconds(500);
// A refused connection's unread input is read and dropped for at most this long before it
// closes: closing with unread input sends a reset, which can destroy the answer in flight.
constexpr auto k_linger = std::chrono::seconds(1);
constexpr std::size_t k_linger_bytes = 4 * 1024 * 1024;

std::string size_words(std::uint64_t bytes) {
  constexpr std::uint64_t k_mib = 1024 * 1024;
  if (bytes >= k_mib) return std::to_string(bytes / k_mib) + " MiB";
  return std::to_string(std::max<std::uint64_t>(1, bytes / 1024)) + " KiB";
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

void name_of(const sockaddr_storage& address, socklen_t length, std::string& ip, int& port) {
  std::array<char, NI_MAXHOST> host{};
  std::array<char, NI_MAXSERV> service{};
  if (getnameinfo(reinterpret_cast<const sockaddr*>(&address), length, host.data(), host.size(),
                  service.data(), service.size(), NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    ip = host.data();
    port = std::atoi(service.data());
  }
}

}  // namespace

Refused current_refusal() {
  return t_refused;
}

RefusalAnswer answer_for(const Refused& refused) {
  switch (refused.what) {
    case Refusal::head_too_large:
      return {431, "Request Header Fields Too Large", "http.headers-too-large",
              "The request's headers are too many or too large, and it was refused."};
    case Refusal::head_timeout:
      return {408, "Request Timeout", "http.timeout", "The request came too slowly and was ended."};
    case Refusal::body_too_large:
      return {413, "Payload Too Large", codes::k_input_too_large,
              "The request is too large: this address takes at most " + size_words(refused.limit) +
                  "."};
    case Refusal::busy:
      return {503, "Service Unavailable", "http.busy",
              "Too many connections from your address are waiting; try again in a moment."};
    case Refusal::none: break;
  }
  return {};
}

// ---- the connections waiting for a request head ----

struct ConnectionGuard::Registry {
  struct Entry {
    int fd;
    const std::atomic<bool>* idle;  // no byte of a request yet: may be closed to make room
    Clock::time_point since;
  };

  // Counts `fd` as waiting for `address`. At `cap`, the address's longest-idle connection is
  // shut down to make room; false when none of them is idle.
  bool enter(const std::string& address, int fd, const std::atomic<bool>* idle, int cap) {
    std::lock_guard<std::mutex> guard(mutex);
    std::vector<Entry>& entries = by_address[address];
    if (static_cast<int>(entries.size()) >= cap) {
      auto oldest = entries.end();
      for (auto it = entries.begin(); it != entries.end(); ++it) {
        if (it->idle->load() && (oldest == entries.end() || it->since < oldest->since)) {
          oldest = it;
        }
      }
      if (oldest == entries.end()) return false;
      // Its owner wakes up to an ended connection and closes it (and only then the fd).
      ::shutdown(oldest->fd, SHUT_RDWR);
      entries.erase(oldest);
    }
    entries.push_back({fd, idle, Clock::now()});
    return true;
  }

  void leave(const std::string& address, int fd) {
    std::lock_guard<std::mutex> guard(mutex);
    const auto found = by_address.find(address);
    if (found == by_address.end()) return;
    std::erase_if(found->second, [fd](const Entry& e) { return e.fd == fd; });
    if (found->second.empty()) by_address.erase(found);
  }

  std::mutex mutex;
  std::unordered_map<std::string, std::vector<Entry>> by_address;
};

namespace {

// One connection, read and written for httplib under ConnectionLimits (see connection.h).
class GuardedStream final : public httplib::Stream {
 public:
  GuardedStream(int fd, const ConnectionLimits& limits, ConnectionGuard::Registry& waiting,
                const std::function<bool()>& running)
      : m_fd(fd), m_limits(limits), m_waiting(waiting), m_running(running) {
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      name_of(address, length, m_remote_ip, m_remote_port);
    }
    length = sizeof(address);
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      name_of(address, length, m_local_ip, m_local_port);
    }
  }

  ~GuardedStream() override {
    leave_waiting();
    if (m_ssl != nullptr) {
      SSL_shutdown(m_ssl);  // one try: the socket does not block
      SSL_free(m_ssl);
    }
  }

  GuardedStream(const GuardedStream&) = delete;
  GuardedStream& operator=(const GuardedStream&) = delete;

  // With `tls`, completes the TLS handshake within head_timeout. False: it failed, or the
  // address has too many connections waiting (then current_refusal() says busy).
  bool open(SSL_CTX* tls) {
    t_refused = {};
    m_since = Clock::now();
    m_deadline = m_since + m_limits.head_timeout;
    if (tls == nullptr) return true;
    m_ssl = SSL_new(tls);
    if (m_ssl == nullptr || SSL_set_fd(m_ssl, m_fd) != 1) return false;
    m_idle = false;  // a handshake begun is no idle connection to close for room
    for (;;) {
      const int r = SSL_accept(m_ssl);
      if (r == 1) break;
      const int error = SSL_get_error(m_ssl, r);
      if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) return false;
      const ssize_t waited = wait_head(error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT);
      if (waited == k_busy) t_refused = {Refusal::busy, 0};
      if (waited != 0) return false;
    }
    m_idle = true;
    return true;
  }

  // Whether this request has been answered (a status line written).
  [[nodiscard]] bool answered() const { return m_phase == Phase::answered; }
  // Whether the connection must end after this request.
  [[nodiscard]] bool closing() const { return m_close; }

  // Writes the answer to the refusal of this request, when httplib wrote none.
  void answer_refusal() {
    const RefusalAnswer answer = answer_for(t_refused);
    if (answer.status == 0 || answered()) return;
    if (m_ssl != nullptr && !SSL_is_init_finished(m_ssl)) return;
    const std::string body =
        nlohmann::json{{"error", {{"code", answer.code}, {"message", answer.message}}}}.dump();
    std::string head = "HTTP/1.1 " + std::to_string(answer.status) + " " + answer.reason +
                       "\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n"
                       "Connection: close\r\nContent-Length: " +
                       std::to_string(body.size()) + "\r\n";
    if (answer.status == 503) head += "Retry-After: 5\r\n";
    const std::string message = head + "\r\n" + body;
    write(message.data(), message.size());
    if (t_refused.what != Refusal::busy) {
      spdlog::info("http refused {} {}: {}", m_remote_ip, answer.status, answer.code);
    }
  }

  bool is_readable() const override {
    return m_off < m_len || (m_ssl != nullptr && SSL_pending(m_ssl) > 0);
  }

  bool is_writable() const override {
    pollfd p{m_fd, POLLOUT, 0};
    return ::poll(&p, 1, static_cast<int>(to_ms(m_limits.io_timeout))) > 0 &&
           (p.revents & (POLLERR | POLLHUP)) == 0;
  }

  ssize_t read(char* ptr, std::size_t size) override {
    if (size == 0) return 0;
    if (m_phase == Phase::answered && !next_request()) return 0;
    switch (m_phase) {
      case Phase::waiting:
      case Phase::head: return read_head(ptr);
      case Phase::body: return read_body(ptr, size);
      case Phase::answered: break;
    }
    return -1;
  }

  ssize_t write(const char* ptr, std::size_t size) override {
    if (m_phase != Phase::answered && !is_interim(ptr, size)) {
      // Whatever of this request's body was not read would be taken for the next request.
      const bool body_unread =
          m_phase != Phase::body || t_refused.what != Refusal::none || m_chunked || m_remaining > 0;
      if (body_unread) m_close = true;
      leave_waiting();
      m_phase = Phase::answered;
      ++m_served;
    }
    std::size_t done = 0;
    while (done < size) {
      const auto deadline = Clock::now() + m_limits.io_timeout;  // no progress for this long
      ssize_t n = 0;
      if (m_ssl != nullptr) {
        n = SSL_write(m_ssl, ptr + done,
                      static_cast<int>(std::min<std::size_t>(size - done, 1 << 30)));
        if (n <= 0) {
          const int error = SSL_get_error(m_ssl, static_cast<int>(n));
          if (error == SSL_ERROR_WANT_WRITE && wait(POLLOUT, deadline)) continue;
          if (error == SSL_ERROR_WANT_READ && wait(POLLIN, deadline)) continue;
          return -1;
        }
      } else {
        n = ::send(m_fd, ptr + done, size - done, MSG_NOSIGNAL);
        if (n < 0) {
          if (errno == EINTR) continue;
          if ((errno == EAGAIN || errno == EWOULDBLOCK) && wait(POLLOUT, deadline)) continue;
          return -1;
        }
      }
      done += static_cast<std::size_t>(n);
    }
    return static_cast<ssize_t>(size);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = m_remote_ip;
    port = m_remote_port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = m_local_ip;
    port = m_local_port;
  }
  socket_t socket() const override { return m_fd; }

 private:
  // waiting: no byte of the next request yet; head: some; body: the head is whole;
  // answered: a status line went out (the next read starts the next request).
  enum class Phase { waiting, head, body, answered };
  static constexpr ssize_t k_timed_out = -2;
  static constexpr ssize_t k_busy = -3;  // too many connections of this address wait

  static long long to_ms(Clock::duration d) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  }

  // A "100 Continue" before the body is no answer to the request.
  bool is_interim(const char* ptr, std::size_t size) const {
    constexpr std::string_view k_continue = "HTTP/1.1 100 ";
    return m_phase == Phase::body && size >= k_continue.size() &&
           std::string_view(ptr, k_continue.size()) == k_continue;
  }

  // Waits until the client sends more of a request head (or of the TLS handshake): 0 when
  // it did, k_timed_out at the deadline, k_busy when the head has taken longer than k_grace
  // in all (however it trickles in) and its address has too many connections waiting.
  ssize_t wait_head(short events) {
    if (!m_registered) {
      const auto grace_end = m_since + k_grace;
      if (Clock::now() < grace_end && wait(events, std::min(m_deadline, grace_end))) return 0;
      if (Clock::now() >= m_deadline || !m_running()) return k_timed_out;
      m_registered = m_waiting.enter(m_remote_ip, m_fd, &m_idle, m_limits.waiting_per_address);
      if (!m_registered) return k_busy;
    }
    return wait(events, m_deadline) ? 0 : k_timed_out;
  }

  void leave_waiting() {
    if (!m_registered) return;
    m_waiting.leave(m_remote_ip, m_fd);
    m_registered = false;
  }

  // After an answer: the connection waits for its next request, or ends.
  bool next_request() {
    if (m_close) return false;
    t_refused = {};
    m_phase = Phase::waiting;
    m_head.clear();
    m_head_lines = 0;
    m_chunked = false;
    m_remaining = 0;
    m_body_read = 0;
    m_idle = true;
    m_since = Clock::now();
    m_deadline = m_since + m_limits.idle_timeout;
    return true;
  }

  // Waits until the socket is ready for `events`, the deadline passes (false) or the server
  // stops (false).
  bool wait(short events, Clock::time_point deadline) const {
    for (;;) {
      const auto left = deadline - Clock::now();
      if (left <= Clock::duration::zero() || !m_running()) return false;
      pollfd p{m_fd, events, 0};
      const int r =
          ::poll(&p, 1, static_cast<int>(to_ms(std::min<Clock::duration>(left, k_poll_slice))) + 1);
      if (r > 0) return true;
      if (r < 0 && errno != EINTR) return false;
    }
  }

  // Up to `size` bytes from the connection: 0 at its end, -1 on an error, k_timed_out, or
  // k_busy (see wait_head). A body's read waits until `deadline`, a head's until m_deadline.
  ssize_t receive(char* ptr, std::size_t size, bool head, Clock::time_point deadline = {}) {
    const auto wait_more = [&](short events) -> ssize_t {
      if (head) return wait_head(events);
      return wait(events, deadline) ? 0 : k_timed_out;
    };
    if (m_off == m_len) {
      ssize_t n = 0;
      for (;;) {
        if (m_ssl != nullptr) {
          n = SSL_read(m_ssl, m_buffer.data(), static_cast<int>(m_buffer.size()));
          if (n > 0) break;
          const int error = SSL_get_error(m_ssl, static_cast<int>(n));
          if (error == SSL_ERROR_ZERO_RETURN) return 0;
          if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
            if (const ssize_t w = wait_more(error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT)) {
              return w;
            }
            continue;
          }
          return -1;
        }
        n = ::recv(m_fd, m_buffer.data(), m_buffer.size(), 0);
        if (n >= 0) break;
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
        if (const ssize_t w = wait_more(POLLIN)) return w;
      }
      if (n == 0) return 0;
      m_off = 0;
      m_len = static_cast<std::size_t>(n);
    }
    const std::size_t n = std::min(size, m_len - m_off);
    std::memcpy(ptr, m_buffer.data() + m_off, n);
    m_off += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t refuse(Refusal what, std::uint64_t limit = 0) {
    t_refused = {what, limit};
    m_close = true;
    return -1;
  }

  // One byte of the head at a time, so that the head's end is seen exactly.
  ssize_t read_head(char* ptr) {
    const ssize_t n = receive(ptr, 1, true);
    if (n == k_timed_out || n == k_busy) {
      // A kept-alive connection without a request just ends; a new connection or a request
      // begun is answered.
      if (m_phase == Phase::waiting && m_served > 0) return 0;
      return refuse(n == k_busy ? Refusal::busy : Refusal::head_timeout);
    }
    if (n <= 0) return n;
    if (m_phase == Phase::waiting) {
      m_phase = Phase::head;
      m_idle = false;
      m_deadline = Clock::now() + m_limits.head_timeout;
    }
    m_head.push_back(*ptr);
    if (m_head.size() > m_limits.head_max_bytes) return refuse(Refusal::head_too_large);
    // The request line, the header lines and the empty line that ends them.
    if (*ptr == '\n' && ++m_head_lines > m_limits.head_max_lines + 2) {
      return refuse(Refusal::head_too_large);
    }
    if (m_head.ends_with("\r\n\r\n")) begin_body();
    return n;
  }

  // The head is whole: what body follows, and how much of it this route takes.
  void begin_body() {
    leave_waiting();
    m_phase = Phase::body;
    std::string_view head = m_head;
    const std::string_view request_line = head.substr(0, head.find("\r\n"));
    const std::string_view method = request_line.substr(0, request_line.find(' '));
    std::string_view target = request_line.substr(std::min(request_line.size(), method.size() + 1));
    target = target.substr(0, target.find_first_of(" ?"));
    std::string_view length;
    std::string_view coding;
    bool have_length = false;
    bool have_coding = false;
    // As httplib reads them: the first of each header counts.
    for (std::size_t at = request_line.size() + 2; at < head.size();) {
      const std::size_t end = head.find("\r\n", at);
      const std::string_view line = head.substr(at, end - at);
      at = end + 2;
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      const std::string_view name = line.substr(0, colon);
      if (!have_length && iequals(name, "Content-Length")) {
        length = trimmed(line.substr(colon + 1));
        have_length = true;
      } else if (!have_coding && iequals(name, "Transfer-Encoding")) {
        coding = trimmed(line.substr(colon + 1));
        have_coding = true;
      }
    }
    m_body_limit = m_limits.body_limit ? m_limits.body_limit(method, target) : 0;
    m_chunked = iequals(coding, "chunked");
    if (!m_chunked && have_length) {
      m_remaining = std::strtoull(std::string(length).c_str(), nullptr, 10);
      if (m_remaining > m_body_limit) refuse(Refusal::body_too_large, m_body_limit);
    }
  }

  ssize_t read_body(char* ptr, std::size_t size) {
    if (t_refused.what != Refusal::none) return -1;
    if (!m_chunked) {
      // Without a length or chunks a request has no body (RFC 9112 6.3).
      if (m_remaining == 0) return 0;
      size = static_cast<std::size_t>(std::min<std::uint64_t>(size, m_remaining));
    }
    const ssize_t n = receive(ptr, size, false, Clock::now() + m_limits.io_timeout);
    if (n <= 0) return n == k_timed_out ? -1 : n;
    m_body_read += static_cast<std::uint64_t>(n);
    if (m_chunked) {
      // The chunks' framing counts too: a little over the route's limit.
      if (m_body_read > m_body_limit + m_body_limit / 8 + 4096) {
        return refuse(Refusal::body_too_large, m_body_limit);
      }
    } else {
      m_remaining -= static_cast<std::uint64_t>(n);
    }
    return n;
  }

  const int m_fd;
  const ConnectionLimits& m_limits;
  ConnectionGuard::Registry& m_waiting;
  const std::function<bool()>& m_running;
  SSL* m_ssl = nullptr;
  std::string m_remote_ip;
  int m_remote_port = 0;
  std::string m_local_ip;
  int m_local_port = 0;

  std::array<char, 16 * 1024> m_buffer{};
  std::size_t m_off = 0;
  std::size_t m_len = 0;

  Phase m_phase = Phase::waiting;
  std::atomic<bool> m_idle{true};
  bool m_registered = false;
  bool m_close = false;
  int m_served = 0;              // requests answered
  Clock::time_point m_since;     // the head awaited has been awaited since
  Clock::time_point m_deadline;  // of the head awaited
  std::string m_head;
  int m_head_lines = 0;
  bool m_chunked = false;
  std::uint64_t m_remaining = 0;  // of a body with a Content-Length
  std::uint64_t m_body_read = 0;
  std::uint64_t m_body_limit = 0;
};

// httplib's Server (or SSLServer) with each connection served by a ConnectionGuard.
template <typename Base>
class GuardedServer final : public Base {
 public:
  template <typename... Args>
  explicit GuardedServer(ConnectionGuard& guard, Args&&... args)
      : Base(std::forward<Args>(args)...), m_guard(guard) {}

 private:
  bool process_and_close_socket(socket_t sock) override {
    SSL_CTX* tls = nullptr;
    if constexpr (std::is_base_of_v<httplib::SSLServer, Base>) tls = this->ssl_context();
    m_guard.serve(
        sock, tls,
        [this](httplib::Stream& stream, bool close_after, bool& closed) {
          return this->process_request(stream, close_after, closed, nullptr);
        },
        // stop() closes the listening socket first; is_running() turns false only after
        // every connection has ended.
        [this] { return this->svr_sock_ != INVALID_SOCKET; });
    return true;
  }

  ConnectionGuard& m_guard;
};

}  // namespace

std::unique_ptr<httplib::Server> make_guarded_server(ConnectionGuard& guard,
                                                     const std::string& cert_file,
                                                     const std::string& key_file) {
  if (cert_file.empty()) return std::make_unique<GuardedServer<httplib::Server>>(guard);
  return std::make_unique<GuardedServer<httplib::SSLServer>>(guard, cert_file.c_str(),
                                                             key_file.c_str());
}

ConnectionGuard::ConnectionGuard(ConnectionLimits limits)
    : m_limits(std::move(limits)), m_waiting(std::make_unique<Registry>()) {}

ConnectionGuard::~ConnectionGuard() = default;

void ConnectionGuard::serve(int sock, SSL_CTX* tls, const Process& process,
                            const std::function<bool()>& running) {
  ::fcntl(sock, F_SETFL, ::fcntl(sock, F_GETFL) | O_NONBLOCK);
  // Not for the extraction workers this process starts (httplib accepts without CLOEXEC).
  ::fcntl(sock, F_SETFD, ::fcntl(sock, F_GETFD) | FD_CLOEXEC);
  // Headers and body go out in separate writes: with Nagle's algorithm the body would wait
  // for the client's delayed ACK of the headers, 40 ms on every small answer.
  const int on = 1;
  ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
  {
    GuardedStream stream(sock, m_limits, *m_waiting, running);
    if (stream.open(tls)) {
      for (std::size_t n = m_limits.requests_per_connection; n > 0 && running(); --n) {
        bool closed = false;
        const bool ok = process(stream, n == 1, closed);
        if (m_limits.after_request) m_limits.after_request();
        stream.answer_refusal();
        if (!ok || closed || stream.closing()) break;
      }
    } else {
      stream.answer_refusal();
    }
  }
  if (t_refused.what != Refusal::none) linger(sock);
  t_refused = {};
  // The connection ends even if a child started meanwhile holds a copy of the descriptor.
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
}

void ConnectionGuard::linger(int sock) {
  ::shutdown(sock, SHUT_WR);
  const auto until = Clock::now() + k_linger;
  std::array<char, 16 * 1024> sink{};
  for (std::size_t dropped = 0; dropped < k_linger_bytes;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
    pollfd p{sock, POLLIN, 0};
    if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) return;
    const ssize_t n = ::recv(sock, sink.data(), sink.size(), 0);
    if (n <= 0) return;
    dropped += static_cast<std::size_t>(n);
  }
}

}  // namespace naskah::web
