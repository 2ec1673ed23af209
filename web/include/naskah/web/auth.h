// Who may use the web: users with a role, their passwords (argon2id, libsodium), API tokens
// for scripts, browser sessions with a CSRF token, and the throttling of failed logins.
//
// UserStore keeps users and token hashes in one JSON file (DATA/users.json, mode 0600),
// written atomically; it rereads the file when another process (`naskah user ...`) changed
// it. Sessions and LoginThrottle live in memory: a restart signs everybody out.
// All three are thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "naskah/core/error.h"

namespace naskah::web {

// Error codes of this module (CONTRACT.md style).
namespace codes {
inline constexpr const char* k_auth_failed = "auth.failed";        // bad name or password
inline constexpr const char* k_auth_required = "auth.required";    // no session or token
inline constexpr const char* k_auth_forbidden = "auth.forbidden";  // role too low
inline constexpr const char* k_auth_throttled = "auth.throttled";  // too many failures
inline constexpr const char* k_auth_csrf = "auth.csrf";            // missing/bad CSRF token
inline constexpr const char* k_user_exists = "user.exists";
inline constexpr const char* k_user_unknown = "user.unknown";
inline constexpr const char* k_user_invalid = "user.invalid";  // bad name or password
}  // namespace codes

// Ordered: a higher role may do everything a lower one may.
enum class Role { viewer = 0, operator_ = 1, admin = 2 };

[[nodiscard]] std::string_view role_name(Role role);  // "viewer", "operator", "admin"
// Fails with usage.invalid for anything but the three names.
[[nodiscard]] Result<Role> parse_role(std::string_view name);

struct User {
  std::string name;
  Role role = Role::viewer;
  std::string created;  // ISO 8601 UTC
  bool active = true;
  // Changes whenever the account does (password, role, deactivation): a session signed in
  // under another stamp has ended.
  std::string stamp;
};

class UserStore {
 public:
  // `path`: the users file; it need not exist yet (no users).
  explicit UserStore(std::string path);

  // Names: 1-64 of [a-z0-9._-], starting with a letter or digit. Passwords: 8-1024 bytes.
  // Fails with user.invalid, user.exists, or internal when the file cannot be written.
  [[nodiscard]] Result<void> add(const std::string& name, Role role, const std::string& password);
  [[nodiscard]] Result<void> set_password(const std::string& name, const std::string& password);
  // Also drops the user's API tokens. Fails with user.unknown.
  [[nodiscard]] Result<void> remove(const std::string& name);
  [[nodiscard]] Result<void> set_role(const std::string& name, Role role);
  // A deactivated user cannot sign in and their tokens stop working; nothing is deleted.
  [[nodiscard]] Result<void> set_active(const std::string& name, bool active);
  // The account as it is now: user.unknown when removed or deactivated.
  [[nodiscard]] Result<User> current(const std::string& name) const;
  [[nodiscard]] Result<std::vector<User>> list() const;

  // The user when the password is right; auth.failed otherwise (same message whether the
  // name or the password was wrong; the time taken does not tell either).
  [[nodiscard]] Result<User> verify(const std::string& name, const std::string& password) const;

  // A new API token for `name`: shown once, stored only as its hash. Fails with user.unknown.
  [[nodiscard]] Result<std::string> add_token(const std::string& name, const std::string& label);
  // The token's user, or auth.failed.
  [[nodiscard]] Result<User> verify_token(const std::string& token) const;
  // Removes every token of `name`; returns how many there were.
  [[nodiscard]] Result<int> revoke_tokens(const std::string& name);

 private:
  std::string m_path;
  mutable std::mutex m_mutex;         // one read-change-write of the file at a time
  mutable std::mutex m_verify_mutex;  // one password check at a time: each takes 64 MiB
};

struct Session {
  std::string id;    // the cookie value: 32 random bytes, hex
  std::string csrf;  // must come back in X-CSRF-Token on every state-changing request
  User user;
  std::chrono::steady_clock::time_point expires;
};

class Sessions {
 public:
  using Clock = std::chrono::steady_clock;
  // A session ends `ttl` after its last use, and at the latest `max_age` after sign-in.
  Sessions(std::chrono::seconds ttl, std::chrono::seconds max_age);

  Session create(const User& user, Clock::time_point now = Clock::now());
  // The live session with this id (its idle timer restarted), or nullopt when unknown or
  // expired (then it is forgotten).
  std::optional<Session> find(const std::string& id, Clock::time_point now = Clock::now());
  void remove(const std::string& id);
  // Ends every session of `user_name` (after a password change or removal).
  void remove_user(const std::string& user_name);
  [[nodiscard]] std::size_t size() const;

 private:
  struct Entry {
    Session session;
    Clock::time_point signed_in;
  };
  std::chrono::seconds m_ttl;
  std::chrono::seconds m_max_age;
  mutable std::mutex m_mutex;
  std::map<std::string, Entry> m_sessions;
};

// Failed logins per key (a user name from one address, and an address): after a key's
// maximum of failures within `window`, it is refused until `lockout` has passed.
// A sign-in first claims an attempt on all its keys at once and then reports how it went
// (failed or succeeded), so that attempts sent in parallel are counted before their passwords
// are checked: no more than `max_failures` of them are checked.
class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  LoginThrottle(int max_failures, std::chrono::seconds window, std::chrono::seconds lockout);

  // Seconds until `key` may try again; 0 when it may now.
  [[nodiscard]] std::int64_t retry_after(const std::string& key,
                                         Clock::time_point now = Clock::now());
  // A key, and how many failures lock it out (0: `max_failures`).
  struct Key {
    std::string name;
    int max_failures = 0;
  };
  // Claims one attempt on every key: 0 when it may go ahead, else the seconds to wait (the
  // lockout's, or 1 while the attempts in flight would reach the key's maximum). Every
  // claim ends with failed() or succeeded() on each of its keys.
  [[nodiscard]] std::int64_t claim(const std::vector<Key>& keys,
                                   Clock::time_point now = Clock::now());
  void failed(const std::string& key, Clock::time_point now = Clock::now());
  void succeeded(const std::string& key);

 private:
  struct Entry {
    std::vector<Clock::time_point> failures;
    Clock::time_point locked_until{};
    int in_flight = 0;  // claimed and not yet failed or succeeded
    int max_failures = 0;
  };
  // Forgets the keys with nothing to remember, when there are many (memory bound).
  void prune(Clock::time_point now);
  int m_max_failures;
  std::chrono::seconds m_window;
  std::chrono::seconds m_lockout;
  std::mutex m_mutex;
  std::map<std::string, Entry> m_entries;
  std::size_t m_prune_at;  // forget stale keys when there are this many (memory bound)
};

// 32 random bytes (libsodium), hex: session ids, CSRF and API tokens.
[[nodiscard]] std::string random_token();
// Constant-time comparison of two secrets; false when the lengths differ or either is
// empty (a missing header is never a match).
[[nodiscard]] bool same_secret(std::string_view a, std::string_view b);

}  // namespace naskah::web
