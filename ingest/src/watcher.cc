#include "naskah/ingest/watcher.h"

#include <fcntl.h>
#include <poll.h>
#include <spdlog/fmt/ranges.h>
#include <spdlog/spdlog.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "naskah/core/file.h"

namespace naskah::ingest {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

struct Job {
  std::string path;
  std::string inbox;
};

// Files waiting for a worker. Bounded: the scanner only hands over what fits, the rest
// waits in the inbox, so 5,000 files dropped at once cost a list of names, no more.
class Queue {
 public:
  explicit Queue(std::size_t limit) : m_limit(limit) {}
  bool has_room() {
    const std::lock_guard lock(m_mutex);
    return m_jobs.size() < m_limit;
  }
  void push(Job job) {
    {
      const std::lock_guard lock(m_mutex);
      m_jobs.push_back(std::move(job));
    }
    m_ready.notify_one();
  }
  // The next job, or nothing once `stop` is set (jobs still queued stay in the inbox).
  std::optional<Job> pop(const std::atomic<bool>& stop) {
    std::unique_lock lock(m_mutex);
    while (m_jobs.empty() && !stop) m_ready.wait_for(lock, std::chrono::milliseconds(200));
    if (stop || m_jobs.empty()) return std::nullopt;
    Job job = std::move(m_jobs.front());
    m_jobs.pop_front();
    return job;
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_ready;
  std::deque<Job> m_jobs;
  std::size_t m_limit;
};

// What the scanner and the dispatchers share: which files are in hand (queued or being
// read) and which must wait before they are tried again.
class Ledger {
 public:
  bool busy(const std::string& path, Clock::time_point now) {
    const std::lock_guard lock(m_mutex);
    if (m_in_hand.contains(path)) return true;
    const auto retry = m_retry_at.find(path);
    if (retry == m_retry_at.end()) return false;
    if (now < retry->second) return true;
    m_retry_at.erase(retry);
    return false;
  }
  void take(const std::string& path) {
    const std::lock_guard lock(m_mutex);
    m_in_hand.insert(path);
  }
  bool nothing_in_hand() {
    const std::lock_guard lock(m_mutex);
    return m_in_hand.empty();
  }
  void release(const std::string& path, std::optional<Clock::time_point> retry_at) {
    const std::lock_guard lock(m_mutex);
    m_in_hand.erase(path);
    if (retry_at) m_retry_at[path] = *retry_at;
  }

 private:
  std::mutex m_mutex;
  std::set<std::string> m_in_hand;
  std::map<std::string, Clock::time_point> m_retry_at;
};

// How a file was last seen: found by a scan (a network share, or there at start), being
// written (inotify saw it created or changed), or closed after writing / moved in.
enum class Seen { scan, writing, closed };

struct Candidate {
  std::string inbox;
  FileStamp stamp;
  Clock::time_point changed_at;
  Seen seen = Seen::scan;
};

constexpr std::uint32_t k_events =
    IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY | IN_ATTRIB | IN_DELETE_SELF;
// A file closed after writing (or moved in) is taken once it has been left alone this long:
// some tools close and reopen a file while they write it.
constexpr std::chrono::milliseconds k_closed_quiet{300};
// A file seen being written but never closed (a hard link, a writer on another machine of a
// share) is taken once unchanged for the settle time plus this.
constexpr std::chrono::seconds k_never_closed{30};
constexpr std::chrono::milliseconds k_tick{200};

class Scanner {
 public:
  Scanner(const WatchOptions& options, Queue& queue, Ledger& ledger)
      : m_options(options), m_queue(queue), m_ledger(ledger) {}
  ~Scanner() {
    if (m_inotify >= 0) ::close(m_inotify);
  }
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  void run(const std::atomic<bool>& stop) {
    m_inotify = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (m_inotify < 0) {
      spdlog::warn("inotify is not available ({}); relying on rescans every {} s",
                   std::strerror(errno), m_options.rescan.count() / 1000);
    }
    auto next_rescan = Clock::now();
    while (!stop) {
      if (m_inotify >= 0) {
        pollfd p{m_inotify, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(k_tick.count())) > 0) read_events();
      } else {
        std::this_thread::sleep_for(k_tick);
      }
      const auto now = Clock::now();
      if (now >= next_rescan || m_rescan_soon) {
        rescan(now);
        next_rescan = now + m_options.rescan;
        m_rescan_soon = false;
      }
      hand_over(now);
      if (m_options.until_idle && m_candidates.empty() && m_ledger.nothing_in_hand()) return;
    }
  }

 private:
  void watch_tree(const std::string& inbox, const std::string& dir) {
    if (m_inotify >= 0) {
      const int wd = ::inotify_add_watch(m_inotify, dir.c_str(), k_events);
      if (wd >= 0) {
        m_watched[wd] = {inbox, dir};
      } else {
        spdlog::warn("cannot watch {}: {}", dir, std::strerror(errno));
      }
    }
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      // A link to a folder is never entered (it is refused as a link, see rescan).
      if (fs::is_directory(entry.symlink_status(ec)) &&
          !ignored_name(entry.path().filename().string())) {
        watch_tree(inbox, entry.path().string());
      }
    }
  }

  void read_events() {
    alignas(inotify_event) char buffer[64 * 1024];
    for (;;) {
      const ssize_t n = ::read(m_inotify, buffer, sizeof buffer);
      if (n <= 0) return;
      for (const char* p = buffer; p < buffer + n;) {
        const auto* event = reinterpret_cast<const inotify_event*>(p);
        p += sizeof(inotify_event) + event->len;
        if (event->mask & IN_Q_OVERFLOW) {
          m_rescan_soon = true;  // events were lost: look at everything
          continue;
        }
        const auto dir = m_watched.find(event->wd);
        if (dir == m_watched.end()) continue;
        if (event->mask & (IN_IGNORED | IN_DELETE_SELF)) {
          m_watched.erase(dir);
          continue;
        }
        if (event->len == 0) continue;
        const std::string name = event->name;
        if (ignored_name(name)) continue;
        const auto& [inbox, folder] = dir->second;
        const std::string path = folder + "/" + name;
        if (event->mask & IN_ISDIR) {
          // A folder created or moved in: watch it, and take what it already holds.
          if (event->mask & (IN_CREATE | IN_MOVED_TO)) {
            watch_tree(inbox, path);
            m_rescan_soon = true;
          }
          continue;
        }
        if (event->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
          note(inbox, path, Seen::closed);
        } else if (event->mask & (IN_CREATE | IN_MODIFY)) {
          note(inbox, path, Seen::writing);
        } else {
          note(inbox, path, std::nullopt);  // attributes changed: wait again, as it was
        }
      }
    }
  }

  // A file was seen (by an event or a scan); `seen`: how, if that says something new.
  void note(const std::string& inbox, const std::string& path, std::optional<Seen> seen) {
    const auto now = Clock::now();
    auto [it, added] = m_candidates.try_emplace(path);
    Candidate& c = it->second;
    if (added) c.inbox = inbox;
    c.stamp = stamp_of(path).value_or(FileStamp{});
    c.changed_at = now;
    if (seen) c.seen = *seen;
    // A link, a pipe or a device is not written and never closed: nothing to wait for.
    if (!c.stamp.regular) c.seen = Seen::closed;
  }

  // Every file of the inboxes not yet known; watches are (re)set on every folder (adding a
  // watch twice keeps one; removed folders drop out by IN_IGNORED).
  void rescan(Clock::time_point now) {
    for (const std::string& inbox : inboxes_of(m_options)) {
      std::error_code ec;
      fs::create_directories(inbox, ec);
      watch_tree(inbox, inbox);
      auto it = fs::recursive_directory_iterator(inbox,
                                                 fs::directory_options::skip_permission_denied, ec);
      for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        // Judged by what each entry is itself: a link (to a file, a folder, the archive, a
        // device, nowhere) is a candidate to be refused, never followed; the iterator
        // enters real folders only.
        const std::string name = it->path().filename().string();
        std::error_code type_ec;
        const bool folder = fs::is_directory(it->symlink_status(type_ec));
        if (ignored_name(name)) {
          if (folder) it.disable_recursion_pending();
          continue;
        }
        const std::string path = it->path().string();
        if (folder || type_ec || m_candidates.contains(path)) continue;
        if (m_ledger.busy(path, now)) continue;
        note(inbox, path, Seen::scan);
      }
    }
  }

  // Hands complete files to the queue while it has room.
  void hand_over(Clock::time_point now) {
    for (auto it = m_candidates.begin(); it != m_candidates.end();) {
      Candidate& c = it->second;
      const std::string& path = it->first;
      const auto stamp = stamp_of(path);  // the entry itself: a dangling link is there too
      if (!stamp) {  // gone (taken away, renamed)
        it = m_candidates.erase(it);
        continue;
      }
      if (!(*stamp == c.stamp)) {
        c.stamp = *stamp;
        c.changed_at = now;
        if (c.seen == Seen::closed) c.seen = Seen::writing;  // written again
      }
      const std::chrono::milliseconds quiet =
          c.seen == Seen::closed    ? std::min(k_closed_quiet, m_options.settle)
          : c.seen == Seen::writing ? m_options.settle + k_never_closed
                                    : m_options.settle;
      if (now - c.changed_at < quiet || m_ledger.busy(path, now)) {
        ++it;
        continue;
      }
      if (!m_queue.has_room()) return;
      m_ledger.take(path);
      m_queue.push({path, c.inbox});
      it = m_candidates.erase(it);
    }
  }

  const WatchOptions& m_options;
  Queue& m_queue;
  Ledger& m_ledger;
  int m_inotify = -1;
  bool m_rescan_soon = false;
  std::unordered_map<int, std::pair<std::string, std::string>> m_watched;  // wd -> inbox, dir
  std::map<std::string, Candidate> m_candidates;  // ordered: older names first
};

std::string one_line(const FileResult& r) {
  std::string line = fs::path(r.path).filename().string() + ": " + to_string(r.outcome);
  if (r.pages > 0) line += ", " + std::to_string(r.pages) + " pages";
  if (!r.text_source.empty()) line += ", " + r.text_source;
  line += fmt::format(", {:.1f} s", r.seconds);
  if (r.error) {
    line +=
        std::string(" — at ") + to_string(r.stage) + ", " + r.error->code + ": " + r.error->message;
  }
  return line;
}

}  // namespace

std::vector<std::string> inboxes_of(const WatchOptions& options) {
  if (!options.inboxes.empty()) return options.inboxes;
  return {options.ingest.data.inbox()};
}

Result<Fetched> fetch_into(Fetcher& fetcher, const std::string& url, const std::string& folder) {
  auto fetched = fetcher.fetch(url, folder);
  if (!fetched) {
    spdlog::warn("fetch {}: {} [{}]", fetched.error().where.empty() ? url : fetched.error().where,
                 fetched.error().message, fetched.error().code);
  } else if (fetched->status == Fetched::Status::not_modified) {
    spdlog::info("fetch {}: not modified since the last download", url);
  } else {
    spdlog::info("fetch {}: {} ({} bytes, {} attempt(s))", url, fetched->file_name, fetched->bytes,
                 fetched->attempts);
  }
  return fetched;
}

std::optional<std::string> office_of(const std::string& inbox, const std::string& path) {
  const fs::path relative = fs::path(path).lexically_relative(inbox);
  if (relative.empty() || *relative.begin() == "..") return std::nullopt;
  auto first = relative.begin();
  if (std::next(first) == relative.end()) return std::nullopt;  // at the top of the inbox
  return printable(first->string());
}

namespace {

// What a crash can leave behind: in failed/, a hidden report or copy, a temporary file of
// write_file_atomic (nothing else writes there); in an inbox, a drop cut short (save_new),
// once it is old enough that no upload can still be writing it.
void sweep_leftovers(const std::string& failed, const std::vector<std::string>& inboxes) {
  std::error_code ec;
  for (fs::directory_iterator it(failed, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.starts_with(".report-") || name.starts_with(".moving-") ||
        name.find(".tmp-") != std::string::npos) {
      spdlog::info("failed/: removing {}, left by an earlier run", printable(name));
      fs::remove(it->path(), ec);
    }
  }
  const auto old = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (const std::string& inbox : inboxes) {
    for (fs::directory_iterator it(inbox, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code time_ec;
      if (it->path().filename().string().starts_with(k_saving_prefix) &&
          fs::last_write_time(it->path(), time_ec) < old && !time_ec) {
        spdlog::info("{}: removing {}, a drop cut short", printable(inbox),
                     printable(it->path().filename().string()));
        fs::remove(it->path(), ec);
      }
    }
  }
}

}  // namespace

namespace {

// The data folder's watcher lock (DataDir::watch_lock), waited for while another process
// holds it (unless `wait` is false: then watch.busy); null when `stop` came first.
Result<std::unique_ptr<Fd>> take_watch_lock(const std::string& path, bool wait,
                                            const std::atomic<bool>& stop) {
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);  // a data folder not made yet
  // O_NOFOLLOW: a link put in its place must not make the watcher truncate another file.
  auto held =
      std::make_unique<Fd>(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644));
  Fd& fd = *held;
  if (fd.get() < 0) {
    return fail(codes::k_io_write,
                std::string("cannot open the watcher lock: ") + std::strerror(errno), path);
  }
  for (bool told = false; ::flock(fd.get(), LOCK_EX | LOCK_NB) != 0;) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      return fail(codes::k_io_write,
                  std::string("cannot lock the watcher lock: ") + std::strerror(errno), path);
    }
    if (!wait) {
      return fail("watch.busy",
                  "another watcher (`naskah watch` or `naskah serve`) takes this data folder's "
                  "inbox and will ingest its files; its process id is in the lock file",
                  path);
    }
    if (!told) {
      spdlog::info(
          "another watcher takes this data folder's inbox (its process id is in {}); "
          "this one takes over when it stops",
          path);
      told = true;
    }
    for (int i = 0; i < 10 && !stop; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (stop) return std::unique_ptr<Fd>();
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd.get(), 0) == 0) (void)!::write(fd.get(), pid.data(), pid.size());
  return held;
}

}  // namespace

Result<WatchStats> watch(const WatchOptions& options, const std::atomic<bool>& stop) {
  // One watcher per data folder: two would take the same files.
  // A run --until-idle does not wait: the other watcher takes the files.
  auto watch_lock = take_watch_lock(options.ingest.data.watch_lock(), !options.until_idle, stop);
  if (!watch_lock) return tl::unexpected(watch_lock.error());
  if (!*watch_lock) return WatchStats{};
  for (const std::string& inbox : inboxes_of(options)) {
    std::error_code ec;
    fs::create_directories(inbox, ec);
    if (ec) return fail(codes::k_io_write, "cannot create the inbox: " + ec.message(), inbox);
  }
  const int workers = options.workers > 0
                          ? options.workers
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  std::atomic<bool> done{false};  // the scanner has returned: take nothing new
  Queue queue(options.queue_limit > 0 ? options.queue_limit
                                      : static_cast<std::size_t>(workers) * 4);
  Ledger ledger;
  WatchStats stats;
  std::mutex report_mutex;
  sweep_leftovers(options.ingest.data.failed(), inboxes_of(options));

  // Each dispatcher hands its files to the pipeline, one at a time: a lane (an isolated
  // worker process) each, and one index writer for all.
  Options pipeline_options = options.ingest;
  pipeline_options.lanes = workers;
  Pipeline pipeline(pipeline_options);
  auto dispatch = [&] {
    while (auto job = queue.pop(done)) {
      const FileResult result =
          pipeline.submit({job->path, job->inbox, office_of(job->inbox, job->path), true});
      std::optional<Clock::time_point> retry_at;
      std::error_code ec;
      if (result.outcome == Outcome::failed && fs::exists(fs::symlink_status(job->path, ec))) {
        retry_at = Clock::now() + options.retry;
      }
      ledger.release(job->path, retry_at);
      const std::lock_guard lock(report_mutex);
      switch (result.outcome) {
        case Outcome::ingested: ++stats.ingested; break;
        case Outcome::present: ++stats.present; break;
        case Outcome::refused: ++stats.refused; break;
        case Outcome::failed: ++stats.failed; break;
      }
      if (result.outcome == Outcome::failed) {
        spdlog::warn("{} (tried again later)", one_line(result));
      } else {
        spdlog::info("{}", one_line(result));
      }
      if (options.on_file) options.on_file(result);
    }
  };

  // The [[fetch.source]] URLs, each when due, into the first inbox (the scanner takes the
  // downloads from there). With until_idle, one round before scanning.
  auto poll_sources = [&](bool once) {
    FetchOptions fetch = options.fetch;
    fetch.state_file = options.ingest.data.fetch_state();
    Fetcher fetcher(fetch);
    std::vector<Clock::time_point> due(options.sources.size(), Clock::now());
    while (!done && !stop) {
      for (std::size_t i = 0; i < options.sources.size() && !stop; ++i) {
        if (Clock::now() < due[i]) continue;
        (void)fetch_into(fetcher, options.sources[i].url, inboxes_of(options).front());
        due[i] = Clock::now() + options.sources[i].every;
      }
      if (once) return;
      for (int i = 0; i < 10 && !done && !stop; ++i) std::this_thread::sleep_for(k_tick);
    }
  };
  std::thread fetching;
  if (!options.sources.empty()) {
    if (options.until_idle) {
      poll_sources(true);
    } else {
      fetching = std::thread(poll_sources, false);
    }
  }

  spdlog::info("watching {} with {} worker(s)", fmt::join(inboxes_of(options), ", "), workers);
  std::vector<std::thread> dispatchers;
  for (int i = 0; i < workers; ++i) dispatchers.emplace_back(dispatch);
  Scanner(options, queue, ledger).run(stop);
  done = true;
  if (fetching.joinable()) fetching.join();
  if (stop) spdlog::info("stopping: letting the files in hand finish");
  for (std::thread& t : dispatchers) t.join();
  return stats;
}

}  // namespace naskah::ingest
