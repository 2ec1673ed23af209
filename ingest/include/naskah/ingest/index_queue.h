// The one index writer of a running watcher. Dispatchers hand it their records and wait for
// the commit that holds theirs: a file leaves the inbox only after that commit. Records
// handed in while a commit runs go into the next one (at most `batch` a commit), so the
// workers never wait on each other's commits or poll the write lock, and a busy inbox costs
// one commit per batch instead of one per file. The write lock is held only while there is
// something to write: `naskah ingest` and `naskah reindex` run beside an idle watcher.
// Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <future>
#include <mutex>
#include <string>
#include <thread>

#include "naskah/core/error.h"
#include "naskah/core/record.h"

namespace naskah::ingest {

class IndexQueue {
 public:
  struct Options {
    std::string index_dir;
    std::chrono::milliseconds lock_timeout{60'000};
    std::size_t batch = 64;  // records a commit at most
  };

  explicit IndexQueue(Options options);
  // Writes and commits what was handed in, then stops.
  ~IndexQueue();
  IndexQueue(const IndexQueue&) = delete;
  IndexQueue& operator=(const IndexQueue&) = delete;

  // Indexes `record` (with `only_if_missing`, only when the index lacks it: a crash kept an
  // archived file out) and returns once the commit that holds it is done: true when it was
  // written, false when it was there already; or why not.
  [[nodiscard]] Result<bool> index(const AgreementRecord& record, bool only_if_missing);

  // Commits made so far, and records handed in whose commit is not done yet (for tests).
  [[nodiscard]] std::size_t commits() const;
  [[nodiscard]] std::size_t in_hand() const;

 private:
  struct Item {
    const AgreementRecord* record;  // the caller waits, so it lives until done
    bool only_if_missing;
    std::promise<Result<bool>> done;
  };
  void run();
  void write(std::deque<Item>& items);

  Options m_options;
  mutable std::mutex m_mutex;
  std::condition_variable m_ready;
  std::deque<Item> m_pending;
  std::size_t m_writing = 0;  // records of the batch being written
  bool m_stop = false;
  std::size_t m_commits = 0;
  std::thread m_thread;  // last: started once the rest is in place
};

}  // namespace naskah::ingest
