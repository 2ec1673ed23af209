// The ingest pipeline: the one way a file becomes an archived, indexed agreement, whoever
// brings it. `naskah ingest`, `watch`, `serve --watch` and `fetch` only submit files (uploads
// and downloads land in a folder first, so that nothing is lost); the pipeline runs each
// through its named stages:
//
//   take      opened once, no link followed (O_NOFOLLOW), fstat on the open descriptor:
//             a regular file only, not while it is written (core/file.h, take_file)
//   hash      sha256 of the bytes; bytes archived before are "already present" (indexed
//             again if a crash left them out)
//   extract   text and record: in a worker process (watch, worker.h) or in this process
//   archive   the original and its record, written durably (archive.h)
//   index     through the one index writer thread, commits shared by all lanes
//             (index_queue.h)
//   put away  a submitted inbox file or download leaves its folder only after the commit
//             that holds it; a refused one moves to failed/ with its reason (quarantine.h)
//
// A stage passes its product on or ends the file with an outcome that names it; whatever a
// stage throws becomes that stage's outcome, so no name, content or size ends a daemon.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "naskah/core/data_dir.h"
#include "naskah/core/error.h"
#include "naskah/core/file.h"
#include "naskah/extract/extractor.h"
#include "naskah/ingest/archive.h"
#include "naskah/ingest/worker.h"

namespace naskah::ingest {

struct Options {
  DataDir data;  // the data folder and its layout
  extract::Options extract;
  std::uint64_t max_file_bytes = 256ull * 1024 * 1024;
  std::chrono::milliseconds lock_timeout{60'000};  // waiting for another index writer
  std::optional<std::string> office;               // unit or office the files come from
  std::string today;                               // ISO date for the parser; empty = clock
  // Files in hand at once: up to this many threads may submit side by side.
  int lanes = 1;
  // How to start an isolated extraction process (e.g. {"/proc/self/exe", "worker"}), one
  // per lane; empty: extraction runs in this process, with warm engines kept across files.
  std::vector<std::string> worker_command;
  WorkerLimits limits;  // of each worker process
};

enum class Stage { take, hash, extract, archive, index, put_away };
[[nodiscard]] const char* to_string(Stage stage);

enum class Outcome { ingested, present, refused, failed };
[[nodiscard]] const char* to_string(Outcome outcome);

struct FileResult {
  std::string path;  // as shown: printable() of the name on disk
  Outcome outcome = Outcome::failed;
  Stage stage = Stage::take;  // the last stage the file reached: where it stopped
  std::string sha256;
  std::optional<Error> error;  // refused or failed: why
  int pages = 0;
  std::string text_source;
  double seconds = 0;
  // Put away: "archive", or the file in failed/; "" when it stays where it was (not to be
  // put away, or to be tried again).
  std::string where;
};

// A file handed to the pipeline.
struct Submission {
  std::string path;
  // The folder it was found in (an inbox, a folder given to `ingest`), from which no link
  // is followed; "" for a file an operator named, read as named.
  std::string base;
  std::optional<std::string> office;  // overrides Options::office (an inbox sub-folder)
  // The pipeline's to put away (an inbox file, a download): it leaves its folder once
  // archived and indexed, or moves to failed/ when refused. False: an operator's own file,
  // left where it is.
  bool put_away = false;
};

// The extract stage, replaceable (tests): the record of `bytes`, read from `path`.
using ExtractFn =
    std::function<Result<AgreementRecord>(const std::string& path, std::string_view bytes)>;

class Pipeline {
 public:
  explicit Pipeline(Options options);
  // With `extract` in place of the extract stage (called from up to `lanes` threads).
  Pipeline(Options options, ExtractFn extract);
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Runs `file` through every stage. Thread-safe: up to Options::lanes files at once, more
  // wait for a free lane.
  [[nodiscard]] FileResult submit(const Submission& file);

 private:
  class Impl;
  std::unique_ptr<Impl> m_impl;
};

// Names an operator's tools leave while a file is still being written (".part",
// ".crdownload", "~$...", ".tmp"), and hidden files: never taken.
[[nodiscard]] bool ignored_name(const std::string& name);

// A file to take: its path, and the folder it was found in ("" for a path given as it is).
struct Found {
  std::string path;
  std::string base;
  bool operator==(const Found&) const = default;
};

// The files under `paths`: files as given, and what folders hold, recursively and sorted,
// skipping hidden names and unfinished downloads. Links, pipes and devices found in a
// folder are listed too, never followed, so that each is refused with its reason; a linked
// folder is not entered. Paths that do not exist are returned as they are, so the caller
// reports them.
[[nodiscard]] std::vector<Found> collect_files(const std::vector<std::string>& paths);

// Drops `bytes` (an upload) into `folder` (an inbox) for the pipeline to take: written
// whole under a hidden name, synced, then renamed in without replacing anything. The name
// is `given` made safe (safe_file_name), not one the inbox skips, with `extension` (the
// sniffed type's) when it had none. Returns the name it got ("x (2).pdf" when x.pdf was
// taken).
[[nodiscard]] Result<std::string> drop_into(const std::string& folder, std::string_view bytes,
                                            const std::string& given, const std::string& extension);

// Notes who uploaded the bytes with this sha256 (and under what name), before they are
// dropped: the archive stage puts it in the record's provenance ("uploaded_by").
[[nodiscard]] Result<void> note_upload(const DataDir& data, const std::string& sha256,
                                       const std::string& who, const std::string& name);

// How the archive's records were made: parser version, OCR engine and settings, time.
[[nodiscard]] nlohmann::json provenance(const extract::Options& options);

}  // namespace naskah::ingest
