#include "part_file.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "naskah/core/file.h"

namespace naskah::ingest {
namespace fs = std::filesystem;

tl::unexpected<Error> download_write_error(const std::string& where, const std::string& what) {
  return fail(codes::k_io_write,
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
  auto placed = rename_to_free_name(part.path(), folder, name);
  if (!placed) return tl::unexpected(placed.error());
  part.renamed();
  // The bytes are synced; only the new name could be lost in a crash now.
  if (auto synced = sync_folder(folder); !synced) {
    spdlog::warn("fetch: {} ({})", synced.error().message, synced.error().where);
  }
  return (fs::path(folder) / *placed).string();
}

}  // namespace naskah::ingest
