#include "naskah/core/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <system_error>

namespace naskah {

namespace {

tl::unexpected<Error> cannot_open(const std::string& path) {
  return fail(codes::k_input_unreadable,
              "cannot open the file (" + std::string(std::strerror(errno)) +
                  "); check the path and that naskah may read it",
              path);
}

tl::unexpected<Error> is_link(const std::string& path) {
  return fail(codes::k_input_symlink,
              "this is a link to another place, not a file; naskah never follows links where "
              "files are dropped: copy the file itself into the folder",
              path);
}

tl::unexpected<Error> not_a_file(const std::string& path) {
  return fail(codes::k_input_not_a_file,
              "this is not a file (a pipe, a socket or a device); only files are taken: copy "
              "the document itself into the folder",
              path);
}

FileStamp stamp_from(const struct stat& st) {
  return FileStamp{
      static_cast<std::uint64_t>(st.st_size),
      static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec,
      static_cast<std::uint64_t>(st.st_ino), S_ISREG(st.st_mode)};
}

tl::unexpected<Error> changed(const std::string& path) {
  return fail(codes::k_file_changed,
              "the file is still being written (it changed while it was read, or a program "
              "holds it open for writing); it will be read again once it stays the same",
              path);
}

// The bytes of the regular file open on `fd`, within `max_bytes`; file.changed when it
// grew, shrank or was written while it was read.
Result<std::string> read_open(int fd, const std::string& path, std::uint64_t max_bytes) {
  struct stat before {};
  if (::fstat(fd, &before) != 0) return cannot_open(path);
  if (S_ISDIR(before.st_mode)) {
    return fail(codes::k_input_unreadable, "not a regular file; give a file, not a folder", path);
  }
  if (!S_ISREG(before.st_mode)) return not_a_file(path);
  const auto size = static_cast<std::uint64_t>(before.st_size);
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
  std::string bytes(size, '\0');
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, bytes.data() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  struct stat after {};
  char extra = 0;
  const bool grew = ::read(fd, &extra, 1) > 0;
  if (done < size || grew || ::fstat(fd, &after) != 0 ||
      !(stamp_from(before) == stamp_from(after))) {
    return changed(path);
  }
  return bytes;
}

// `path` as named (links followed); the descriptor, or why not.
Result<int> open_named(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return cannot_open(path);
  // A pipe named on the command line would block the open; a device is no document.
  if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) return not_a_file(path);
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return cannot_open(path);
  return fd;
}

}  // namespace

Result<std::string> read_file(const std::string& path, std::uint64_t max_bytes) {
  auto opened = open_named(path);
  if (!opened) return tl::unexpected(opened.error());
  const Fd fd(*opened);
  return read_open(fd.get(), path, max_bytes);
}

namespace {

// The regular file `path` inside `base`, opened without following a link on the way
// (see take_file); the descriptor, or why not.
Result<int> open_beneath(const std::string& base, const std::string& path) {
  const std::string prefix = base.ends_with('/') ? base : base + "/";
  if (!path.starts_with(prefix)) {
    return fail(codes::k_internal, "the file is not inside the folder it was taken from", path);
  }
  auto folder = std::make_unique<Fd>(::open(base.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (folder->get() < 0) return cannot_open(path);
  // One step at a time from `base`, each refusing a link: a folder swapped for a link to
  // another place between the scan and this open leads nowhere.
  std::string_view rest(path);
  rest.remove_prefix(prefix.size());
  for (auto slash = rest.find('/'); slash != std::string_view::npos; slash = rest.find('/')) {
    const std::string step(rest.substr(0, slash));
    rest.remove_prefix(slash + 1);
    if (step.empty() || step == ".") continue;
    if (step == "..") return is_link(path);  // out of `base`: as good as a link
    const int next =
        ::openat(folder->get(), step.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (next < 0) return errno == ELOOP || errno == ENOTDIR ? is_link(path) : cannot_open(path);
    folder = std::make_unique<Fd>(next);
  }
  const std::string name(rest);
  struct stat st {};
  if (::fstatat(folder->get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    return cannot_open(path);
  }
  if (S_ISLNK(st.st_mode)) return is_link(path);
  if (!S_ISREG(st.st_mode)) return not_a_file(path);  // never opened: a FIFO would block
  const int fd =
      ::openat(folder->get(), name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return errno == ELOOP ? is_link(path) : cannot_open(path);
  return fd;
}

}  // namespace

std::optional<FileStamp> stamp_of(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return std::nullopt;
  return stamp_from(st);
}

Result<Taken> take_file(const std::string& base, const std::string& path, std::uint64_t max_bytes) {
  auto opened = base.empty() ? open_named(path) : open_beneath(base, path);
  if (!opened) return tl::unexpected(opened.error());
  const Fd fd(*opened);
  // A read lease is granted only while no one has the file open for writing: a writer that
  // paused longer than the settle time is still seen. (Only on files naskah owns, or as
  // root; elsewhere the timing rules alone decide.)
  if (::fcntl(fd.get(), F_SETLEASE, F_RDLCK) == 0) {
    ::fcntl(fd.get(), F_SETLEASE, F_UNLCK);
  } else if (errno == EAGAIN) {
    return changed(path);
  }
  auto bytes = read_open(fd.get(), path, max_bytes);
  if (!bytes) return tl::unexpected(bytes.error());
  struct stat st {};
  ::fstat(fd.get(), &st);
  return Taken{std::move(*bytes), stamp_from(st)};
}

std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return 1;
  // The length a lead byte announces, and the least code point that length may hold
  // (shorter forms of a character are not UTF-8).
  const std::size_t length = c >= 0xf0 && c <= 0xf4  ? 4
                             : c >= 0xe0 && c < 0xf0 ? 3
                             : c >= 0xc2 && c < 0xe0 ? 2
                                                     : 0;
  if (length == 0 || i + length > text.size()) return 0;
  std::uint32_t code = length == 2 ? c & 0x1f : length == 3 ? c & 0x0f : c & 0x07;
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xc0) != 0x80) return 0;
    code = (code << 6) | (next & 0x3f);
  }
  constexpr std::uint32_t k_least[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < k_least[length] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return 0;
  return length;
}

std::pair<std::string, std::string> split_extension(const std::string& name) {
  const auto dot = name.rfind('.');
  if (dot == std::string::npos || dot == 0) return {name, ""};
  return {name.substr(0, dot), name.substr(dot)};
}

std::string safe_file_name(std::string_view raw) {
  // Room for " (NNN)" within NAME_MAX (255 bytes), and for names a person can read.
  constexpr std::size_t k_max_name_bytes = 200;
  // Only the last component: a name must never lead out of the folder.
  if (const auto slash = raw.find_last_of("/\\"); slash != std::string_view::npos) {
    raw.remove_prefix(slash + 1);
  }
  std::string name;
  for (std::size_t i = 0; i < raw.size();) {
    const auto c = static_cast<unsigned char>(raw[i]);
    const std::size_t n = utf8_length(raw, i);
    if (n == 0 || c < 0x20 || c == 0x7f ||
        std::string_view("<>:\"|?*").find(raw[i]) != std::string_view::npos) {
      name += '_';
      i += std::max<std::size_t>(n, 1);
      continue;
    }
    name.append(raw.substr(i, n));
    i += n;
  }
  // Windows drops trailing dots and spaces; this also turns "." and ".." into nothing.
  while (!name.empty() && (name.back() == '.' || name.back() == ' ')) name.pop_back();
  name.erase(0, std::min(name.find_first_not_of(' '), name.size()));
  if (name.empty() || name.front() == '.') return {};
  if (name.size() > k_max_name_bytes) {
    auto [stem, ext] = split_extension(name);
    if (ext.size() > 16) ext.clear();
    std::size_t keep = k_max_name_bytes - ext.size();
    while (keep > 0 && (static_cast<unsigned char>(name[keep]) & 0xC0) == 0x80) --keep;
    name = name.substr(0, keep) + ext;
  }
  return name;
}

std::string printable(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    const std::size_t n = utf8_length(bytes, i);
    if (n == 0 || c < 0x20 || c == 0x7f) {
      constexpr char k_hex[] = "0123456789abcdef";
      out += "\\x";
      out += k_hex[c >> 4];
      out += k_hex[c & 0xf];
      ++i;
      continue;
    }
    out.append(bytes.substr(i, n));
    i += n;
  }
  return out;
}

namespace {

tl::unexpected<Error> write_error(const std::string& path, const char* what) {
  return fail(codes::k_io_write,
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

void Fd::reset(int fd) {
  if (m_fd >= 0) ::close(m_fd);
  m_fd = fd;
}

bool write_all(int fd, std::string_view bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

Result<void> sync_folder(const std::string& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return write_error(folder, "opening the folder");
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return write_error(folder, "syncing the folder");
  return {};
}

namespace {

// Writes `bytes` to a new file named by mkstemp's `pattern` and syncs it; returns its name.
// Nothing is left behind when it fails.
Result<std::string> write_synced_temp(std::string pattern, std::string_view bytes,
                                      const std::string& shown) {
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) return write_error(shown, "creating a temporary file");
  auto give_up = [&](const char* doing) {
    auto error = write_error(shown, doing);
    ::close(fd);
    ::unlink(pattern.c_str());
    return error;
  };
  if (!write_all(fd, bytes)) return give_up("writing");
  ::fchmod(fd, 0644);
  if (::fsync(fd) != 0) return give_up("syncing");
  ::close(fd);
  return pattern;
}

}  // namespace

Result<void> write_file_atomic(const std::string& path, std::string_view bytes) {
  auto temp = write_synced_temp(path + ".tmp-XXXXXX", bytes, path);
  if (!temp) return tl::unexpected(temp.error());
  if (::rename(temp->c_str(), path.c_str()) != 0) {
    auto error = write_error(path, "renaming the temporary file");
    ::unlink(temp->c_str());
    return error;
  }
  return sync_folder(folder_of(path));
}

Result<std::string> save_new(const std::string& folder, const std::string& name,
                             std::string_view bytes) {
  auto temp = write_synced_temp(folder + "/" + std::string(k_saving_prefix) + "XXXXXX", bytes,
                                folder + "/" + name);
  if (!temp) return tl::unexpected(temp.error());
  auto saved = rename_to_free_name(*temp, folder, name);
  if (!saved) {
    ::unlink(temp->c_str());
    return saved;
  }
  if (auto synced = sync_folder(folder); !synced) return tl::unexpected(synced.error());
  return saved;
}

Result<void> append_line(const std::string& path, const std::string& line) {
  std::error_code ec;
  const bool is_new = !std::filesystem::exists(path, ec);
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) return write_error(path, "opening");
  if (!write_all(fd, line + "\n")) {
    auto error = write_error(path, "writing");
    ::close(fd);
    return error;
  }
  const int synced = ::fsync(fd);
  ::close(fd);
  if (synced != 0) return write_error(path, "syncing");
  if (is_new) return sync_folder(folder_of(path));
  return {};
}

std::string numbered_name(const std::string& name, int n) {
  if (n <= 1) return name;
  const auto [stem, extension] = split_extension(name);
  return stem + " (" + std::to_string(n) + ")" + extension;
}

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

Result<std::string> rename_to_free_name(const std::string& from, const std::string& folder,
                                        const std::string& name) {
  constexpr int k_max_copies = 1000;
  for (int n = 1; n <= k_max_copies; ++n) {
    const std::string candidate = numbered_name(name, n);
    const int error = rename_no_replace(from, folder + "/" + candidate);
    if (error == 0) return candidate;
    if (error == EEXIST) continue;
    errno = error;
    return write_error(folder + "/" + candidate, "moving the file into place");
  }
  return fail(codes::k_io_write,
              "more than " + std::to_string(k_max_copies) + " files are named like " +
                  printable(name) + "; move some out of the folder",
              folder);
}

}  // namespace naskah
