#include "naskah/core/file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace naskah {

Result<std::string> read_file(const std::string& path, std::uint64_t max_bytes) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return fail(codes::k_input_unreadable,
                "cannot open the file (" + std::string(std::strerror(errno)) +
                    "); check the path and that naskah may read it",
                path);
  }
  if (!S_ISREG(st.st_mode)) {
    return fail(codes::k_input_unreadable, "not a regular file; give a file, not a folder",
                path);
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size == 0) {
    return fail(codes::k_input_empty,
                "the file is empty (0 bytes); the copy or upload probably failed, send it again",
                path);
  }
  if (size > max_bytes) {
    return fail(codes::k_input_too_large,
                "the file is " + std::to_string(size / (1024 * 1024)) +
                    " MB, over the limit of " + std::to_string(max_bytes / (1024 * 1024)) +
                    " MB; split the scan or raise limits.max_file_mb",
                path);
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes(size, '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) {
    return fail(codes::k_input_unreadable, "the file could not be read to the end", path);
  }
  return bytes;
}

namespace {

tl::unexpected<Error> write_error(const std::string& path, const char* what) {
  return fail("io.write",
              std::string(what) + " failed (" + std::strerror(errno) +
                  "); check free space and permissions of the data folder",
              path);
}

std::string folder_of(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

Result<void> sync_folder(const std::string& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return write_error(folder, "opening the folder");
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return write_error(folder, "syncing the folder");
  return {};
}

Result<void> write_file_atomic(const std::string& path, std::string_view bytes) {
  std::string temp = path + ".tmp-XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return write_error(path, "creating a temporary file");
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      auto error = write_error(path, "writing");
      ::close(fd);
      ::unlink(temp.c_str());
      return error;
    }
    done += static_cast<std::size_t>(n);
  }
  ::fchmod(fd, 0644);
  if (::fsync(fd) != 0) {
    auto error = write_error(path, "syncing");
    ::close(fd);
    ::unlink(temp.c_str());
    return error;
  }
  ::close(fd);
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    auto error = write_error(path, "renaming the temporary file");
    ::unlink(temp.c_str());
    return error;
  }
  return sync_folder(folder_of(path));
}

}  // namespace naskah
