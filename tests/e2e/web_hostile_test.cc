// `naskah serve` against a hostile client on the open network: oversized and endless bodies
// and headers, slow clients, parallel password guessing, forged log lines, a spoofed Host.
// Each attack gets its 4xx at once, /healthz answers throughout, the memory stays bounded.
// The attackers connect from 127.0.0.2 (any 127.x address is this machine), so the limits
// per address leave the test's own requests from 127.0.0.1 alone.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <map>
#include <mutex>

#include "web_fixture.h"

namespace naskah::web_e2e {
namespace {

using Clock = std::chrono::steady_clock;

const std::string k_attacker = "127.0.0.2";

// One raw TCP connection to the server.
class Raw {
 public:
  Raw(int port, const std::string& source = k_attacker) : m_fd(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in from{};
    from.sin_family = AF_INET;
    ::inet_pton(AF_INET, source.c_str(), &from.sin_addr);
    ::bind(m_fd, reinterpret_cast<sockaddr*>(&from), sizeof from);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    m_connected = ::connect(m_fd, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0;
    const timeval two_seconds{2, 0};
    ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &two_seconds, sizeof two_seconds);
  }
  ~Raw() { ::close(m_fd); }
  Raw(const Raw&) = delete;
  Raw& operator=(const Raw&) = delete;

  [[nodiscard]] bool connected() const { return m_connected; }

  // False once the server stopped taking what is sent.
  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Whether the server has answered (or closed) within `wait`.
  [[nodiscard]] bool answered(std::chrono::milliseconds wait = 0ms) const {
    pollfd p{m_fd, POLLIN, 0};
    return ::poll(&p, 1, static_cast<int>(wait.count())) > 0;
  }

  // Sends `head` and then `body_size` bytes of body, `chunk` at a time, stopping early when
  // the server answers. Returns how much of the body went out.
  std::uint64_t send_body(std::uint64_t body_size, std::size_t chunk = 64 * 1024) {
    const std::string block(chunk, 'a');
    std::uint64_t sent = 0;
    while (
        sent < body_size && !answered() &&
        send(std::string_view(block).substr(0, std::min<std::uint64_t>(chunk, body_size - sent)))) {
      sent += std::min<std::uint64_t>(chunk, body_size - sent);
    }
    return sent;
  }

  // What the server sent until it closed the connection or `wait` passed.
  std::string answer(std::chrono::milliseconds wait = 5000ms) {
    std::string text;
    const auto until = Clock::now() + wait;
    std::array<char, 4096> buffer{};
    while (Clock::now() < until) {
      pollfd p{m_fd, POLLIN, 0};
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
      if (::poll(&p, 1, static_cast<int>(std::max<long long>(left, 1))) <= 0) break;
      const ssize_t n = ::recv(m_fd, buffer.data(), buffer.size(), 0);
      if (n <= 0) break;
      text.append(buffer.data(), static_cast<std::size_t>(n));
    }
    return text;
  }

 private:
  int m_fd;
  bool m_connected = false;
};

// 413 from "HTTP/1.1 413 Payload Too Large\r\n...", 0 for no answer.
int status_of(const std::string& answer) {
  return answer.starts_with("HTTP/1.1 ") && answer.size() >= 12 ? std::stoi(answer.substr(9, 3))
                                                                : 0;
}

std::string code_of(const std::string& answer) {
  const auto body = json::parse(answer.substr(std::min(answer.size(), answer.find("\r\n\r\n") + 4)),
                                nullptr, false);
  return body.is_object() && body.contains("error") ? body["error"].value("code", "") : "";
}

std::string login_head(std::uint64_t length, const std::string& extra = "") {
  return "POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
         extra + "Content-Length: " + std::to_string(length) + "\r\n\r\n";
}

std::string login_request(const std::string& user, const std::string& password) {
  const std::string body = json{{"user", user}, {"password", password}}.dump();
  return login_head(body.size(), "Connection: close\r\n") + body;
}

class WebHostile : public WebE2E {
 protected:
  // The most memory `serve` has held (VmHWM), in MiB.
  [[nodiscard]] long peak_mib() const {
    std::ifstream status("/proc/" + std::to_string(m_pid) + "/status");
    for (std::string line; std::getline(status, line);) {
      if (line.starts_with("VmHWM:")) return std::stol(line.substr(6)) / 1024;
    }
    return -1;
  }

  void expect_bounded_memory() const {
    // ASan's shadow memory and quarantine alone take more than the bar.
    if (test::under_sanitizer()) return;
    EXPECT_LT(peak_mib(), 300) << "MiB held by serve at its peak";
  }

  // How long /healthz takes to answer from 127.0.0.1 (a fresh connection each time).
  [[nodiscard]] std::chrono::milliseconds healthz_time() const {
    const auto start = Clock::now();
    Raw raw(m_port, "127.0.0.1");
    raw.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    const std::string answer = raw.answer(10s);
    EXPECT_EQ(status_of(answer), 200) << answer;
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  }

  [[nodiscard]] static std::chrono::milliseconds prompt() {
    return test::under_sanitizer() ? 3000ms : 1000ms;
  }
};

TEST_F(WebHostile, OversizedBodiesAreRefusedBeforeTheyAreRead) {
  start_server();
  // A 99 MB JSON body to /api/login: the limit of JSON is 64 KiB.
  {
    Raw raw(m_port);
    const auto start = Clock::now();
    ASSERT_TRUE(raw.send(login_head(99'000'000)));
    const std::uint64_t sent = raw.send_body(99'000'000);
    const std::string answer = raw.answer();
    EXPECT_EQ(status_of(answer), 413) << answer;
    EXPECT_EQ(code_of(answer), "input.too-large");
    EXPECT_NE(answer.find("64 KiB"), std::string::npos) << answer;
    EXPECT_LT(sent, 20'000'000u) << "the server read on after refusing";
    EXPECT_LT(Clock::now() - start, 5s);
  }
  // A declared 200 MB with no body sent: 413 at once, not after a read timeout.
  {
    Raw raw(m_port);
    const auto start = Clock::now();
    ASSERT_TRUE(raw.send(login_head(200'000'000)));
    const std::string answer = raw.answer();
    EXPECT_EQ(status_of(answer), 413) << answer;
    EXPECT_LT(Clock::now() - start, prompt());
  }
  // Twenty megabytes of user name, five times.
  for (int i = 0; i < 5; ++i) {
    Raw raw(m_port);
    const std::string body = json{{"user", std::string(20'000'000, 'x')}, {"password", "p"}}.dump();
    raw.send(login_head(body.size()));
    raw.send(body);
    EXPECT_EQ(status_of(raw.answer()), 413);
  }
  // 300 MB in chunks (no Content-Length, so no early answer): cut off after the limit.
  {
    Raw raw(m_port);
    ASSERT_TRUE(raw.send(
        "POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"));
    const std::string chunk = "10000\r\n" + std::string(0x10000, '{') + "\r\n";
    std::uint64_t sent = 0;
    while (sent < 300'000'000 && !raw.answered() && raw.send(chunk)) sent += 0x10000;
    const std::string answer = raw.answer();
    EXPECT_EQ(status_of(answer), 413) << answer;
    EXPECT_LT(sent, 20'000'000u);
  }
  // An upload may be larger than JSON, up to its own limit.
  {
    const auto session = sign_in("opi");
    auto c = client();
    httplib::MultipartFormDataItems items{
        {"file", std::string(200'000, 'a'), "besar.pdf", "application/pdf"}};
    const auto upload = c.Post("/api/upload", as(session), items);
    ASSERT_TRUE(upload);
    EXPECT_NE(upload->status, 413) << upload->body;
  }
  // A POST with neither a length nor chunks has no body: answered at once.
  {
    Raw raw(m_port);
    const auto start = Clock::now();
    raw.send("POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    const std::string answer = raw.answer();
    EXPECT_EQ(status_of(answer), 400) << answer;
    EXPECT_LT(Clock::now() - start, prompt());
  }
  expect_bounded_memory();
  EXPECT_LT(fs::file_size(m_work / "serve.log"), 1'000'000u) << "the log took the body in";
}

TEST_F(WebHostile, EndlessOrManyHeadersAreRefused) {
  start_server();
  {
    // 100 MB of headers: refused after 32 KiB.
    Raw raw(m_port);
    raw.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    const std::string line = "X-Padding: " + std::string(1000, 'p') + "\r\n";
    std::uint64_t sent = 0;
    while (sent < 100'000'000 && !raw.answered() && raw.send(line)) sent += line.size();
    const std::string answer = raw.answer();
    EXPECT_EQ(status_of(answer), 431) << answer.substr(0, 300);
    EXPECT_EQ(code_of(answer), "http.headers-too-large");
    EXPECT_LT(sent, 20'000'000u) << "the server read on after refusing";
  }
  {
    // 500 short header lines: more than the 100 allowed.
    Raw raw(m_port);
    std::string head = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (int i = 0; i < 500; ++i) head += "X-" + std::to_string(i) + ": 1\r\n";
    raw.send(head + "\r\n");
    EXPECT_EQ(status_of(raw.answer()), 431);
  }
  {
    // One request line of 1 MB.
    Raw raw(m_port);
    raw.send("GET /" + std::string(1'000'000, 'a') + " HTTP/1.1\r\n\r\n");
    EXPECT_EQ(status_of(raw.answer()), 431);
  }
  EXPECT_LT(healthz_time(), prompt());
  expect_bounded_memory();
}

TEST_F(WebHostile, SlowClientsCannotTakeTheServerFromOthers) {
  start_server({{"NASKAH_WEB_HEADER_TIMEOUT_SECONDS", "2"}});
  // Twenty connections sending a header line every second, more than the server's share per
  // address; /healthz is asked meanwhile.
  std::vector<std::unique_ptr<Raw>> slow;
  for (int i = 0; i < 20; ++i) {
    slow.push_back(std::make_unique<Raw>(m_port));
    ASSERT_TRUE(slow.back()->connected());
    slow.back()->send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  }
  std::map<int, int> statuses;  // how each slow connection ended
  std::vector<bool> ended(slow.size(), false);
  std::chrono::milliseconds worst{0};
  const auto start = Clock::now();
  while (Clock::now() - start < 4s) {
    for (std::size_t i = 0; i < slow.size(); ++i) {
      if (ended[i]) continue;
      if (slow[i]->answered()) {
        ++statuses[status_of(slow[i]->answer(1000ms))];
        ended[i] = true;
      } else {
        slow[i]->send("X-Slow: 1\r\n");
      }
    }
    worst = std::max(worst, healthz_time());
    std::this_thread::sleep_for(500ms);
  }
  EXPECT_LT(worst, prompt()) << "the slowest /healthz while 20 clients trickled headers";
  for (std::size_t i = 0; i < slow.size(); ++i) {
    if (!ended[i]) ++statuses[status_of(slow[i]->answer(3000ms))];
  }
  // Those beyond the address's share (8) were sent away (503), the others ended at the
  // timeout (408). When the refusals come close to the timeout, a place it frees takes in
  // another, which then times out too: so at least some 503s, and every client ended.
  EXPECT_EQ(statuses[503] + statuses[408], 20) << "each slow client ended with 503 or 408";
  EXPECT_GE(statuses[503], 4) << "busy; 408: " << statuses[408] << ", none: " << statuses[0];
  EXPECT_GE(statuses[408], 8) << "timed out";
  // An idle kept-alive connection gives way to new ones from its address.
  std::vector<std::unique_ptr<Raw>> idle;
  for (int i = 0; i < 10; ++i) {
    idle.push_back(std::make_unique<Raw>(m_port));
    idle.back()->send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    EXPECT_EQ(status_of(idle.back()->answer(600ms)), 200);  // then idle past the grace
  }
  expect_bounded_memory();
}

TEST_F(WebHostile, ParallelGuessesGetExactlyTheAllowedChecksAndLockOutNoOneElse) {
  start_server();
  constexpr int k_guesses = 30;
  std::vector<std::thread> threads;
  std::atomic<int> ready{0};
  std::mutex mutex;
  std::map<int, int> statuses;
  for (int i = 0; i < k_guesses; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready < k_guesses) std::this_thread::yield();
      Raw guess(m_port);
      guess.send(login_request("vera", "tebakan-" + std::to_string(i)));
      const int status = status_of(guess.answer(60s));
      std::lock_guard<std::mutex> guard(mutex);
      ++statuses[status];
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(statuses[401], 5) << "passwords checked";
  EXPECT_EQ(statuses[429], k_guesses - 5) << "refused unchecked";
  // vera is locked out from the guessing address only.
  Raw again(m_port);
  again.send(login_request("vera", "sandi-rahasia-vera"));
  EXPECT_EQ(status_of(again.answer()), 429);
  const auto session = sign_in("vera");  // from 127.0.0.1
  EXPECT_FALSE(session.first.empty());
}

TEST_F(WebHostile, NoClientCanForgeALogLine) {
  start_server();
  for (const std::string& name : std::vector<std::string>{
           "x\nFORGED sign-in ok for adi", "x\r\nFORGED line", "\x1b[2Jx\u2028FORGED"}) {
    Raw raw(m_port);
    raw.send(login_request(name, "salah"));
    EXPECT_EQ(status_of(raw.answer()), 401);
  }
  Raw path(m_port);
  path.send("GET /api/x%0aFORGED%0d%0a HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  EXPECT_GT(status_of(path.answer()), 0);
  stop_server();
  std::istringstream log(test::read_text((m_work / "serve.log").string()));
  for (std::string line; std::getline(log, line);) {
    EXPECT_FALSE(line.starts_with("FORGED")) << line;
    EXPECT_EQ(line.find('\x1b'), std::string::npos) << line;
  }
}

TEST_F(WebHostile, OnlyTheServersOwnNamesAreAnswered) {
  start_server({{"NASKAH_WEB_ALLOWED_HOSTS", "naskah.example.go.id,*.kanwil.example.go.id"}});
  const auto ask = [&](const std::string& host, const std::string& origin = "") {
    Raw raw(m_port, "127.0.0.1");
    std::string head = "GET /healthz HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n";
    if (!origin.empty()) head += "Origin: " + origin + "\r\n";
    raw.send(head + "\r\n");
    return raw.answer();
  };
  // DNS rebinding: a page on evil.example whose name now points at this server.
  const std::string evil = ask("evil.example:" + std::to_string(m_port), "http://evil.example");
  EXPECT_EQ(status_of(evil), 421) << evil;
  EXPECT_EQ(code_of(evil), "http.host");
  Raw post(m_port, "127.0.0.1");
  const std::string body = json{{"user", "vera"}, {"password", "sandi-rahasia-vera"}}.dump();
  post.send(
      "POST /api/login HTTP/1.1\r\nHost: evil.example\r\nOrigin: http://evil.example\r\n"
      "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(status_of(post.answer()), 421);
  for (const std::string& host : std::vector<std::string>{
           "naskah.example.go.id", "NASKAH.example.go.id:8080", "jateng.kanwil.example.go.id",
           "127.0.0.1:1", "[::1]:80", "localhost:" + std::to_string(m_port)}) {
    EXPECT_EQ(status_of(ask(host)), 200) << host;
  }
  EXPECT_EQ(status_of(ask("kanwil.example.go.id.evil.example")), 421);
}

TEST_F(WebHostile, HttpsCarriesHstsAndTheSameLimits) {
  const std::string cert = (m_work / "cert.pem").string();
  const std::string key = (m_work / "key.pem").string();
  const auto made =
      test::run({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj",
                 "/CN=127.0.0.1", "-days", "2", "-keyout", key, "-out", cert});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  start_server({{"NASKAH_WEB_TLS_CERT", cert},
                {"NASKAH_WEB_TLS_KEY", key},
                {"NASKAH_WEB_HEADER_TIMEOUT_SECONDS", "2"}});
  httplib::SSLClient c("127.0.0.1", m_port);
  c.enable_server_certificate_verification(false);
  const auto health = c.Get("/healthz");
  ASSERT_TRUE(health) << httplib::to_string(health.error());
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(health->get_header_value("Strict-Transport-Security"), "max-age=31536000");
  const auto big = c.Post("/api/login", std::string(100'000, '{'), "application/json");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  // A client that opens TLS and says nothing holds no thread for long.
  Raw silent(m_port);
  EXPECT_TRUE(silent.answered(10s)) << "a silent TLS client was never let go";
}

}  // namespace
}  // namespace naskah::web_e2e
