// The download in progress and how it is put in place: a hidden ".part" file in the
// destination folder, then a rename that never replaces an existing file. Internal to the
// fetcher (fetch.cc).
#pragma once

#include <string>
#include <utility>

#include "naskah/core/error.h"

namespace naskah::ingest {

// An "io.write" error for `what` on `where`, with errno's reason and what to check.
[[nodiscard]] tl::unexpected<Error> download_write_error(const std::string& where,
                                                         const std::string& what);

// The download in progress: a hidden ".part" file in the destination folder, which folder
// watchers skip. Removed when this object goes, unless it was renamed into place.
class PartFile {
 public:
  [[nodiscard]] static Result<PartFile> create(const std::string& folder);
  PartFile(PartFile&& other) noexcept
      : m_path(std::exchange(other.m_path, {})), m_fd(std::exchange(other.m_fd, -1)) {}
  PartFile& operator=(PartFile&&) = delete;
  ~PartFile();

  [[nodiscard]] int fd() const { return m_fd; }
  [[nodiscard]] const std::string& path() const { return m_path; }
  // Empty again, for another attempt.
  [[nodiscard]] bool reset();
  // On disk before the rename makes it visible; readable like files write_file_atomic makes.
  [[nodiscard]] bool finish();
  void renamed() { m_path.clear(); }

 private:
  PartFile(std::string path, int fd) : m_path(std::move(path)), m_fd(fd) {}
  std::string m_path;
  int m_fd = -1;
};

// Renames the finished file into `folder` as `name`, or "name (2).ext"... when taken, and
// syncs the folder; returns its path.
[[nodiscard]] Result<std::string> move_into_place(PartFile& part, const std::string& folder,
                                                  const std::string& name);

}  // namespace naskah::ingest
