// Reading input files whole, with a size limit checked before any byte is read; writing
// files so that a crash never leaves half of one.
// Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "naskah/core/error.h"

namespace naskah {

// Returns the bytes of `path`. Fails with input.unreadable (missing, a folder, no
// permission), input.empty (zero bytes) or input.too-large (more than `max_bytes`).
[[nodiscard]] Result<std::string> read_file(const std::string& path, std::uint64_t max_bytes);

// What a file was when it was looked at: a later look that differs means it was written
// (or replaced) since.
struct FileStamp {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t inode = 0;
  bool regular = true;  // a regular file, not a link, a pipe or a device
  bool operator==(const FileStamp&) const = default;
};

// The stamp of `path` itself (a link's own, not its target's); nullopt when it is gone.
[[nodiscard]] std::optional<FileStamp> stamp_of(const std::string& path);

struct Taken {
  std::string bytes;
  FileStamp stamp;  // as it was read
};

// Takes the bytes of `path`, a file found inside the folder `base` (an inbox, a folder given
// to `naskah ingest`), as naskah takes what others drop there: no link is followed, neither
// on the way from `base` nor at the end (input.symlink), only a regular file is opened
// (input.not-a-file for a FIFO, a socket or a device), and a file that changes while it is
// read, or that a program still holds open for writing, is not taken (file.changed: take
// it later). Otherwise as read_file. `base` itself is the operator's setting and may be a
// link; with `base` "", `path` is a file an operator named and links to it are followed.
[[nodiscard]] Result<Taken> take_file(const std::string& base, const std::string& path,
                                      std::uint64_t max_bytes);

// The bytes of the UTF-8 character at byte `i` of `text`; 0 when none starts there (a byte
// that is not UTF-8, a sequence cut short, an overlong form, a surrogate).
[[nodiscard]] std::size_t utf8_length(std::string_view text, std::size_t i);

// `name` split before its extension: {"scan", ".pdf"}; {".profile", ""}; {"README", ""}.
[[nodiscard]] std::pair<std::string, std::string> split_extension(const std::string& name);

// `raw` (a name an upload or a server gave) as one file name that is safe in any folder,
// also on a Windows share: its last path component only, no control characters, none of
// <>:"|?*, valid UTF-8, no trailing dots or spaces, at most 200 bytes. Empty when nothing
// usable is left, or when it would be hidden (".", "..", ".profile").
[[nodiscard]] std::string safe_file_name(std::string_view raw);

// `bytes` (a file name, a path) as text safe in JSON and in a log line: valid UTF-8 stays,
// bytes that are not UTF-8 and control characters (a newline that would forge a log line)
// become \xNN.
[[nodiscard]] std::string printable(std::string_view bytes);

// Writes `bytes` to `path` so that after a crash the file is either absent, the old one, or
// complete: a temporary file in the same folder, fsync, rename over `path`, fsync the
// folder. Fails with io.write naming the path and the system's reason.
[[nodiscard]] Result<void> write_file_atomic(const std::string& path, std::string_view bytes);

// A file descriptor, closed when its owner goes (or on reset); -1: none.
class Fd {
 public:
  explicit Fd(int fd = -1) : m_fd(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  [[nodiscard]] int get() const { return m_fd; }
  // Closes the one held, and holds `fd` instead.
  void reset(int fd = -1);

 private:
  int m_fd;
};

// Writes all of `bytes` to the descriptor `fd` (retrying short writes and EINTR); false, with
// errno set, when it cannot.
[[nodiscard]] bool write_all(int fd, std::string_view bytes);

// Appends `line` and a newline to `path` (created when missing) and syncs it: for
// append-only logs, whose lines are never rewritten. Fails with io.write.
[[nodiscard]] Result<void> append_line(const std::string& path, const std::string& line);

// "name" for n = 1, "stem (n).ext" after: the names a file is saved under when its own is
// taken ("scan.pdf", "scan (2).pdf"...).
[[nodiscard]] std::string numbered_name(const std::string& name, int n);

// Renames `from` to `to` without ever replacing a file, even with another process saving
// there at the same moment (renameat2 RENAME_NOREPLACE, else a hard link, which refuses an
// existing name just the same). Returns 0, EEXIST when `to` exists, or another errno
// (EXDEV: another file system).
[[nodiscard]] int rename_no_replace(const std::string& from, const std::string& to);

// Moves `from` into `folder` under the first free numbered_name of `name`; returns the name
// used. Fails with io.write (another file system included).
[[nodiscard]] Result<std::string> rename_to_free_name(const std::string& from,
                                                      const std::string& folder,
                                                      const std::string& name);

// Saves `bytes` as a new file in `folder` under the first free numbered_name of `name`,
// durably and never half: written whole and synced under a hidden name that starts with
// k_saving_prefix, then renamed in without replacing anything. Returns the name used.
inline constexpr std::string_view k_saving_prefix = ".saving-";
[[nodiscard]] Result<std::string> save_new(const std::string& folder, const std::string& name,
                                           std::string_view bytes);

// Makes a rename or a new entry in `folder` durable (fsync of the folder).
[[nodiscard]] Result<void> sync_folder(const std::string& folder);

}  // namespace naskah
