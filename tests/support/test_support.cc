#include "test_support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>

namespace naskah::test {
namespace fs = std::filesystem;

std::string source_path(const std::string& relative) {
  return std::string(NASKAH_SOURCE_DIR) + "/" + relative;
}

bool have_shared() {
  return fs::is_directory(std::string(NASKAH_SHARED_DIR) + "/corpus");
}

std::string shared_path(const std::string& relative) {
  if (!have_shared()) {
    throw std::runtime_error("the test material " + std::string(NASKAH_SHARED_DIR) +
                             "/corpus is missing: check out ../shared beside the repository");
  }
  return std::string(NASKAH_SHARED_DIR) + "/" + relative;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> list_files(const std::string& folder) {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.is_regular_file()) files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool under_sanitizer() {
#if defined(__SANITIZE_ADDRESS__)
  return true;
#else
  return false;
#endif
}

namespace {

void drain(int fd, std::string& into, bool& open) {
  std::array<char, 65536> buffer{};
  const ssize_t n = ::read(fd, buffer.data(), buffer.size());
  if (n > 0) {
    into.append(buffer.data(), static_cast<std::size_t>(n));
  } else {
    open = false;
  }
}

// What a child is started with, made before fork: a test that starts processes from two
// threads (a search while a reindex runs) must not allocate in the child, where another
// thread may have held the allocator's lock at the fork (the child would hang before exec,
// holding the other run's pipes open).
struct Exec {
  explicit Exec(const std::vector<std::string>& args) : m_args(args) {
    for (std::string& a : m_args) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (char** e = environ; *e != nullptr; ++e) {
      if (!std::string_view(*e).starts_with("OMP_THREAD_LIMIT=")) m_env.emplace_back(*e);
    }
    m_env.emplace_back("OMP_THREAD_LIMIT=1");
    for (std::string& e : m_env) envp.push_back(e.data());
    envp.push_back(nullptr);
  }
  std::vector<char*> argv;
  std::vector<char*> envp;

 private:
  std::vector<std::string> m_args;
  std::vector<std::string> m_env;
};

// Only async-signal-safe calls from here to exec.
[[noreturn]] void exec_child(const Exec& exec, int out_fd, int err_fd, const rlimit* limit,
                             pid_t parent) {
  // Dies with the test: a test killed by ctest's timeout or by a crash must leave no
  // server behind (a xapian-tcpsrv once outlived its test by an hour). Kept across exec;
  // setsid execs in place, so the server itself gets it.
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (::getppid() != parent) ::_exit(127);  // the test ended before prctl
  ::dup2(out_fd, 1);
  ::dup2(err_fd, 2);
  if (limit != nullptr) ::setrlimit(RLIMIT_AS, limit);
  ::execve(exec.argv[0], exec.argv.data(), exec.envp.data());
  ::_exit(127);
}

}  // namespace

RunResult run(const std::vector<std::string>& args, int timeout_seconds, int memory_mb) {
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }
  const auto started = std::chrono::steady_clock::now();
  const Exec exec(args);
  const rlim_t bytes = static_cast<rlim_t>(memory_mb) * 1024 * 1024;
  const rlimit limit{bytes, bytes};
  const bool limited = memory_mb > 0 && !under_sanitizer();
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) exec_child(exec, out_pipe[1], err_pipe[1], limited ? &limit : nullptr, parent);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);

  RunResult result;
  bool out_open = true;
  bool err_open = true;
  const auto deadline = started + std::chrono::seconds(timeout_seconds);
  while (out_open || err_open) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      ::kill(pid, SIGKILL);
      break;
    }
    std::array<pollfd, 2> fds{pollfd{out_open ? out_pipe[0] : -1, POLLIN, 0},
                              pollfd{err_open ? err_pipe[0] : -1, POLLIN, 0}};
    if (::poll(fds.data(), fds.size(), static_cast<int>(std::min<long long>(left.count(), 1000))) <
        0) {
      continue;
    }
    if (out_open && fds[0].revents != 0) drain(out_pipe[0], result.out, out_open);
    if (err_open && fds[1].revents != 0) drain(err_pipe[0], result.err, err_open);
  }
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

int spawn(const std::vector<std::string>& args, const std::string& log) {
  const int null_fd = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  const int log_fd =
      log.empty() ? null_fd : ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  const Exec exec(args);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) exec_child(exec, null_fd, log_fd, nullptr, parent);
  if (log_fd != null_fd) ::close(log_fd);
  ::close(null_fd);
  return pid;
}

int wait_exit(int pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

std::string shared_fixture(const std::string& name, const std::string& stamp,
                           const std::function<void(const std::string&)>& make) {
  const fs::path dir = fs::path(NASKAH_BINARY).parent_path().parent_path() / name;
  const int lock = ::open((dir.string() + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock < 0) throw std::runtime_error("cannot open the lock of " + dir.string());
  ::flock(lock, LOCK_EX);
  const auto time = fs::last_write_time(NASKAH_BINARY).time_since_epoch().count();
  const std::string full_stamp =
      std::to_string(fs::file_size(NASKAH_BINARY)) + "-" + std::to_string(time) + "-" + stamp;
  const fs::path ready = dir / "ready";
  if (!fs::exists(ready) || read_text(ready.string()) != full_stamp) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    make(dir.string());
    std::ofstream(ready) << full_stamp;
  }
  ::close(lock);  // releases the lock
  return dir.string();
}

RunResult run_naskah(const std::vector<std::string>& args, int timeout_seconds, int memory_mb) {
  std::vector<std::string> all{NASKAH_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  return run(all, timeout_seconds, memory_mb);
}

namespace {

// UTF-8 to code points; invalid bytes pass through as themselves.
std::vector<char32_t> code_points(const std::string& s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (i + static_cast<std::size_t>(extra) >= s.size()) extra = 0;  // cut short
    char32_t cp = extra == 0 ? c : (c & (0x3F >> extra));
    for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += 1 + static_cast<std::size_t>(extra);
  }
  return out;
}

std::vector<char32_t> fold(const std::string& s) {
  std::vector<char32_t> out;
  bool space = false;
  for (char32_t c : code_points(s)) {
    switch (c) {
      case U'\u2018':
      case U'\u2019': c = U'\''; break;
      case U'\u201C':
      case U'\u201D': c = U'"'; break;
      case U'\u2013':
      case U'\u2014': c = U'-'; break;
      case U'\u00AD': continue;
      case U'\uFB01':
        out.push_back(U'f');
        c = U'i';
        break;  // ligatures, as NFKC does
      case U'\uFB02':
        out.push_back(U'f');
        c = U'l';
        break;
      default: break;
    }
    const bool is_space = c == U' ' || c == U'\n' || c == U'\t' || c == U'\r' || c == U'\f' ||
                          c == U'\v' || c == U'\u00A0';
    if (is_space) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(U' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

double char_error_rate(const std::string& truth, const std::string& text) {
  const auto a = fold(truth);
  const auto b = fold(text);
  if (a.empty()) return b.empty() ? 0.0 : 1.0;
  std::vector<int> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const int above = row[j];
      row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return static_cast<double>(row[b.size()]) / static_cast<double>(a.size());
}

// A port nobody listens on now (the kernel's pick).
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), size);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(fd);
  return ntohs(address.sin_port);
}

bool accepts(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

}  // namespace naskah::test
