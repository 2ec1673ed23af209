#include "naskah/ingest/reindex.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "naskah/core/file.h"
#include "naskah/extract/record_builder.h"
#include "naskah/index/store.h"
#include "naskah/ingest/archive.h"
#include "naskah/ingest/pipeline.h"

namespace naskah::ingest {
namespace {

// Reads one archived record again: re-parsed, or with `extractor` re-extracted (and the
// new record archived).
Result<AgreementRecord> parse_again(const Archive& archive, const StoredRecord& stored,
                                    const ReindexOptions& options, extract::Extractor* extractor) {
  const std::string& sha256 = stored.record.sha256;
  extract::ParseOptions parse_options;
  parse_options.today = options.today;
  if (extractor == nullptr) return extract::reread_record(stored.record, parse_options);

  const auto original = archive.original_path(sha256);
  if (!original) return fail("archive.missing", "the original is missing", sha256);
  auto bytes = read_file(*original, options.max_file_bytes);
  if (!bytes) return tl::unexpected(bytes.error());
  auto extraction = extractor->extract(*bytes);
  if (!extraction) return tl::unexpected(extraction.error());
  AgreementRecord record =
      extract::build_record(*extraction, *bytes, stored.record.source.path, parse_options);
  record.source.url = stored.record.source.url;
  record.office = stored.record.office;
  // What was made once stays (who uploaded it); how it was read is new.
  nlohmann::json made = stored.provenance;
  made.update(provenance(options.extract));
  Archive writable = archive;
  if (auto saved = writable.store_record(record, made); !saved) {
    return tl::unexpected(saved.error());
  }
  return record;
}

// The record to index: read again, with what people corrected applied over it.
Result<AgreementRecord> reread(const Archive& archive, const std::string& sha256,
                               const ReindexOptions& options, extract::Extractor* extractor) {
  auto stored = archive.load(sha256);
  if (!stored) return tl::unexpected(stored.error());
  auto parsed = parse_again(archive, *stored, options, extractor);
  if (!parsed) return parsed;
  auto corrections = archive.corrections(sha256);
  if (!corrections) return tl::unexpected(corrections.error());
  return apply_corrections(*parsed, *corrections);
}

}  // namespace

std::size_t word_count(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

Result<Partition> parse_partition(const std::string& text) {
  const auto slash = text.find('/');
  Partition p;
  try {
    if (slash == std::string::npos) throw std::invalid_argument("no slash");
    std::size_t used = 0;
    p.k = std::stoi(text.substr(0, slash), &used);
    if (used != slash) throw std::invalid_argument("k");
    p.n = std::stoi(text.substr(slash + 1), &used);
    if (used != text.size() - slash - 1) throw std::invalid_argument("n");
  } catch (const std::exception&) {
    return fail(codes::k_usage_invalid, "a partition is written k/n, for example 2/3");
  }
  if (p.n < 1 || p.n > 65536 || p.k < 1 || p.k > p.n) {
    return fail(codes::k_usage_invalid, "in a partition k/n, n must be 1..65536 and k 1..n");
  }
  return p;
}

bool in_partition(const std::string& sha256, const Partition& partition) {
  if (sha256.size() < 8) return false;
  const std::uint64_t head = std::stoull(sha256.substr(0, 8), nullptr, 16);
  const auto range = static_cast<int>((head * static_cast<std::uint64_t>(partition.n)) >> 32);
  return range == partition.k - 1;
}

Result<ReindexStats> reindex(const ReindexOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const Archive archive(options.data.archive());
  auto selected = [&](const std::string& sha) {
    return !options.partition || in_partition(sha, *options.partition);
  };
  std::vector<std::string> ids;
  for (std::string& id : archive.list()) {
    if (selected(id)) ids.push_back(std::move(id));
  }

  const std::string index_folder = options.data.index();
  auto builder = options.out ? index::Builder::standalone(*options.out)
                             : index::Builder::new_generation(index_folder);
  if (!builder) return tl::unexpected(builder.error());

  ReindexStats stats;
  stats.database = builder->path();
  // --ocr: one extractor (it spreads pages over its own threads); else one writer per
  // thread, each into its own part, merged by compaction at the end (index::Builder).
  int threads = options.threads > 0 ? options.threads
                                    : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::max(1, options.ocr ? 1 : std::min<int>(threads, static_cast<int>(ids.size())));
  std::vector<index::Builder> parts;
  if (threads > 1) {
    for (int t = 0; t < threads; ++t) {
      auto part = builder->make_part(t + 1);
      if (!part) return tl::unexpected(part.error());
      parts.push_back(std::move(*part));
    }
  }
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::atomic<std::size_t> failed{0};
  std::atomic<std::size_t> words{0};
  std::mutex error_mutex;
  std::optional<Error> write_error;  // under error_mutex
  std::atomic<bool> stop{false};
  {
    std::vector<std::jthread> workers;
    for (int t = 0; t < threads; ++t) {
      index::Builder& target = parts.empty() ? *builder : parts[static_cast<std::size_t>(t)];
      workers.emplace_back([&, &target = target] {
        std::unique_ptr<extract::Extractor> extractor;
        if (options.ocr) extractor = std::make_unique<extract::Extractor>(options.extract);
        for (std::size_t i = next++; i < ids.size(); i = next++, ++done) {
          auto record = reread(archive, ids[i], options, extractor.get());
          if (!record) {
            spdlog::warn("{}: not reindexed: {} ({})", ids[i], record.error().message,
                         record.error().code);
            ++failed;
            continue;
          }
          words += word_count(record->text);
          try {
            target.add(index::prepare(*record));
          } catch (const Xapian::Error& e) {
            std::lock_guard lock(error_mutex);
            write_error =
                Error{codes::k_index_damaged,
                      "writing the new index failed: " + e.get_description(), target.path()};
            stop = true;
            next = ids.size();  // the other threads stop too
          }
        }
      });
    }
    // Progress is reported on the calling thread.
    for (std::size_t seen = 0; seen < ids.size() && !stop;) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      const std::size_t now = std::min(done.load(), ids.size());
      if (now != seen && options.progress) options.progress(now, ids.size());
      seen = now;
    }
  }
  if (write_error) return tl::unexpected(*write_error);
  if (!parts.empty()) {
    if (auto merged = builder->merge(parts); !merged) return tl::unexpected(merged.error());
  }
  stats.failed = failed;
  stats.documents = builder->count();

  std::optional<index::WriteLock> lock;
  if (!options.out) {
    // Catch up with what was ingested meanwhile, holding the lock so nothing more is.
    auto acquired = index::WriteLock::acquire(index_folder, options.lock_timeout);
    if (!acquired) return tl::unexpected(acquired.error());
    lock.emplace(std::move(*acquired));
    std::unique_ptr<extract::Extractor> extractor;
    if (options.ocr) extractor = std::make_unique<extract::Extractor>(options.extract);
    for (const std::string& id : archive.list()) {
      // Only what arrived after the first pass (ids is sorted, as list() returns it).
      if (!selected(id) || std::binary_search(ids.begin(), ids.end(), id)) continue;
      auto record = reread(archive, id, options, extractor.get());
      if (!record) {
        ++stats.failed;
        continue;
      }
      words += word_count(record->text);
      builder->add(index::prepare(*record));
      ++stats.documents;
    }
  }
  if (auto finished = builder->finish(lock ? &*lock : nullptr); !finished) {
    return tl::unexpected(finished.error());
  }
  stats.words = words;
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return stats;
}

}  // namespace naskah::ingest
