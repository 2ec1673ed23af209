// The always-on inbox: `naskah watch`. Watches inbox folders with inotify plus a periodic
// rescan (inotify sees nothing on network shares), takes a file once it is complete, and
// submits it to the pipeline (pipeline.h), with an isolated worker process per lane. Every file
// that arrives ends in the archive or, refused, in failed/ with a reason; a file leaves the inbox
// only after its copy there is synced, so a crash or kill -9 at any moment loses nothing and
// a restart takes up what is left.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "naskah/ingest/fetch.h"
#include "naskah/ingest/pipeline.h"
#include "naskah/ingest/worker.h"

namespace naskah::ingest {

struct WatchOptions {
  Options ingest;  // the pipeline: data folder, extraction, worker command and limits
  std::vector<std::string> inboxes;         // empty: <data>/inbox
  int workers = 0;  // worker processes (the pipeline's lanes); 0 = one per core
  // A file is complete when it was closed after writing (or moved in) and left alone for
  // `settle`, or, seen only by a rescan, when its size and time stayed the same that long.
  std::chrono::milliseconds settle{2000};
  std::chrono::milliseconds rescan{30'000};
  std::chrono::milliseconds retry{60'000};  // after a failure that is not the file's fault
  std::size_t queue_limit = 0;              // files waiting for a worker; 0 = 4 per worker
  bool until_idle = false;  // return once the inboxes are empty and nothing is in hand
  // URLs downloaded into the first inbox now and then ([[fetch.source]]); unchanged ones
  // are not downloaded again (conditional GET, state in <data>/fetch-state.json).
  struct Source {
    std::string url;
    std::chrono::minutes every{60};
  };
  std::vector<Source> sources;
  FetchOptions fetch;
  // Called after each file (on a dispatcher thread, one at a time).
  std::function<void(const FileResult&)> on_file;
};

struct WatchStats {
  std::size_t ingested = 0;
  std::size_t present = 0;
  std::size_t refused = 0;
  std::size_t failed = 0;
};

// Runs until `stop` becomes true (e.g. on SIGTERM), then lets the files in hand finish and
// returns; files not yet taken stay in the inbox for the next start. With `until_idle`, also
// returns once there is nothing left to do (files to be tried again later stay put).
[[nodiscard]] Result<WatchStats> watch(const WatchOptions& options, const std::atomic<bool>& stop);

// The inboxes `options` names, or <data>/inbox.
[[nodiscard]] std::vector<std::string> inboxes_of(const WatchOptions& options);

// Downloads `url` into `folder` with `fetcher`, logging the outcome in one line.
Result<Fetched> fetch_into(Fetcher& fetcher, const std::string& url, const std::string& folder);

// The office a file in an inbox sub-folder comes from: "inbox/Kanwil Jateng/x.pdf" ->
// "Kanwil Jateng"; nullopt for a file at the top of the inbox.
[[nodiscard]] std::optional<std::string> office_of(const std::string& inbox,
                                                   const std::string& path);

}  // namespace naskah::ingest
