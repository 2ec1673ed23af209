// The write lock and the writer of the live generation (ingest's side of the index).
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "generations.h"
#include "naskah/index/schema.h"
#include "naskah/index/store.h"

namespace naskah::index {
using namespace internal;

namespace {

void add_spelling(Xapian::WritableDatabase& db, const std::vector<std::string>& words) {
  for (const std::string& w : words) db.add_spelling(w);
}

}  // namespace

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
    // The family it was in before, and the agreements it shared a number with: a corrected
    // number or citation may have cut it loose from them.
    std::vector<std::string> family{record.sha256};
    std::vector<std::string> sharing{record.sha256};
    const std::string id = id_term(record.sha256);
    if (auto p = m_db.postlist_begin(id); p != m_db.postlist_end(id)) {
      if (auto before = record_of(m_db.get_document(*p), false)) {
        if (before->parent) family.push_back(*before->parent);
        family.insert(family.end(), before->children.begin(), before->children.end());
        for (const ReviewFlag& f : before->needs_review) {
          if (f.code == review::k_number_reused && f.value) sharing.push_back(*f.value);
        }
      }
    }
    Prepared prepared = prepare(record);
    add_spelling(m_db, prepared.spelling);
    m_db.replace_document(prepared.id_term, prepared.document);
    mark_duplicates(m_db, sharing);
    link_families(m_db, family);
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

}  // namespace naskah::index
