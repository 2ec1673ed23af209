#include "naskah/ingest/pipeline.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "naskah/core/clock.h"
#include "naskah/core/file.h"
#include "naskah/core/sha256.h"
#include "naskah/extract/parser.h"
#include "naskah/extract/record_builder.h"
#include "naskah/ingest/index_queue.h"
#include "naskah/ingest/quarantine.h"

namespace naskah::ingest {
namespace fs = std::filesystem;

bool ignored_name(const std::string& name) {
  if (name.empty() || name.front() == '.' || name.starts_with("~$")) return true;
  for (const char* suffix : {".part", ".crdownload", ".tmp", ".partial", ".download"}) {
    if (name.ends_with(suffix)) return true;
  }
  return false;
}

const char* to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::ingested: return "ingested";
    case Outcome::present: return "already present";
    case Outcome::refused: return "refused";
    case Outcome::failed: return "failed";
  }
  return "failed";
}

nlohmann::json provenance(const extract::Options& options) {
  return {{"parser_version", extract::k_parser_version},
          {"ocr",
           {{"engine", extract::ocr_engine()},
            {"languages", options.languages},
            {"dpi", options.ocr_dpi},
            {"deskew", options.deskew},
            {"orientation", options.orientation}}},
          {"archived_at", utc_now_iso()}};
}

std::vector<Found> collect_files(const std::vector<std::string>& paths) {
  std::vector<Found> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      files.push_back({path, {}});
      continue;
    }
    std::vector<Found> found;
    // Entries are judged by what they are themselves (symlink_status): the iterator enters
    // real folders only, never a linked one.
    auto it =
        fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const std::string name = it->path().filename().string();
      const bool folder = fs::is_directory(it->symlink_status(ec));
      if (ignored_name(name)) {
        if (folder) it.disable_recursion_pending();
        continue;
      }
      if (!folder) found.push_back({it->path().string(), path});
    }
    std::sort(found.begin(), found.end(),
              [](const Found& a, const Found& b) { return a.path < b.path; });
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

const char* to_string(Stage stage) {
  switch (stage) {
    case Stage::take: return "take";
    case Stage::hash: return "hash";
    case Stage::extract: return "extract";
    case Stage::archive: return "archive";
    case Stage::index: return "index";
    case Stage::put_away: return "put away";
  }
  return "take";
}

Result<std::string> drop_into(const std::string& folder, std::string_view bytes,
                              const std::string& given, const std::string& extension) {
  std::string_view raw(given);
  if (const auto slash = raw.find_last_of("/\\"); slash != std::string_view::npos) {
    raw.remove_prefix(slash + 1);
  }
  // Not a name the pipeline skips: no leading dot or "~", no ending of a partial download.
  while (!raw.empty() && (raw.front() == '.' || raw.front() == ' ' || raw.front() == '~')) {
    raw.remove_prefix(1);
  }
  std::string name = safe_file_name(raw);
  if (name.empty()) name = "upload";
  if (split_extension(name).second.empty() || ignored_name(name)) name += extension;

  std::error_code ec;
  fs::create_directories(folder, ec);
  return save_new(folder, name, bytes);
}

Result<void> note_upload(const DataDir& data, const std::string& sha256, const std::string& who,
                         const std::string& name) {
  std::error_code ec;
  fs::create_directories(data.uploads(), ec);
  const nlohmann::ordered_json note = {
      {"uploaded_by", who}, {"uploaded_at", utc_now_iso()}, {"uploaded_as", printable(name)}};
  return write_file_atomic(data.uploads() + "/" + sha256 + ".json", note.dump() + "\n");
}

class Pipeline::Impl {
  // One file's way through the stages: what it carries from one to the next, and its result.
  class Run {
   public:
    explicit Run(const Submission& file)
        : m_file(file), m_started(std::chrono::steady_clock::now()) {
      result.path = printable(file.path);
    }

    // Runs one stage: true when it passed. Its error, or whatever it threw, ends the file with
    // an outcome that names the stage.
    template <typename Fn>
    bool stage(Stage stage, Fn&& fn) {
      result.stage = stage;
      try {
        if (auto done = fn(); !done) {
          Error error = std::move(done.error());
          error.where = printable(error.where);  // it may name the file: shown, not kept as bytes
          result.outcome = error.is_refusal() ? Outcome::refused : Outcome::failed;
          result.error = std::move(error);
          return false;
        }
        return true;
      } catch (const std::exception& e) {
        result.outcome = Outcome::failed;
        result.error = Error{
            codes::k_internal,
            std::string("stage '") + to_string(stage) + "': " + printable(e.what()), result.path};
        return false;
      }
    }

    FileResult finish() {
      result.seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
      return std::move(result);
    }

    const Submission& file() const { return m_file; }

    FileResult result;
    std::optional<Taken> taken;
    std::optional<AgreementRecord> record;
    bool present = false;  // archived before: only indexed if the index lacks it

   private:
    const Submission& m_file;
    std::chrono::steady_clock::time_point m_started;
  };

 public:
  Impl(Options options, ExtractFn extract)
      : m_options(std::move(options)),
        m_archive(m_options.data.archive()),
        m_extract(std::move(extract)),
        m_index({m_options.data.index(), m_options.lock_timeout}) {
    const int lanes = std::max(1, m_options.lanes);
    for (int i = 0; i < lanes; ++i) m_lanes.push_back(make_lane());
    for (auto& lane : m_lanes) m_free.push_back(lane.get());
  }

  FileResult submit(const Submission& file) {
    Run run(file);
    Lease lane(*this);
    const bool indexed =
        run.stage(Stage::take, [&] { return take(run); }) &&
        run.stage(Stage::hash, [&] { return hash(run); }) &&
        (run.present || (run.stage(Stage::extract, [&] { return extract(run, *lane); }) &&
                         run.stage(Stage::archive, [&] { return archive(run); }))) &&
        run.stage(Stage::index, [&] { return index(run); });
    if (indexed) run.result.outcome = run.present ? Outcome::present : Outcome::ingested;
    if (file.put_away) put_away(run);
    return run.finish();
  }

 private:
  // Where a file is extracted: a worker process, or warm engines in this process.
  struct Lane {
    std::unique_ptr<WorkerProcess> worker;
    std::unique_ptr<extract::Extractor> extractor;
  };

  // A lane borrowed for one file.
  class Lease {
   public:
    explicit Lease(Impl& impl) : m_impl(impl) {
      std::unique_lock lock(impl.m_mutex);
      impl.m_lane_free.wait(lock, [&] { return !impl.m_free.empty(); });
      m_lane = impl.m_free.back();
      impl.m_free.pop_back();
    }
    ~Lease() {
      {
        const std::lock_guard lock(m_impl.m_mutex);
        m_impl.m_free.push_back(m_lane);
      }
      m_impl.m_lane_free.notify_one();
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lane& operator*() const { return *m_lane; }

   private:
    Impl& m_impl;
    Lane* m_lane;
  };

  std::unique_ptr<Lane> make_lane() const {
    auto lane = std::make_unique<Lane>();
    if (m_extract) return lane;
    if (!m_options.worker_command.empty()) {
      extract::Options extract = m_options.extract;
      extract.workers = 1;  // one engine per worker process; the processes run side by side
      lane->worker = std::make_unique<WorkerProcess>(m_options.worker_command, extract,
                                                     m_options.limits, m_options.today);
    } else {
      lane->extractor = std::make_unique<extract::Extractor>(m_options.extract);
    }
    return lane;
  }

  // take: a found file as take_file takes it (no link, only a file, not while it is written);
  // its stamp lets put_away see a file written again after it was read.
  Result<void> take(Run& run) const {
    auto taken = take_file(run.file().base, run.file().path, m_options.max_file_bytes);
    if (!taken) return tl::unexpected(taken.error());
    run.taken = std::move(*taken);
    return {};
  }

  // hash: the bytes' id; bytes archived before need no extraction (a crash may have kept
  // them out of the index: the index stage makes sure).
  Result<void> hash(Run& run) const {
    run.result.sha256 = sha256_hex(run.taken->bytes);
    if (!m_archive.has_record(run.result.sha256)) return {};
    auto stored = m_archive.load_effective(run.result.sha256);
    if (!stored) return tl::unexpected(stored.error());
    run.present = true;
    run.record = std::move(stored->record);
    describe(run);
    // Uploaded again: the record already says who brought it first.
    std::error_code ec;
    fs::remove(m_options.data.uploads() + "/" + run.result.sha256 + ".json", ec);
    return {};
  }

  // extract: the record of the bytes taken, in the lane's worker process or engines.
  Result<void> extract(Run& run, Lane& lane) const {
    const std::string_view bytes = run.taken->bytes;
    auto record = m_extract     ? m_extract(run.file().path, bytes)
                  : lane.worker ? lane.worker->extract(run.result.path, bytes)
                                : extract_here(*lane.extractor, run.result.path, bytes);
    if (!record) return tl::unexpected(record.error());
    run.record = std::move(*record);
    run.record->sha256 = run.result.sha256;
    run.record->source.path = run.result.path;  // a name on disk may be any bytes; JSON holds UTF-8
    run.record->office = run.file().office ? run.file().office : m_options.office;
    describe(run);
    return {};
  }

  Result<AgreementRecord> extract_here(extract::Extractor& extractor, const std::string& shown,
                                       std::string_view bytes) const {
    auto extraction = extractor.extract(bytes);
    if (!extraction) return tl::unexpected(extraction.error());
    extract::ParseOptions parse_options;
    parse_options.today = m_options.today;
    return extract::build_record(*extraction, bytes, shown, parse_options);
  }

  // archive: the original, then its record (the record's presence means "archived"), with
  // who uploaded it when it came through the web.
  Result<void> archive(Run& run) {
    const AgreementRecord& record = *run.record;
    if (auto stored = m_archive.store_original(record.sha256, run.taken->bytes, record.source.mime);
        !stored) {
      return tl::unexpected(stored.error());
    }
    nlohmann::json made = provenance(m_options.extract);
    const std::string note = m_options.data.uploads() + "/" + record.sha256 + ".json";
    if (auto text = read_file(note, 64 * 1024)) {
      const auto upload = nlohmann::json::parse(*text, nullptr, false);
      if (upload.is_object()) made.update(upload);
    }
    if (auto stored = m_archive.store_record(record, made); !stored) return stored;
    std::error_code ec;
    fs::remove(note, ec);
    return {};
  }

  // index: returns once the commit that holds the record is done.
  Result<void> index(Run& run) {
    auto indexed = m_index.index(*run.record, run.present);
    if (!indexed) return tl::unexpected(indexed.error());
    if (run.present && *indexed) {
      spdlog::info("{}: archived but not indexed (an earlier run stopped); indexed it now",
                   run.result.path);
    }
    return {};
  }

  // put away: an archived file leaves its folder (removed, the folder synced); a refused one
  // moves to failed/ with its report. A file written again since it was read stays, to be
  // taken again whole, and so does one that failed for a reason not of its making.
  void put_away(Run& run) const {
    FileResult& result = run.result;
    try {
      move_away(run);
    } catch (const std::exception& e) {
      result.stage = Stage::put_away;
      result.outcome = Outcome::failed;
      result.error =
          Error{codes::k_internal, "stage 'put away': " + printable(e.what()), result.path};
      result.where.clear();
    }
  }

  void move_away(Run& run) const {
    FileResult& result = run.result;
    const std::string& path = run.file().path;
    if (const auto now = stamp_of(path); run.taken && now && *now != run.taken->stamp) {
      spdlog::warn("{}: written again after it was read; left to be read again", result.path);
      if (result.outcome == Outcome::refused) result.outcome = Outcome::failed;
      return;
    }
    switch (result.outcome) {
      case Outcome::ingested:
      case Outcome::present:
        result.stage = Stage::put_away;
        if (::unlink(path.c_str()) == 0) {
          (void)sync_folder(fs::path(path).parent_path().string());
        } else if (errno != ENOENT) {
          spdlog::warn("{}: archived, but it cannot be removed from its folder: {}", result.path,
                       std::strerror(errno));
        }
        result.where = "archive";
        return;
      case Outcome::refused: {
        auto moved = quarantine(m_options.data.failed(), path, *result.error, result.sha256);
        if (moved) {
          result.where = moved->file;
          return;
        }
        spdlog::error("{}: refused, but could not be moved to failed/: {}", result.path,
                      printable(moved.error().message));
        result.stage = Stage::put_away;
        result.outcome = Outcome::failed;
        return;
      }
      case Outcome::failed: return;
    }
  }

  static void describe(Run& run) {
    run.result.pages = run.record->pages;
    run.result.text_source = to_string(run.record->text_source);
  }

  Options m_options;
  Archive m_archive;
  ExtractFn m_extract;  // replaces the lanes' extraction (tests)
  std::vector<std::unique_ptr<Lane>> m_lanes;
  std::mutex m_mutex;
  std::condition_variable m_lane_free;
  std::vector<Lane*> m_free;
  IndexQueue m_index;  // the one writer of this pipeline
};

Pipeline::Pipeline(Options options) : m_impl(std::make_unique<Impl>(std::move(options), nullptr)) {}

Pipeline::Pipeline(Options options, ExtractFn extract)
    : m_impl(std::make_unique<Impl>(std::move(options), std::move(extract))) {}

Pipeline::~Pipeline() = default;

FileResult Pipeline::submit(const Submission& file) {
  return m_impl->submit(file);
}

}  // namespace naskah::ingest
