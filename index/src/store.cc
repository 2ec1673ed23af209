#include "naskah/index/store.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "naskah/core/file.h"
#include "naskah/index/schema.h"
#include "naskah/index/synonyms.h"

namespace naskah::index {
namespace fs = std::filesystem;
namespace {

constexpr const char* k_generation_prefix = "gen-";
constexpr const char* k_lock_name = "write.lock";
constexpr const char* k_part_infix = ".part-";  // "gen-000004.part-2": one thread's part

std::string generation_name(int number) {
  char name[32];
  std::snprintf(name, sizeof name, "%s%06d", k_generation_prefix, number);
  return name;
}

// The number of a "gen-NNNNNN" folder name, or -1.
int generation_number(const std::string& name) {
  if (!name.starts_with(k_generation_prefix)) return -1;
  const std::string digits = name.substr(std::strlen(k_generation_prefix));
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), ::isdigit)) return -1;
  return std::stoi(digits);
}

std::string stub_path(const std::string& index_dir) {
  return index_dir + "/" + k_stub_name;
}

// The generation folder named by the stub ("auto gen-000003"), or empty.
std::string stub_target(const std::string& index_dir) {
  std::ifstream in(stub_path(index_dir));
  std::string kind;
  std::string name;
  if (!(in >> kind >> name) || generation_number(name) < 0) return {};
  return name;
}

tl::unexpected<Error> xapian_error(const Xapian::Error& e, const std::string& where) {
  if (std::string_view(e.get_type()) == "DatabaseLockError") {
    return fail(codes::k_index_locked,
                "another process holds the index database open for writing; try again later",
                where);
  }
  return fail(
      codes::k_index_damaged,
      "the index could not be used: " + e.get_description() + "; rebuild it with naskah reindex",
      where);
}

Result<void> make_folder(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return fail(codes::k_io_write, "cannot create the folder: " + ec.message(), dir);
  return {};
}

Result<void> write_stub(const std::string& index_dir, const std::string& generation) {
  return write_file_atomic(stub_path(index_dir), "auto " + generation + "\n");
}

std::vector<std::pair<int, std::string>> generations(const std::string& index_dir) {
  std::vector<std::pair<int, std::string>> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(index_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (const int n = generation_number(name); n >= 0 && entry.is_directory()) {
      out.emplace_back(n, name);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Creates the next generation folder; mkdir's atomicity settles a race between builders.
Result<std::string> create_generation(const std::string& index_dir) {
  const auto existing = generations(index_dir);
  int next = existing.empty() ? 1 : existing.back().first + 1;
  for (int tries = 0; tries < 100; ++tries, ++next) {
    const std::string name = generation_name(next);
    if (::mkdir((index_dir + "/" + name).c_str(), 0755) == 0) return name;
    if (errno != EEXIST) break;
  }
  return fail(codes::k_io_write,
              std::string("cannot create a new index generation: ") + std::strerror(errno),
              index_dir);
}

// `flags` may add Xapian::DB_NO_SYNC for a scratch database (a part of a build).
Result<Xapian::WritableDatabase> create_database(const std::string& path, int flags = 0) {
  try {
    Xapian::WritableDatabase db(path,
                                Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS | flags);
    add_synonyms(db, builtin_synonyms());
    // 2: the text moved from the document data to slot::k_text (record_of reads both).
    db.set_metadata("naskah.schema", "2");
    return db;
  } catch (const Xapian::Error& e) {
    return xapian_error(e, path);
  }
}

bool has_document(Xapian::Database& db, const std::string& sha256) {
  return db.term_exists(id_term(sha256));
}

void add_spelling(Xapian::WritableDatabase& db, const std::vector<std::string>& words) {
  for (const std::string& w : words) db.add_spelling(w);
}

}  // namespace

bool is_index_folder(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(stub_path(path), ec);
}

std::string live_generation(const std::string& index_dir) {
  const std::string name = stub_target(index_dir);
  if (name.empty() || !fs::is_directory(index_dir + "/" + name)) return {};
  return index_dir + "/" + name;
}

Result<Xapian::Database> open_for_search(const std::string& index_dir) {
  if (live_generation(index_dir).empty()) {
    return fail(codes::k_index_missing,
                "nothing has been indexed yet; add documents with naskah ingest", index_dir);
  }
  try {
    return Xapian::Database(stub_path(index_dir));
  } catch (const Xapian::Error& e) {
    return xapian_error(e, index_dir);
  }
}

// ---- WriteLock ----------------------------------------------------------------------------

Result<WriteLock> WriteLock::acquire(const std::string& index_dir,
                                     std::chrono::milliseconds timeout) {
  if (auto made = make_folder(index_dir); !made) return tl::unexpected(made.error());
  const std::string path = index_dir + "/" + k_lock_name;
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return fail(codes::k_io_write,
                std::string("cannot open the index lock: ") + std::strerror(errno), path);
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool said = false;
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      ::close(fd);
      return fail(codes::k_io_write, std::string("cannot lock the index: ") + std::strerror(errno),
                  path);
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::close(fd);
      return fail(codes::k_index_locked,
                  "another naskah process (ingest, watch or reindex) is writing the index and "
                  "did not finish within " +
                      std::to_string(timeout.count() / 1000) +
                      " s; try again when it is done, or raise index.lock_timeout_seconds",
                  index_dir);
    }
    if (!said) {
      spdlog::info("waiting for another naskah process to finish writing the index");
      said = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return WriteLock(fd);
}

WriteLock::WriteLock(WriteLock&& other) noexcept : m_fd(other.m_fd) {
  other.m_fd = -1;
}

WriteLock::~WriteLock() {
  if (m_fd >= 0) ::close(m_fd);  // closing releases the flock
}

// ---- Writer -------------------------------------------------------------------------------

Result<Writer> Writer::open(const std::string& index_dir, std::chrono::milliseconds lock_timeout) {
  auto lock = WriteLock::acquire(index_dir, lock_timeout);
  if (!lock) return tl::unexpected(lock.error());
  std::string live = live_generation(index_dir);
  if (live.empty()) {
    auto name = create_generation(index_dir);
    if (!name) return tl::unexpected(name.error());
    auto db = create_database(index_dir + "/" + *name);
    if (!db) return tl::unexpected(db.error());
    db->commit();
    if (auto stub = write_stub(index_dir, *name); !stub) return tl::unexpected(stub.error());
    return Writer(std::move(*lock), std::move(*db));
  }
  try {
    return Writer(std::move(*lock), Xapian::WritableDatabase(live, Xapian::DB_OPEN));
  } catch (const Xapian::Error& e) {
    return xapian_error(e, live);
  }
}

bool Writer::contains(const std::string& sha256) {
  return has_document(m_db, sha256);
}

Result<void> Writer::put(const AgreementRecord& record) {
  try {
    Prepared prepared = prepare(record);
    add_spelling(m_db, prepared.spelling);
    m_db.replace_document(prepared.id_term, prepared.document);
    mark_duplicates(m_db, std::vector<std::string>{record.sha256});
    return {};
  } catch (const Xapian::Error& e) {
    return xapian_error(e, record.sha256);
  }
}

Result<void> Writer::commit() {
  try {
    m_db.commit();
    return {};
  } catch (const Xapian::Error& e) {
    return xapian_error(e, "commit");
  }
}

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
    mark_duplicates(m_db);
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

// ---- near duplicates ----------------------------------------------------------------------

namespace {

std::vector<std::string> terms_with_prefix(const Xapian::Document& doc, const std::string& prefix) {
  std::vector<std::string> out;
  Xapian::TermIterator t = doc.termlist_begin();
  t.skip_to(prefix);
  for (; t != doc.termlist_end() && (*t).starts_with(prefix); ++t) out.push_back(*t);
  return out;
}

bool same_agreement(const AgreementRecord& a, const AgreementRecord& b) {
  if (a.sha256 == b.sha256) return false;
  if (a.doc_type && b.doc_type && *a.doc_type != *b.doc_type) return false;
  if (a.parties.empty() || b.parties.empty()) return true;
  std::set<std::string> names;
  for (const Party& p : a.parties) names.insert(term_key(p.name));
  return std::any_of(b.parties.begin(), b.parties.end(),
                     [&](const Party& p) { return names.contains(term_key(p.name)); });
}

std::string duplicate_warning(const std::string& sha256) {
  return "possible duplicate of " + sha256;
}

}  // namespace

std::size_t mark_duplicates(Xapian::WritableDatabase& db,
                            const std::optional<std::vector<std::string>>& only) {
  const std::string number_prefix = prefix::k_number;
  // Documents that share a number term, as groups of document ids.
  std::vector<std::vector<Xapian::docid>> groups;
  auto group_of_term = [&](const std::string& term) {
    std::vector<Xapian::docid> ids;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) ids.push_back(*p);
    if (ids.size() >= 2) groups.push_back(std::move(ids));
  };
  if (only) {
    for (const std::string& sha : *only) {
      const std::string id = id_term(sha);
      auto p = db.postlist_begin(id);
      if (p == db.postlist_end(id)) continue;
      for (const std::string& term : terms_with_prefix(db.get_document(*p), number_prefix)) {
        group_of_term(term);
      }
    }
  } else {
    for (auto t = db.allterms_begin(number_prefix); t != db.allterms_end(number_prefix); ++t) {
      if (t.get_termfreq() >= 2) group_of_term(*t);
    }
  }
  // Pairs that are the same agreement -> the warnings each document should gain.
  std::map<Xapian::docid, std::set<std::string>> add;
  std::map<Xapian::docid, AgreementRecord> records;
  auto record = [&](Xapian::docid id) -> const AgreementRecord* {
    auto it = records.find(id);
    if (it == records.end()) {
      auto r = record_of(db.get_document(id));
      if (!r) return nullptr;
      it = records.emplace(id, std::move(*r)).first;
    }
    return &it->second;
  };
  for (const auto& ids : groups) {
    if (ids.size() > 50) continue;  // a number shared that widely is a common reference
    for (std::size_t i = 0; i < ids.size(); ++i) {
      for (std::size_t j = i + 1; j < ids.size(); ++j) {
        const AgreementRecord* a = record(ids[i]);
        const AgreementRecord* b = record(ids[j]);
        if (a == nullptr || b == nullptr || !same_agreement(*a, *b)) continue;
        add[ids[i]].insert(duplicate_warning(b->sha256));
        add[ids[j]].insert(duplicate_warning(a->sha256));
      }
    }
  }
  std::size_t changed = 0;
  for (auto& [id, warnings] : add) {
    AgreementRecord& r = records.at(id);
    bool grew = false;
    for (const std::string& w : warnings) {
      if (std::find(r.warnings.begin(), r.warnings.end(), w) != r.warnings.end()) continue;
      r.warnings.push_back(w);
      grew = true;
    }
    if (!grew) continue;
    db.replace_document(id, prepare(r).document);
    ++changed;
  }
  return changed;
}

}  // namespace naskah::index
