#include "naskah/ingest/ingester.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>

#include "naskah/core/clock.h"
#include "naskah/core/file.h"
#include "naskah/core/sha256.h"
#include "naskah/extract/parser.h"
#include "naskah/extract/record_builder.h"
#include "naskah/index/store.h"

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

namespace {

// An index writer of its own for each record: for `naskah ingest`, one file after another.
IndexFn writer_per_record(std::string index_dir, std::chrono::milliseconds lock_timeout) {
  return [index_dir = std::move(index_dir), lock_timeout](const AgreementRecord& record,
                                                          bool only_if_missing) -> Result<bool> {
    auto writer = index::Writer::open(index_dir, lock_timeout);
    if (!writer) return tl::unexpected(writer.error());
    if (only_if_missing && writer->contains(record.sha256)) return false;
    if (auto put = writer->put(record); !put) return tl::unexpected(put.error());
    if (auto done = writer->commit(); !done) return tl::unexpected(done.error());
    return true;
  };
}

}  // namespace

Ingester::Ingester(Options options)
    : m_options(std::move(options)),
      m_archive(m_options.data.archive()),
      m_extractor(std::make_unique<extract::Extractor>(m_options.extract)),
      m_index(writer_per_record(m_options.data.index(), m_options.lock_timeout)) {
  m_extract = [this](const std::string& path, const std::string&,
                     std::string_view bytes) -> Result<AgreementRecord> {
    auto extraction = m_extractor->extract(bytes);
    if (!extraction) return tl::unexpected(extraction.error());
    extract::ParseOptions parse_options;
    parse_options.today = m_options.today;
    return extract::build_record(*extraction, bytes, path, parse_options);
  };
}

Ingester::Ingester(Options options, ExtractFn extract, IndexFn index)
    : m_options(std::move(options)),
      m_archive(m_options.data.archive()),
      m_extract(std::move(extract)),
      m_index(index ? std::move(index)
                    : writer_per_record(m_options.data.index(), m_options.lock_timeout)) {}

Ingester::~Ingester() = default;

FileResult Ingester::ingest_file(const std::string& path, const std::optional<std::string>& office,
                                 const std::string& base) {
  const auto started = std::chrono::steady_clock::now();
  FileResult result;
  result.path = printable(path);
  auto finish = [&](Outcome outcome, std::optional<Error> error = std::nullopt) {
    result.outcome = outcome;
    result.error = std::move(error);
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
  };
  auto refuse_or_fail = [&](Error error) {
    error.where = printable(error.where);  // it may name the file: shown, not kept as bytes
    const Outcome outcome = error.is_refusal() ? Outcome::refused : Outcome::failed;
    return finish(outcome, std::move(error));
  };

  // Taken once: a found file as take_file takes it (no link, only a file, not while it is
  // written); the stamp lets put_away see a file written again after it was read.
  auto taken = take_file(base, path, m_options.max_file_bytes);
  if (!taken) return refuse_or_fail(taken.error());
  result.taken = taken->stamp;
  const std::string& bytes = taken->bytes;
  result.sha256 = sha256_hex(bytes);

  if (m_archive.has_record(result.sha256)) {
    // Already archived; a crash may have kept it out of the index, so make sure.
    auto stored = m_archive.load(result.sha256);
    if (!stored) return refuse_or_fail(stored.error());
    result.pages = stored->record.pages;
    result.text_source = to_string(stored->record.text_source);
    auto indexed = m_index(stored->record, true);
    if (!indexed) return refuse_or_fail(indexed.error());
    if (*indexed) {
      spdlog::info("{}: archived but not indexed (an earlier run stopped); indexed it now",
                   result.path);
    }
    return finish(Outcome::present);
  }

  auto extracted = m_extract(path, base, bytes);
  if (!extracted) return refuse_or_fail(extracted.error());
  AgreementRecord record = std::move(*extracted);
  record.source.path = result.path;  // a name on disk may be any bytes; JSON holds UTF-8
  if (record.sha256 != result.sha256) {
    // Another process rewrote the file while it was read: take it again later.
    return finish(Outcome::failed, Error{codes::k_file_changed,
                                         "the file changed while it was being read; it will be "
                                         "read again once it stays the same",
                                         result.path});
  }
  record.office = office ? office : m_options.office;
  result.pages = record.pages;
  result.text_source = to_string(record.text_source);

  if (auto stored = m_archive.store_original(record.sha256, bytes, record.source.mime); !stored) {
    return refuse_or_fail(stored.error());
  }
  if (auto stored = m_archive.store_record(record, provenance(m_options.extract)); !stored) {
    return refuse_or_fail(stored.error());
  }
  if (auto indexed = m_index(record, false); !indexed) return refuse_or_fail(indexed.error());
  return finish(Outcome::ingested);
}

}  // namespace naskah::ingest
