// Builds a new generation or a standalone database (reindex, compact).
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>

#include "generations.h"
#include "naskah/index/schema.h"
#include "naskah/index/store.h"

namespace naskah::index {
namespace fs = std::filesystem;
using namespace internal;

// ---- Builder ------------------------------------------------------------------------------

Builder::Scratch& Builder::Scratch::operator=(Scratch&& other) noexcept {
  if (this != &other) {
    remove();
    m_path = std::exchange(other.m_path, {});
  }
  return *this;
}

void Builder::Scratch::remove() noexcept {
  if (m_path.empty()) return;
  std::error_code ec;
  fs::remove_all(m_path, ec);
  if (ec) spdlog::warn("could not remove the unfinished index {}: {}", m_path, ec.message());
  m_path.clear();
}

Result<Builder> Builder::new_generation(const std::string& index_dir) {
  if (auto made = make_folder(index_dir); !made) return tl::unexpected(made.error());
  auto name = create_generation(index_dir);
  if (!name) return tl::unexpected(name.error());
  const std::string path = index_dir + "/" + *name;
  auto db = create_database(path);
  if (!db) return tl::unexpected(db.error());
  return Builder(index_dir, path, std::move(*db));
}

Result<Builder> Builder::standalone(const std::string& path) {
  std::error_code ec;
  if (fs::exists(path, ec) && !fs::is_empty(path, ec)) {
    return fail(codes::k_io_write, "the output folder exists and is not empty; give a new folder",
                path);
  }
  auto db = create_database(path);
  if (!db) return tl::unexpected(db.error());
  return Builder({}, path, std::move(*db));
}

void Builder::add(Prepared&& prepared) {
  for (std::string& word : prepared.spelling) ++m_spelling[std::move(word)];
  if (m_spelling.size() >= k_spelling_words) flush_spelling();
  m_db.add_document(prepared.document);
  ++m_added;
  m_buffered += prepared.positions;
  if (m_buffered >= k_positions_per_batch) commit_batch();
}

void Builder::commit_batch() {
  m_db.commit();
  m_buffered = 0;
}

void Builder::flush_spelling() {
  for (const auto& [word, count] : m_spelling) m_db.add_spelling(word, count);
  m_spelling.clear();
}

bool Builder::contains(const std::string& sha256) {
  return has_document(m_db, sha256);
}

Result<Builder> Builder::make_part(int number) const {
  const std::string path = m_path + k_part_infix + std::to_string(number);
  std::error_code ec;
  fs::remove_all(path, ec);  // left over from an interrupted build
  // Never synced: a part is read once by merge() (whose compaction writes and syncs the
  // result) and then removed, or removed by Scratch when the build fails.
  auto db = create_database(path, Xapian::DB_NO_SYNC);
  if (!db) return tl::unexpected(db.error());
  return Builder({}, path, std::move(*db));
}

void Builder::compact_from(Xapian::Database& sources) {
  // Compaction writes a new database: replace the empty one with it.
  m_db.close();
  fs::remove_all(m_path);
  sources.compact(m_path, Xapian::DBCOMPACT_MULTIPASS);
  sources.close();
  m_db = Xapian::WritableDatabase(m_path, Xapian::DB_OPEN);
}

Result<void> Builder::merge(std::vector<Builder>& parts) {
  try {
    if (m_db.get_doccount() != 0) {
      return fail(codes::k_internal, "parts are merged into an empty database", m_path);
    }
    Xapian::Database sources;
    for (Builder& part : parts) {
      part.flush_spelling();
      part.commit_batch();
      part.m_db.close();
      sources.add_database(Xapian::Database(part.m_path));
    }
    compact_from(sources);
    for (Builder& part : parts) {
      m_added += part.m_added;
      fs::remove_all(part.m_path);
    }
    parts.clear();
    return {};
  } catch (const Xapian::Error& e) {
    return xapian_error(e, m_path);
  } catch (const fs::filesystem_error& e) {
    return fail(codes::k_io_write, e.what(), m_path);
  }
}

Result<std::uint64_t> Builder::merge_shards(const std::vector<std::string>& shards) {
  std::string current;
  try {
    if (m_db.get_doccount() != 0) {
      return fail(codes::k_internal, "shards are merged into an empty database", m_path);
    }
    Xapian::Database sources;
    for (const std::string& shard : shards) {
      current = shard;
      sources.add_database(Xapian::Database(is_index_folder(shard) ? stub_path(shard) : shard));
    }
    current = m_path;
    compact_from(sources);
    // The same file ingested on two nodes: keep its first copy.
    std::uint64_t dropped = 0;
    std::vector<Xapian::docid> repeated;
    for (auto t = m_db.allterms_begin(prefix::k_id); t != m_db.allterms_end(prefix::k_id); ++t) {
      if (t.get_termfreq() < 2) continue;
      auto p = m_db.postlist_begin(*t);
      for (++p; p != m_db.postlist_end(*t); ++p) repeated.push_back(*p);
    }
    for (Xapian::docid id : repeated) {
      m_db.delete_document(id);
      ++dropped;
    }
    m_added = m_db.get_doccount();
    return dropped;
  } catch (const Xapian::Error& e) {
    return xapian_error(e, current);
  } catch (const fs::filesystem_error& e) {
    return fail(codes::k_io_write, e.what(), m_path);
  }
}

Result<void> Builder::finish(const WriteLock* lock) {
  try {
    flush_spelling();
    commit_batch();
    const auto started = std::chrono::steady_clock::now();
    const std::size_t duplicates = mark_duplicates(m_db);
    const std::size_t families = link_families(m_db);
    spdlog::info("duplicates and families: {} and {} documents updated in {:.1f} s", duplicates,
                 families,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    m_db.commit();
    m_db.close();
  } catch (const Xapian::Error& e) {
    return xapian_error(e, m_path);
  }
  if (m_index_dir.empty()) {
    m_scratch.keep();
    return {};
  }
  if (lock == nullptr) return fail(codes::k_internal, "a generation swap needs the write lock");
  const std::string previous = stub_target(m_index_dir);
  const std::string name = fs::path(m_path).filename().string();
  if (auto stub = write_stub(m_index_dir, name); !stub) return stub;
  m_scratch.keep();
  // Keep the previous generation (searchers may still read it); remove older ones, and
  // the parts of older builds a killed reindex left behind. Newer folders may be builds
  // in progress: they clean up after themselves (Scratch).
  const int keep_from = previous.empty() ? generation_number(name) : generation_number(previous);
  std::vector<std::string> stale;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(m_index_dir, ec)) {
    const std::string old = entry.path().filename().string();
    const int number = generation_number(old.substr(0, old.find(k_part_infix)));
    if (number >= 0 && number < keep_from) stale.push_back(old);
  }
  for (const std::string& old : stale) {
    fs::remove_all(m_index_dir + "/" + old, ec);
    if (ec) spdlog::warn("could not remove old index generation {}: {}", old, ec.message());
  }
  return {};
}

}  // namespace naskah::index
