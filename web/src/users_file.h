// The users file (DATA/users.json) as data: reading it, writing it atomically with mode
// 0600, and the lock that keeps two processes (`naskah serve`, `naskah user ...`) from
// losing each other's changes. Internal to web/; UserStore is the public face.
//
//   {"schema": "naskah.users/1",
//    "users":  [{"name", "role", "created", "password": "<crypto_pwhash_str output>",
//                "active": false (only when deactivated)}],
//    "tokens": [{"user", "label", "hash": "<hex sha256 of the token>", "created"}]}
//
// Functions are thread-safe as long as each thread uses its own UsersFileLock.
#pragma once

#include <string>
#include <vector>

#include "naskah/core/error.h"
#include "naskah/web/auth.h"

namespace naskah::web {

struct StoredUser {
  std::string name;
  Role role = Role::viewer;
  std::string created;
  std::string password_hash;
  bool active = true;  // a deactivated user cannot sign in, and their tokens stop working
};

struct StoredToken {
  std::string user;
  std::string label;
  std::string hash;
  std::string created;
};

struct UsersFile {
  std::vector<StoredUser> users;
  std::vector<StoredToken> tokens;
};

// The file's content; no users when the file does not exist. Fails with internal when the
// file cannot be read or is not a users file.
[[nodiscard]] Result<UsersFile> read_users_file(const std::string& path);

// Replaces the file with `content` (temporary file in the same folder, fsync, rename, fsync
// of the folder), mode 0600; creates the folder when missing. Fails with internal.
[[nodiscard]] Result<void> write_users_file(const std::string& path, const UsersFile& content);

// An exclusive lock on `<path>.lock` (flock), held from construction to destruction: take it
// around every read-change-write of the file. Move-only.
class UsersFileLock {
 public:
  // Creates the folder and the lock file when missing; waits for other holders. Fails with
  // internal when the lock file cannot be created.
  [[nodiscard]] static Result<UsersFileLock> acquire(const std::string& path);
  UsersFileLock(UsersFileLock&& other) noexcept;
  UsersFileLock& operator=(UsersFileLock&&) = delete;
  UsersFileLock(const UsersFileLock&) = delete;
  UsersFileLock& operator=(const UsersFileLock&) = delete;
  ~UsersFileLock();

 private:
  explicit UsersFileLock(int fd) : m_fd(fd) {}
  int m_fd = -1;
};

}  // namespace naskah::web
