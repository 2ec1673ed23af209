// Isolated extraction (and page drawing for the web): a long-lived worker process per core keeps
// its Tesseract engine warm and extracts one file at a time, under a memory limit (RLIMIT_AS), a
// CPU limit per file (RLIMIT_CPU) and a wall-clock timeout kept by the parent. A file that crashes
// the worker, blows its limits or hangs costs that worker, not the daemon: the parent kills and
// replaces it and the file is refused with extract.crashed or extract.timeout.
//
// The two sides talk over a pipe pair, one JSON object per line:
//   parent -> worker, once:   {"extract": {...Options}, "memory_mb": N, "today": "..."}
//   parent -> worker, a file: {"name": "...", "bytes": N, "cpu_seconds": N}, and with it
//                             (SCM_RIGHTS) a sealed memory file holding the bytes the
//                             pipeline took: the worker never opens a path of its own
//   parent -> worker, a page: {"render": {"page": i, "dpi": N, "rotation": degrees},
//                             "bytes": N, "cpu_seconds": N}, with the file as above
//   worker -> parent:         {"record": {...the record with text}} | {"error": {...}}
//                             | {"png_bytes": N}, with a sealed memory file holding the PNG
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "naskah/core/error.h"
#include "naskah/core/file.h"
#include "naskah/core/record.h"
#include "naskah/extract/extractor.h"

namespace naskah::ingest {

struct WorkerLimits {
  std::uint64_t memory_bytes = 3ull * 1024 * 1024 * 1024;  // address space; 0 = no limit
  std::chrono::seconds cpu_per_file{900};
  std::chrono::milliseconds wall_per_file{960'000};  // a bit above the extract timeout
  // Added to the worker's niceness (0..19): OCR gives way to what people wait for (the web's
  // answers) on a busy machine, and takes every idle core all the same.
  int nice = 0;
};

// The parent's handle on one worker process. Starts the process on first use and again
// after it died. Not thread-safe: one per dispatcher thread.
class WorkerProcess {
 public:
  // `command`: how to start a worker, e.g. {"/proc/self/exe", "worker"}.
  WorkerProcess(std::vector<std::string> command, extract::Options extract, WorkerLimits limits,
                std::string today);
  ~WorkerProcess();
  WorkerProcess(const WorkerProcess&) = delete;
  WorkerProcess& operator=(const WorkerProcess&) = delete;

  // The record (text included) of `bytes`, the file shown as `name`, or why it was refused.
  [[nodiscard]] Result<AgreementRecord> extract(const std::string& name, std::string_view bytes);
  // Page `index` (0-based) of `bytes` as PNG at about `dpi`, turned `rotation` degrees
  // (extract::PageRenderer), under the same limits: a page that takes too long or too much
  // memory costs this worker, not the caller.
  [[nodiscard]] Result<std::string> render(std::string_view bytes, int index, int dpi,
                                           int rotation);

  // The worker's process id, or -1 when none runs (for tests and the log).
  [[nodiscard]] pid_t pid() const { return m_pid; }
  // Asks the worker to exit (end of input) and waits for it.
  void stop();

 private:
  struct Exchange;
  [[nodiscard]] Result<void> start();
  // Sends `request` (with the descriptor `pass`) and waits for the answer (with the
  // descriptor it brings, into `received`).
  Exchange exchange(const std::string& request, int pass, Fd* received);
  // Kills the worker (if alive) and reaps it; returns how it ended, for the message.
  std::string reap(bool kill_first);
  std::vector<std::string> m_command;
  extract::Options m_extract;
  WorkerLimits m_limits;
  std::string m_today;
  pid_t m_pid = -1;
  int m_to_worker = -1;
  int m_from_worker = -1;
  std::string m_buffer;  // what was read past the last line
};

// A fixed number of worker processes shared by many threads (the web's page images): a
// call takes a free worker, waiting while all are busy. Thread-safe.
class WorkerPool {
 public:
  WorkerPool(std::size_t size, const std::vector<std::string>& command,
             const extract::Options& extract, WorkerLimits limits);
  // WorkerProcess::render on a free worker.
  [[nodiscard]] Result<std::string> render(std::string_view bytes, int index, int dpi,
                                           int rotation);

 private:
  std::mutex m_mutex;
  std::condition_variable m_freed;
  std::vector<std::unique_ptr<WorkerProcess>> m_free;
};

// The worker's side: reads requests from `in_fd`, answers on `out_fd`, until end of input.
// Returns the process exit code.
int run_worker(int in_fd, int out_fd);

}  // namespace naskah::ingest
