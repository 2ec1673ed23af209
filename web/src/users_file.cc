#include "users_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <system_error>

#include "naskah/core/file.h"

namespace naskah::web {
namespace {

constexpr const char* k_users_schema = "naskah.users/1";

tl::unexpected<Error> users_file_error(const std::string& path, const std::string& what) {
  return fail(naskah::codes::k_internal,
              what + " (" + std::strerror(errno) +
                  "); check free space and the permissions of the data folder",
              path);
}

std::string users_file_folder(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

Result<void> make_users_folder(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(users_file_folder(path), ec);
  if (ec) {
    return fail(naskah::codes::k_internal,
                "cannot create the folder of the users file (" + ec.message() +
                    "); check the permissions of the data folder",
                path);
  }
  return {};
}

nlohmann::ordered_json users_file_json(const UsersFile& content) {
  nlohmann::ordered_json users = nlohmann::ordered_json::array();
  for (const StoredUser& u : content.users) {
    users.push_back({{"name", u.name},
                     {"role", role_name(u.role)},
                     {"created", u.created},
                     {"password", u.password_hash}});
    if (!u.active) users.back()["active"] = false;
  }
  nlohmann::ordered_json tokens = nlohmann::ordered_json::array();
  for (const StoredToken& t : content.tokens) {
    tokens.push_back(
        {{"user", t.user}, {"label", t.label}, {"hash", t.hash}, {"created", t.created}});
  }
  return {{"schema", k_users_schema}, {"users", users}, {"tokens", tokens}};
}

// Throws nlohmann::json::exception on members of the wrong type.
Result<UsersFile> users_file_from_json(const nlohmann::json& doc) {
  UsersFile out;
  for (const auto& u : doc.value("users", nlohmann::json::array())) {
    StoredUser user;
    user.name = u.at("name").get<std::string>();
    auto role = parse_role(u.at("role").get<std::string>());
    if (!role)
      return fail(naskah::codes::k_internal, "user '" + user.name + "' has an unknown role");
    user.role = *role;
    user.created = u.value("created", "");
    user.password_hash = u.at("password").get<std::string>();
    user.active = u.value("active", true);
    out.users.push_back(std::move(user));
  }
  for (const auto& t : doc.value("tokens", nlohmann::json::array())) {
    out.tokens.push_back({t.at("user").get<std::string>(), t.value("label", ""),
                          t.at("hash").get<std::string>(), t.value("created", "")});
  }
  return out;
}

}  // namespace

Result<UsersFile> read_users_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return UsersFile{};  // no users yet
    return users_file_error(path, "cannot open the users file");
  }
  std::string text;
  char buffer[8192];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      auto error = users_file_error(path, "cannot read the users file");
      ::close(fd);
      return error;
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  if (text.empty()) return UsersFile{};
  const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  const std::string damaged =
      "the users file is damaged; restore it from a backup, or move it away and add the "
      "users again with `naskah user add`";
  if (!doc.is_object())
    return fail(naskah::codes::k_internal, damaged + " (not a JSON object)", path);
  try {
    auto content = users_file_from_json(doc);
    if (!content)
      return fail(naskah::codes::k_internal, damaged + " (" + content.error().message + ")", path);
    return content;
  } catch (const nlohmann::json::exception& e) {
    return fail(naskah::codes::k_internal, damaged + " (" + e.what() + ")", path);
  }
}

Result<void> write_users_file(const std::string& path, const UsersFile& content) {
  if (auto made = make_users_folder(path); !made) return made;
  const std::string bytes = users_file_json(content).dump(2) + "\n";
  std::string temp = path + ".tmp-XXXXXX";
  const int fd = ::mkstemp(temp.data());  // mode 0600 already; fchmod below says so
  if (fd < 0) return users_file_error(path, "cannot create a temporary users file");
  auto abandon = [&](const char* what) {
    auto error = users_file_error(path, what);
    ::close(fd);
    ::unlink(temp.c_str());
    return error;
  };
  if (::fchmod(fd, 0600) != 0) return abandon("cannot restrict the users file to its owner");
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return abandon("cannot write the users file");
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return abandon("cannot sync the users file");
  ::close(fd);
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    auto error = users_file_error(path, "cannot replace the users file");
    ::unlink(temp.c_str());
    return error;
  }
  if (auto synced = sync_folder(users_file_folder(path)); !synced) {
    return fail(naskah::codes::k_internal, synced.error().message, synced.error().where);
  }
  return {};
}

Result<UsersFileLock> UsersFileLock::acquire(const std::string& path) {
  if (auto made = make_users_folder(path); !made) return tl::unexpected(made.error());
  const std::string lock_path = path + ".lock";
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return users_file_error(lock_path, "cannot create the lock of the users file");
  int rc = 0;
  while ((rc = ::flock(fd, LOCK_EX)) != 0 && errno == EINTR) {
  }
  if (rc != 0) {
    auto error = users_file_error(lock_path, "cannot lock the users file");
    ::close(fd);
    return error;
  }
  return UsersFileLock(fd);
}

UsersFileLock::UsersFileLock(UsersFileLock&& other) noexcept : m_fd(other.m_fd) {
  other.m_fd = -1;
}

UsersFileLock::~UsersFileLock() {
  if (m_fd >= 0) ::close(m_fd);  // closing releases the flock
}

}  // namespace naskah::web
