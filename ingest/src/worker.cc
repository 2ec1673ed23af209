#include "naskah/ingest/worker.h"

#include <fcntl.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <memory>
#include <new>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "naskah/core/file.h"
#include "naskah/extract/parser.h"
#include "naskah/extract/record_builder.h"

extern char** environ;

namespace naskah::ingest {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

json options_to_json(const extract::Options& o) {
  return {{"workers", o.workers},
          {"languages", o.languages},
          {"tessdata_dir", o.tessdata_dir},
          {"ocr_dpi", o.ocr_dpi},
          {"deskew", o.deskew},
          {"orientation", o.orientation},
          {"max_pages", o.max_pages},
          {"max_page_pixels", o.max_page_pixels},
          {"timeout_ms", o.timeout.count()}};
}

extract::Options options_from_json(const json& j) {
  extract::Options o;
  o.workers = j.at("workers").get<int>();
  o.languages = j.at("languages").get<std::string>();
  o.tessdata_dir = j.at("tessdata_dir").get<std::string>();
  o.ocr_dpi = j.at("ocr_dpi").get<int>();
  o.deskew = j.at("deskew").get<bool>();
  o.orientation = j.at("orientation").get<bool>();
  o.max_pages = j.at("max_pages").get<int>();
  o.max_page_pixels = j.at("max_page_pixels").get<std::uint64_t>();
  o.timeout = std::chrono::milliseconds(j.at("timeout_ms").get<std::int64_t>());
  return o;
}

// Writes all of `line` and a newline; false if the other side is gone. MSG_NOSIGNAL: a
// dead peer is an error to handle, not a SIGPIPE that ends this process. `pass` (if not -1)
// travels with the first byte, as SCM_RIGHTS: the other side receives its own descriptor.
bool send_line(int fd, std::string line, int pass = -1) {
  line += '\n';
  std::size_t sent = 0;
  while (sent < line.size()) {
    ssize_t n = 0;
    if (pass >= 0 && sent == 0) {
      iovec io{line.data(), line.size()};
      alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
      msghdr message{};
      message.msg_iov = &io;
      message.msg_iovlen = 1;
      message.msg_control = control;
      message.msg_controllen = sizeof control;
      cmsghdr* header = CMSG_FIRSTHDR(&message);
      header->cmsg_level = SOL_SOCKET;
      header->cmsg_type = SCM_RIGHTS;
      header->cmsg_len = CMSG_LEN(sizeof(int));
      std::memcpy(CMSG_DATA(header), &pass, sizeof(int));
      n = ::sendmsg(fd, &message, MSG_NOSIGNAL);
    } else {
      n = ::send(fd, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
    }
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

enum class ReadStatus { line, closed, timed_out };

// Reads up to the next newline into `line`, keeping what follows in `buffer`; waits until
// `deadline` at most (no deadline: Clock::time_point::max()). A descriptor that comes with
// the bytes goes into `received` (when given; else it is closed).
ReadStatus read_line(int fd, std::string& buffer, std::string& line, Clock::time_point deadline,
                     Fd* received = nullptr) {
  for (;;) {
    if (const auto end = buffer.find('\n'); end != std::string::npos) {
      line = buffer.substr(0, end);
      buffer.erase(0, end + 1);
      return ReadStatus::line;
    }
    int wait_ms = -1;
    if (deadline != Clock::time_point::max()) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return ReadStatus::timed_out;
      wait_ms = static_cast<int>(std::min<std::int64_t>(left.count(), 60'000));
    }
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, wait_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return ReadStatus::closed;
    if (ready == 0) continue;  // re-checks the deadline
    char chunk[65536];
    iovec io{chunk, sizeof chunk};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))];
    msghdr message{};
    message.msg_iov = &io;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    const ssize_t n = ::recvmsg(fd, &message, MSG_CMSG_CLOEXEC);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return ReadStatus::closed;
    for (cmsghdr* h = CMSG_FIRSTHDR(&message); h != nullptr; h = CMSG_NXTHDR(&message, h)) {
      if (h->cmsg_level != SOL_SOCKET || h->cmsg_type != SCM_RIGHTS) continue;
      int passed = -1;
      std::memcpy(&passed, CMSG_DATA(h), sizeof(int));
      if (received != nullptr) {
        received->reset(passed);
      } else {
        ::close(passed);
      }
    }
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
}

using ordered_json = nlohmann::ordered_json;

ordered_json error_json(const Error& e) {
  return {{"error", {{"code", e.code}, {"message", e.message}}}};
}

double cpu_seconds_used() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// The CPU limit counts the process's whole life: allow `seconds` more than used so far.
// Past the soft limit the kernel sends SIGXCPU, which ends the worker.
void limit_cpu_for_next_file(std::int64_t seconds) {
  rlimit limit{};
  ::getrlimit(RLIMIT_CPU, &limit);
  limit.rlim_cur = static_cast<rlim_t>(cpu_seconds_used()) + static_cast<rlim_t>(seconds) + 1;
  if (limit.rlim_max != RLIM_INFINITY && limit.rlim_cur > limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
  }
  if (::setrlimit(RLIMIT_CPU, &limit) != 0) {
    spdlog::warn("worker: could not set the CPU limit: {}", std::strerror(errno));
  }
}

void limit_memory(std::uint64_t bytes) {
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer reserves terabytes of address space for its shadow memory.
  (void)bytes;
#else
  if (bytes == 0) return;
  const rlimit limit{static_cast<rlim_t>(bytes), static_cast<rlim_t>(bytes)};
  if (::setrlimit(RLIMIT_AS, &limit) != 0) {
    spdlog::warn("worker: could not set the memory limit: {}", std::strerror(errno));
  }
#endif
}

// `bytes` in a memory file sealed against any change (memfd_create, F_ADD_SEALS).
Result<std::unique_ptr<Fd>> sealed_copy(std::string_view bytes) {
  auto fd = std::make_unique<Fd>(::memfd_create("naskah-file", MFD_CLOEXEC | MFD_ALLOW_SEALING));
  auto failed = [](const char* doing) {
    return fail(codes::k_extract_crashed,
                std::string("could not hand the file to the extraction worker (") + doing +
                    "): " + std::strerror(errno));
  };
  if (fd->get() < 0) return failed("memfd_create");
  if (!write_all(fd->get(), bytes)) return failed("write");
  if (::fcntl(fd->get(), F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) !=
      0) {
    return failed("seal");
  }
  return fd;
}

// The worker's view of the file it was handed: mapped read-only, never copied.
class Mapped {
 public:
  static Result<Mapped> of(int fd, std::uint64_t size) {
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0 || static_cast<std::uint64_t>(st.st_size) != size) {
      return fail(codes::k_internal, "the file did not reach the extraction worker whole");
    }
    if (size == 0) return Mapped(nullptr, 0);
    void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (data == MAP_FAILED) {
      return fail(
          codes::k_extract_crashed,
          std::string("the extraction worker could not map the file: ") + std::strerror(errno));
    }
    return Mapped(data, size);
  }
  Mapped(Mapped&& other) noexcept
      : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)) {}
  Mapped& operator=(Mapped&&) = delete;
  Mapped(const Mapped&) = delete;
  Mapped& operator=(const Mapped&) = delete;
  ~Mapped() {
    if (m_data != nullptr) ::munmap(m_data, m_size);
  }
  [[nodiscard]] std::string_view bytes() const {
    return {static_cast<const char*>(m_data), m_size};
  }

 private:
  Mapped(void* data, std::size_t size) : m_data(data), m_size(size) {}
  void* m_data;
  std::size_t m_size;
};

// The worker's {"error": {code, message}} answer, about `path`; nullopt for any other answer.
// Throws json::exception on a malformed one.
std::optional<Error> refusal_in(const json& answer, const std::string& path) {
  if (!answer.contains("error")) return std::nullopt;
  const json& e = answer.at("error");
  return Error{e.at("code").get<std::string>(), e.at("message").get<std::string>(), path};
}

std::string describe_end(int status) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    return std::string("signal ") + std::to_string(sig) + " (" + ::strsignal(sig) + ")";
  }
  if (WIFEXITED(status)) return "exit code " + std::to_string(WEXITSTATUS(status));
  return "status " + std::to_string(status);
}

}  // namespace

// ---- the parent's side --------------------------------------------------------------------

WorkerProcess::WorkerProcess(std::vector<std::string> command, extract::Options extract,
                             WorkerLimits limits, std::string today)
    : m_command(std::move(command)),
      m_extract(std::move(extract)),
      m_limits(limits),
      m_today(std::move(today)) {}

WorkerProcess::~WorkerProcess() {
  stop();
}

Result<void> WorkerProcess::start() {
  int sockets[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0) {
    return fail(codes::k_extract_crashed,
                std::string("could not start an extraction worker: ") + std::strerror(errno));
  }
  // Everything the child needs is made before fork: after it, only async-signal-safe calls.
  std::vector<char*> argv;
  for (std::string& arg : m_command) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_storage{"OMP_THREAD_LIMIT=1"};
  for (char** e = environ; *e != nullptr; ++e) {
    if (!std::string_view(*e).starts_with("OMP_THREAD_LIMIT=")) env_storage.emplace_back(*e);
  }
  std::vector<char*> envp;
  for (std::string& e : env_storage) envp.push_back(e.data());
  envp.push_back(nullptr);
  const pid_t parent = ::getpid();
  const int nice = std::clamp(m_limits.nice, 0, 19);

  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(sockets[0]);
    ::close(sockets[1]);
    return fail(codes::k_extract_crashed,
                std::string("could not start an extraction worker: ") + std::strerror(errno));
  }
  if (pid == 0) {
    // The worker dies with the daemon: no orphan keeps OCRing after a kill -9.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(1);
    ::dup2(sockets[1], STDIN_FILENO);
    ::dup2(sockets[1], STDOUT_FILENO);
    if (nice > 0) ::setpriority(PRIO_PROCESS, 0, ::getpriority(PRIO_PROCESS, 0) + nice);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(sockets[1]);
  m_pid = pid;
  m_to_worker = sockets[0];
  m_from_worker = sockets[0];
  m_buffer.clear();
  const json hello = {{"extract", options_to_json(m_extract)},
                      {"memory_mb", m_limits.memory_bytes / (1024 * 1024)},
                      {"today", m_today}};
  if (!send_line(m_to_worker, hello.dump())) {
    const std::string how = reap(true);
    return fail(codes::k_extract_crashed, "an extraction worker did not start (" + how + ")");
  }
  spdlog::debug("extraction worker {} started", m_pid);
  return {};
}

std::string WorkerProcess::reap(bool kill_first) {
  if (m_pid < 0) return "not running";
  if (kill_first) ::kill(m_pid, SIGKILL);
  ::close(m_to_worker);
  m_to_worker = m_from_worker = -1;
  int status = 0;
  while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
  }
  const pid_t pid = m_pid;
  m_pid = -1;
  m_buffer.clear();
  if (!kill_first && WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU) return "SIGXCPU";
  const std::string how = describe_end(status);
  spdlog::debug("extraction worker {} ended: {}", pid, how);
  return how;
}

void WorkerProcess::stop() {
  if (m_pid < 0) return;
  ::shutdown(m_to_worker, SHUT_WR);  // end of input: the worker exits by itself
  pollfd p{m_from_worker, POLLIN, 0};
  ::poll(&p, 1, 5000);
  reap(true);
}

// One request and its answer: the worker (re)started as needed, the answer awaited until
// the wall-clock limit.
struct WorkerProcess::Exchange {
  enum class Failure { none, not_started, unreachable, timed_out, out_of_cpu, died, garbled };
  Failure failure = Failure::none;
  Error start_error;  // not_started
  std::string how;    // died, garbled: how the worker ended, or what was wrong
  json answer;        // none
};

WorkerProcess::Exchange WorkerProcess::exchange(const std::string& request, int pass,
                                                Fd* received) {
  Exchange x;
  // A worker that died between requests is restarted once, silently.
  for (int attempt = 0;; ++attempt) {
    if (m_pid < 0) {
      if (auto started = start(); !started) {
        x.failure = Exchange::Failure::not_started;
        x.start_error = started.error();
        return x;
      }
    }
    if (send_line(m_to_worker, request, pass)) break;
    reap(true);
    if (attempt == 1) {
      x.failure = Exchange::Failure::unreachable;
      return x;
    }
  }
  std::string line;
  switch (
      read_line(m_from_worker, m_buffer, line, Clock::now() + m_limits.wall_per_file, received)) {
    case ReadStatus::line: break;
    case ReadStatus::timed_out:
      reap(true);
      x.failure = Exchange::Failure::timed_out;
      return x;
    case ReadStatus::closed:
      x.how = reap(false);
      x.failure = x.how == "SIGXCPU" ? Exchange::Failure::out_of_cpu : Exchange::Failure::died;
      return x;
  }
  try {
    x.answer = json::parse(line);
  } catch (const json::exception& e) {
    reap(true);
    x.failure = Exchange::Failure::garbled;
    x.how = e.what();
  }
  return x;
}

Result<AgreementRecord> WorkerProcess::extract(const std::string& path, std::string_view bytes) {
  // The bytes travel as a sealed memory file: the worker reads exactly what was taken and
  // hashed, and cannot change it.
  auto sealed = sealed_copy(bytes);
  if (!sealed) return tl::unexpected(sealed.error());
  const json request = {
      {"name", path}, {"bytes", bytes.size()}, {"cpu_seconds", m_limits.cpu_per_file.count()}};
  const Exchange x = exchange(request.dump(), (*sealed)->get(), nullptr);
  switch (x.failure) {
    case Exchange::Failure::none: break;
    case Exchange::Failure::not_started: return tl::unexpected(x.start_error);
    case Exchange::Failure::unreachable:
      return fail(codes::k_extract_crashed, "the extraction worker could not be reached", path);
    case Exchange::Failure::timed_out:
      return fail(codes::k_extract_timeout,
                  "reading this file took longer than " +
                      std::to_string(
                          std::chrono::duration_cast<std::chrono::seconds>(m_limits.wall_per_file)
                              .count()) +
                      " seconds, so it was stopped; split a very long scan into parts or "
                      "raise limits.timeout_seconds",
                  path);
    case Exchange::Failure::out_of_cpu:
      return fail(codes::k_extract_timeout,
                  "reading this file used more than " +
                      std::to_string(m_limits.cpu_per_file.count()) +
                      " seconds of processor time, so it was stopped; split a very long scan "
                      "into parts or raise limits.timeout_seconds",
                  path);
    case Exchange::Failure::died:
      return fail(codes::k_extract_crashed,
                  "the extraction process ended while reading this file (" + x.how +
                      "); the file may be damaged or built to attack readers: open it on a "
                      "safe machine and scan or save it again",
                  path);
    case Exchange::Failure::garbled:
      return fail(codes::k_extract_crashed,
                  "the extraction worker gave an answer that could not be read: " + x.how, path);
  }
  try {
    if (auto refused = refusal_in(x.answer, path)) return tl::unexpected(*refused);
    return record_from_json(x.answer.at("record"));
  } catch (const json::exception& e) {
    reap(true);
    return fail(
        codes::k_extract_crashed,
        std::string("the extraction worker gave an answer that could not be read: ") + e.what(),
        path);
  }
}

Result<std::string> WorkerProcess::render(std::string_view bytes, int index, int dpi,
                                          int rotation) {
  auto sealed = sealed_copy(bytes);
  if (!sealed) return tl::unexpected(sealed.error());
  const json request = {{"render", {{"page", index}, {"dpi", dpi}, {"rotation", rotation}}},
                        {"bytes", bytes.size()},
                        {"cpu_seconds", m_limits.cpu_per_file.count()}};
  Fd png;
  const Exchange x = exchange(request.dump(), (*sealed)->get(), &png);
  const auto seconds = [](auto d) {
    return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(d).count());
  };
  switch (x.failure) {
    case Exchange::Failure::none: break;
    case Exchange::Failure::not_started: return tl::unexpected(x.start_error);
    case Exchange::Failure::timed_out:
    case Exchange::Failure::out_of_cpu:
      return fail(
          codes::k_extract_timeout,
          "drawing this page took longer than " +
              seconds(x.failure == Exchange::Failure::timed_out
                          ? std::chrono::duration_cast<std::chrono::seconds>(m_limits.wall_per_file)
                          : m_limits.cpu_per_file) +
              " seconds, so it was stopped; the file may be built to attack readers; "
              "download the original instead");
    case Exchange::Failure::unreachable:
    case Exchange::Failure::died:
    case Exchange::Failure::garbled:
      return fail(codes::k_extract_crashed,
                  "the page could not be drawn: the drawing process ended (" +
                      (x.how.empty() ? std::string("unreachable") : x.how) +
                      "); the file may be damaged or built to attack readers: download the "
                      "original instead");
  }
  try {
    if (auto refused = refusal_in(x.answer, {})) return tl::unexpected(*refused);
    auto mapped = Mapped::of(png.get(), x.answer.at("png_bytes").get<std::uint64_t>());
    if (!mapped) return tl::unexpected(mapped.error());
    return std::string(mapped->bytes());
  } catch (const json::exception& e) {
    reap(true);
    return fail(
        codes::k_extract_crashed,
        std::string("the drawing worker gave an answer that could not be read: ") + e.what());
  }
}

// ---- the worker's side --------------------------------------------------------------------

int run_worker(int in_fd, int out_fd) {
  // The protocol owns `out_fd`; whatever a library prints on stdout goes to stderr instead.
  const int protocol = ::dup(out_fd);
  if (protocol < 0) return 1;
  if (out_fd == STDOUT_FILENO) ::dup2(STDERR_FILENO, STDOUT_FILENO);
  ::signal(SIGPIPE, SIG_DFL);

  std::string buffer;
  std::string line;
  // A file's descriptor, received with its request (which may arrive in one read with the
  // start message).
  Fd file;
  if (read_line(in_fd, buffer, line, Clock::time_point::max(), &file) != ReadStatus::line) {
    return 0;
  }
  extract::Options options;
  extract::ParseOptions parse_options;
  try {
    const json hello = json::parse(line);
    options = options_from_json(hello.at("extract"));
    parse_options.today = hello.at("today").get<std::string>();
    limit_memory(hello.at("memory_mb").get<std::uint64_t>() * 1024 * 1024);
  } catch (const json::exception& e) {
    spdlog::error("worker: bad start message: {}", e.what());
    return 2;
  }
  // Made on first use: a worker that only draws pages loads no OCR engine.
  std::unique_ptr<extract::Extractor> extractor;
  std::unique_ptr<extract::PageRenderer> renderer;

  while (read_line(in_fd, buffer, line, Clock::time_point::max(), &file) == ReadStatus::line) {
    ordered_json answer;
    bool give_up = false;
    std::unique_ptr<Fd> png;  // a drawn page, passed back with the answer
    try {
      const json request = json::parse(line);
      limit_cpu_for_next_file(request.at("cpu_seconds").get<std::int64_t>());
      auto mapped = Mapped::of(file.get(), request.at("bytes").get<std::uint64_t>());
      file.reset();
      if (!mapped) {
        answer = error_json(mapped.error());
      } else if (const auto render = request.find("render"); render != request.end()) {
        if (!renderer) renderer = std::make_unique<extract::PageRenderer>(options);
        auto drawn = renderer->png(mapped->bytes(), render->at("page").get<int>(),
                                   render->at("dpi").get<int>(), render->at("rotation").get<int>());
        Result<std::unique_ptr<Fd>> sealed =
            drawn ? sealed_copy(*drawn) : tl::unexpected(drawn.error());
        if (!sealed) {
          answer = error_json(sealed.error());
        } else {
          answer = {{"png_bytes", drawn->size()}};
          png = std::move(*sealed);
        }
      } else {
        const std::string name = request.at("name").get<std::string>();
        if (!extractor) extractor = std::make_unique<extract::Extractor>(options);
        if (auto extraction = extractor->extract(mapped->bytes()); !extraction) {
          answer = error_json(extraction.error());
        } else {
          const AgreementRecord record =
              extract::build_record(*extraction, mapped->bytes(), name, parse_options);
          answer = {{"record", to_json(record, true)}};
        }
      }
    } catch (const std::bad_alloc&) {
      // Past the memory limit: answer, then exit, since the engine's state is unknown.
      answer = error_json({codes::k_extract_crashed,
                           "reading this file needed more memory than a worker may use; the "
                           "scan may be built to attack readers, or far too large: scan it "
                           "again at a normal resolution",
                           {}});
      give_up = true;
    } catch (const json::exception& e) {
      answer = error_json({codes::k_internal, std::string("bad request: ") + e.what(), {}});
    }
    if (!send_line(protocol, answer.dump(-1, ' ', false, ordered_json::error_handler_t::replace),
                   png ? png->get() : -1)) {
      break;
    }
    if (give_up) return 3;
  }
  return 0;
}

}  // namespace naskah::ingest
