#include "part_file.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "fetch_rules.h"
#include "naskah/core/file.h"

namespace naskah::ingest {
namespace fs = std::filesystem;
namespace {

constexpr int k_max_copies = 1000;

// Renames without ever replacing a file: 0, EEXIST when `to` exists, or another errno.
int rename_no_replace(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) return errno;
  // Some file systems, network shares among them, lack RENAME_NOREPLACE; a hard link refuses
  // an existing name just the same.
  if (::link(from.c_str(), to.c_str()) == 0) {
    ::unlink(from.c_str());
    return 0;
  }
  if (errno == EEXIST) return EEXIST;
  // Nor hard links (FAT, some shares): look, then rename; only a file of the same name made
  // in between could be lost.
  if (::access(to.c_str(), F_OK) == 0) return EEXIST;
  return ::rename(from.c_str(), to.c_str()) == 0 ? 0 : errno;
}

}  // namespace

tl::unexpected<Error> download_write_error(const std::string& where, const std::string& what) {
  return fail("io.write",
              what + " failed (" + std::strerror(errno) +
                  "); check free space and permissions of the download folder",
              where);
}

Result<PartFile> PartFile::create(const std::string& folder) {
  std::string path = (fs::path(folder) / ".naskah-fetch-XXXXXX.part").string();
  const int fd = ::mkstemps(path.data(), 5);
  if (fd < 0) return download_write_error(folder, "creating the download file");
  return PartFile(std::move(path), fd);
}

PartFile::~PartFile() {
  if (m_fd >= 0) ::close(m_fd);
  if (!m_path.empty()) ::unlink(m_path.c_str());
}

bool PartFile::reset() {
  return ::ftruncate(m_fd, 0) == 0 && ::lseek(m_fd, 0, SEEK_SET) == 0;
}

bool PartFile::finish() {
  const bool ok = ::fchmod(m_fd, 0644) == 0 && ::fsync(m_fd) == 0;
  const int error = errno;  // for the caller's message, whatever close() does
  ::close(m_fd);
  m_fd = -1;
  errno = error;
  return ok;
}

Result<std::string> move_into_place(PartFile& part, const std::string& folder,
                                    const std::string& name) {
  const auto [stem, ext] = split_extension(name);
  for (int copy = 1; copy <= k_max_copies; ++copy) {
    const std::string candidate = copy == 1 ? name : stem + " (" + std::to_string(copy) + ")" + ext;
    const std::string path = (fs::path(folder) / candidate).string();
    const int error = rename_no_replace(part.path(), path);
    if (error == EEXIST) continue;
    if (error != 0) {
      errno = error;
      return download_write_error(path, "renaming the download into place");
    }
    part.renamed();
    // The bytes are synced; only the new name could be lost in a crash now.
    if (auto synced = sync_folder(folder); !synced) {
      spdlog::warn("fetch: {} ({})", synced.error().message, synced.error().where);
    }
    return path;
  }
  return fail("io.write",
              "more than " + std::to_string(k_max_copies) + " files are named like " + name +
                  "; move some out of the folder",
              folder);
}

}  // namespace naskah::ingest
