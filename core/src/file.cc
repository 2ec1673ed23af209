#include "naskah/core/file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include <sys/stat.h>

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

}  // namespace naskah
