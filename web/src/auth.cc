#include "naskah/web/auth.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <functional>
#include <stdexcept>

#include "naskah/core/clock.h"
#include "naskah/core/sha256.h"
#include "users_file.h"

namespace naskah::web {
namespace {

constexpr std::size_t k_max_user_name_bytes = 64;
constexpr std::size_t k_min_password_bytes = 8;
constexpr std::size_t k_max_password_bytes = 1024;
constexpr std::size_t k_random_token_bytes = 32;
// At this many keys, LoginThrottle first forgets the keys with nothing recent to remember.
constexpr std::size_t k_throttle_prune_at = 10000;

constexpr const char* k_auth_failed_message = "the user name or the password is wrong";

void init_sodium_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  });
}

bool is_name_start_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

Result<void> check_user_name(const std::string& name) {
  const bool valid =
      !name.empty() && name.size() <= k_max_user_name_bytes && is_name_start_char(name[0]) &&
      std::all_of(name.begin(), name.end(),
                  [](char c) { return is_name_start_char(c) || c == '.' || c == '_' || c == '-'; });
  if (valid) return {};
  return fail(codes::k_user_invalid,
              "a user name must be 1 to 64 characters: lower-case letters a-z, digits, '.', '_' "
              "or '-', starting with a letter or a digit");
}

Result<void> check_password(const std::string& password) {
  if (password.size() < k_min_password_bytes) {
    return fail(codes::k_user_invalid, "the password is too short: use at least 8 characters");
  }
  if (password.size() > k_max_password_bytes) {
    return fail(codes::k_user_invalid, "the password is too long: use at most 1024 bytes");
  }
  return {};
}

// argon2id at libsodium's "interactive" cost: about 0.1 s and 64 MiB per hash.
Result<std::string> hash_password(std::string_view password) {
  init_sodium_once();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return fail(naskah::codes::k_internal,
                "could not hash the password: out of memory (argon2id needs 64 MiB)");
  }
  return std::string(out.data());
}

bool password_matches(const std::string& hash, std::string_view password) {
  init_sodium_once();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

// What verify() checks a password against when the user does not exist, so that a wrong
// name costs as much time as a wrong password.
const std::string& dummy_password_hash() {
  static const std::string k_hash = [] {
    auto hash = hash_password(random_token());
    return hash ? *hash : std::string();
  }();
  return k_hash;
}

template <typename File>
auto* find_stored_user(File& file, const std::string& name) {
  auto it = std::find_if(file.users.begin(), file.users.end(),
                         [&](const StoredUser& u) { return u.name == name; });
  return it == file.users.end() ? nullptr : &*it;
}

tl::unexpected<Error> unknown_user(const std::string& name) {
  return fail(codes::k_user_unknown,
              "there is no user named '" + name + "'; `naskah user list` shows the users");
}

User public_user(const StoredUser& stored) {
  const std::string state = stored.name + '\n' + std::string(role_name(stored.role)) + '\n' +
                            stored.password_hash + '\n' + (stored.active ? "active" : "inactive");
  return {stored.name, stored.role, stored.created, stored.active, sha256_hex(state).substr(0, 32)};
}

// Reads the users file, applies `change` and writes the file back when `change` succeeded,
// all under `mutex` and the file's lock.
Result<void> change_users_file(const std::string& path, std::mutex& mutex,
                               const std::function<Result<void>(UsersFile&)>& change) {
  std::lock_guard<std::mutex> guard(mutex);
  auto lock = UsersFileLock::acquire(path);
  if (!lock) return tl::unexpected(lock.error());
  auto file = read_users_file(path);
  if (!file) return tl::unexpected(file.error());
  if (auto changed = change(*file); !changed) return changed;
  return write_users_file(path, *file);
}

Result<UsersFile> read_users_locked(const std::string& path, std::mutex& mutex) {
  std::lock_guard<std::mutex> guard(mutex);
  return read_users_file(path);  // a rename replaces it whole: no file lock needed to read
}

std::string session_map_key(const std::string& id) {
  return sha256_hex(id);
}

}  // namespace

std::string_view role_name(Role role) {
  switch (role) {
    case Role::viewer: return "viewer";
    case Role::operator_: return "operator";
    case Role::admin: return "admin";
  }
  return "viewer";
}

Result<Role> parse_role(std::string_view name) {
  if (name == "viewer") return Role::viewer;
  if (name == "operator") return Role::operator_;
  if (name == "admin") return Role::admin;
  return fail(naskah::codes::k_usage_invalid,
              "unknown role '" + std::string(name) + "'; use viewer, operator or admin");
}

// ---- UserStore ----

UserStore::UserStore(std::string path) : m_path(std::move(path)) {}

Result<void> UserStore::add(const std::string& name, Role role, const std::string& password) {
  if (auto ok = check_user_name(name); !ok) return ok;
  if (auto ok = check_password(password); !ok) return ok;
  auto hash = hash_password(password);  // before taking the lock: it takes a while
  if (!hash) return tl::unexpected(hash.error());
  return change_users_file(m_path, m_mutex, [&](UsersFile& file) -> Result<void> {
    if (find_stored_user(file, name) != nullptr) {
      return fail(codes::k_user_exists, "a user named '" + name +
                                            "' already exists; `naskah user passwd` changes "
                                            "the password");
    }
    file.users.push_back({name, role, utc_now_iso(), *hash});
    std::sort(file.users.begin(), file.users.end(),
              [](const StoredUser& a, const StoredUser& b) { return a.name < b.name; });
    return {};
  });
}

Result<void> UserStore::set_password(const std::string& name, const std::string& password) {
  if (auto ok = check_password(password); !ok) return ok;
  auto hash = hash_password(password);
  if (!hash) return tl::unexpected(hash.error());
  return change_users_file(m_path, m_mutex, [&](UsersFile& file) -> Result<void> {
    StoredUser* user = find_stored_user(file, name);
    if (user == nullptr) return unknown_user(name);
    user->password_hash = *hash;
    return {};
  });
}

Result<void> UserStore::remove(const std::string& name) {
  return change_users_file(m_path, m_mutex, [&](UsersFile& file) -> Result<void> {
    if (find_stored_user(file, name) == nullptr) return unknown_user(name);
    std::erase_if(file.users, [&](const StoredUser& u) { return u.name == name; });
    std::erase_if(file.tokens, [&](const StoredToken& t) { return t.user == name; });
    return {};
  });
}

Result<void> UserStore::set_role(const std::string& name, Role role) {
  return change_users_file(m_path, m_mutex, [&](UsersFile& file) -> Result<void> {
    StoredUser* user = find_stored_user(file, name);
    if (user == nullptr) return unknown_user(name);
    user->role = role;
    return {};
  });
}

Result<void> UserStore::set_active(const std::string& name, bool active) {
  return change_users_file(m_path, m_mutex, [&](UsersFile& file) -> Result<void> {
    StoredUser* user = find_stored_user(file, name);
    if (user == nullptr) return unknown_user(name);
    user->active = active;
    return {};
  });
}

Result<User> UserStore::current(const std::string& name) const {
  auto file = read_users_locked(m_path, m_mutex);
  if (!file) return tl::unexpected(file.error());
  const StoredUser* user = find_stored_user(*file, name);
  if (user == nullptr || !user->active) return unknown_user(name);
  return public_user(*user);
}

Result<std::vector<User>> UserStore::list() const {
  auto file = read_users_locked(m_path, m_mutex);
  if (!file) return tl::unexpected(file.error());
  std::vector<User> users;
  for (const StoredUser& u : file->users) users.push_back(public_user(u));
  return users;
}

Result<User> UserStore::verify(const std::string& name, const std::string& password) const {
  const std::string& dummy = dummy_password_hash();
  auto file = read_users_locked(m_path, m_mutex);
  if (!file) return tl::unexpected(file.error());
  const StoredUser* user = find_stored_user(*file, name);
  bool matches = false;
  {
    std::lock_guard<std::mutex> guard(m_verify_mutex);
    matches = password_matches(user != nullptr ? user->password_hash : dummy, password);
  }
  if (user == nullptr || !matches || !user->active) {
    return fail(codes::k_auth_failed, k_auth_failed_message);
  }
  return public_user(*user);
}

Result<std::string> UserStore::add_token(const std::string& name, const std::string& label) {
  std::string token = random_token();
  auto changed = change_users_file(m_path, m_mutex, [&](UsersFile& file) -> Result<void> {
    if (find_stored_user(file, name) == nullptr) return unknown_user(name);
    file.tokens.push_back({name, label, sha256_hex(token), utc_now_iso()});
    return {};
  });
  if (!changed) return tl::unexpected(changed.error());
  return token;
}

Result<User> UserStore::verify_token(const std::string& token) const {
  const auto refused = [] {
    return fail(codes::k_auth_failed,
                "the API token is not valid (revoked, or its user removed); an administrator "
                "can make a new one with `naskah user token`");
  };
  if (token.empty()) return refused();
  auto file = read_users_locked(m_path, m_mutex);
  if (!file) return tl::unexpected(file.error());
  const std::string hash = sha256_hex(token);
  const StoredToken* found = nullptr;
  for (const StoredToken& t : file->tokens) {
    // Every stored hash is compared, in constant time, whatever matched before.
    if (same_secret(t.hash, hash) && found == nullptr) found = &t;
  }
  if (found == nullptr) return refused();
  const StoredUser* user = find_stored_user(*file, found->user);
  if (user == nullptr || !user->active) return refused();
  return public_user(*user);
}

Result<int> UserStore::revoke_tokens(const std::string& name) {
  int removed = 0;
  auto changed = change_users_file(m_path, m_mutex, [&](UsersFile& file) -> Result<void> {
    if (find_stored_user(file, name) == nullptr) return unknown_user(name);
    removed = static_cast<int>(
        std::erase_if(file.tokens, [&](const StoredToken& t) { return t.user == name; }));
    return {};
  });
  if (!changed) return tl::unexpected(changed.error());
  return removed;
}

// ---- Sessions ----
// The map is keyed by a hash of the session id, so that the time a lookup takes tells
// nothing about the ids it was compared with.

Sessions::Sessions(std::chrono::seconds ttl, std::chrono::seconds max_age)
    : m_ttl(ttl), m_max_age(max_age) {}

Session Sessions::create(const User& user, Clock::time_point now) {
  Session session{random_token(), random_token(), user, now + std::min(m_ttl, m_max_age)};
  const std::string key = session_map_key(session.id);
  std::lock_guard<std::mutex> guard(m_mutex);
  std::erase_if(m_sessions, [now](const auto& item) { return item.second.session.expires <= now; });
  m_sessions[key] = Entry{session, now};
  return session;
}

std::optional<Session> Sessions::find(const std::string& id, Clock::time_point now) {
  const std::string key = session_map_key(id);
  std::lock_guard<std::mutex> guard(m_mutex);
  const auto it = m_sessions.find(key);
  if (it == m_sessions.end()) return std::nullopt;
  Entry& entry = it->second;
  if (entry.session.expires <= now) {
    m_sessions.erase(it);
    return std::nullopt;
  }
  entry.session.expires = std::min(now + m_ttl, entry.signed_in + m_max_age);
  return entry.session;
}

void Sessions::remove(const std::string& id) {
  const std::string key = session_map_key(id);
  std::lock_guard<std::mutex> guard(m_mutex);
  m_sessions.erase(key);
}

void Sessions::remove_user(const std::string& user_name) {
  std::lock_guard<std::mutex> guard(m_mutex);
  std::erase_if(m_sessions,
                [&](const auto& item) { return item.second.session.user.name == user_name; });
}

std::size_t Sessions::size() const {
  std::lock_guard<std::mutex> guard(m_mutex);
  return m_sessions.size();
}

// ---- LoginThrottle ----

LoginThrottle::LoginThrottle(int max_failures, std::chrono::seconds window,
                             std::chrono::seconds lockout)
    : m_max_failures(std::max(1, max_failures)),
      m_window(window),
      m_lockout(lockout),
      m_prune_at(k_throttle_prune_at) {}

std::int64_t LoginThrottle::retry_after(const std::string& key, Clock::time_point now) {
  std::lock_guard<std::mutex> guard(m_mutex);
  const auto it = m_entries.find(key);
  if (it == m_entries.end() || it->second.locked_until <= now) return 0;
  return std::chrono::ceil<std::chrono::seconds>(it->second.locked_until - now).count();
}

std::int64_t LoginThrottle::claim(const std::vector<Key>& keys, Clock::time_point now) {
  std::lock_guard<std::mutex> guard(m_mutex);
  const Clock::time_point window_start = now - m_window;
  for (const Key& key : keys) {
    const auto it = m_entries.find(key.name);
    if (it == m_entries.end()) continue;
    Entry& entry = it->second;
    if (entry.locked_until > now) {
      return std::chrono::ceil<std::chrono::seconds>(entry.locked_until - now).count();
    }
    std::erase_if(entry.failures, [&](Clock::time_point t) { return t <= window_start; });
    const int most = key.max_failures > 0 ? key.max_failures : m_max_failures;
    if (static_cast<int>(entry.failures.size()) + entry.in_flight >= most) return 1;
  }
  prune(now);
  for (const Key& key : keys) {
    Entry& entry = m_entries[key.name];
    ++entry.in_flight;
    entry.max_failures = key.max_failures;
  }
  return 0;
}

void LoginThrottle::prune(Clock::time_point now) {
  if (m_entries.size() < m_prune_at) return;
  const Clock::time_point window_start = now - m_window;
  std::erase_if(m_entries, [&](const auto& item) {
    const Entry& e = item.second;
    return e.in_flight == 0 && e.locked_until <= now &&
           (e.failures.empty() || e.failures.back() <= window_start);
  });
  // Under a flood of live keys, scan again only when their number has doubled.
  m_prune_at = std::max(k_throttle_prune_at, m_entries.size() * 2);
}

void LoginThrottle::failed(const std::string& key, Clock::time_point now) {
  std::lock_guard<std::mutex> guard(m_mutex);
  if (!m_entries.contains(key)) prune(now);
  Entry& entry = m_entries[key];
  if (entry.in_flight > 0) --entry.in_flight;
  const Clock::time_point window_start = now - m_window;
  std::erase_if(entry.failures, [&](Clock::time_point t) { return t <= window_start; });
  entry.failures.push_back(now);
  const int most = entry.max_failures > 0 ? entry.max_failures : m_max_failures;
  if (static_cast<int>(entry.failures.size()) >= most) {
    entry.locked_until = now + m_lockout;
    entry.failures.clear();  // after the lockout, a fresh count
  }
}

void LoginThrottle::succeeded(const std::string& key) {
  std::lock_guard<std::mutex> guard(m_mutex);
  const auto it = m_entries.find(key);
  if (it == m_entries.end()) return;
  if (it->second.in_flight > 1) {
    --it->second.in_flight;
    it->second.failures.clear();
  } else {
    m_entries.erase(it);
  }
}

// ---- secrets ----

std::string random_token() {
  init_sodium_once();
  std::array<unsigned char, k_random_token_bytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, k_random_token_bytes * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  return std::string(hex.data(), k_random_token_bytes * 2);
}

bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  init_sodium_once();
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace naskah::web
