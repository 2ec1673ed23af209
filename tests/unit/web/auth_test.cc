#include "naskah/web/auth.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "naskah/core/sha256.h"

namespace naskah::web {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Each test gets its own folder; the users file sits in a sub-folder that does not exist
// yet, as DATA does on first use.
class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "naskah-auth-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    m_dir = pattern;
    m_path = (m_dir / "data" / "users.json").string();
  }
  void TearDown() override { fs::remove_all(m_dir); }

  std::string file_text() const {
    std::ifstream in(m_path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  fs::path m_dir;
  std::string m_path;
};

using UserStoreTest = AuthTest;

TEST_F(UserStoreTest, AddedUserSignsInWithTheRightPassword) {
  UserStore store(m_path);
  ASSERT_TRUE(store.add("alice", Role::operator_, "correct horse")) << "add failed";
  auto user = store.verify("alice", "correct horse");
  ASSERT_TRUE(user) << user.error().message;
  EXPECT_EQ(user->name, "alice");
  EXPECT_EQ(user->role, Role::operator_);
  EXPECT_EQ(user->created.size(), 20u) << user->created;  // 2026-11-29T21:30:00Z
}

TEST_F(UserStoreTest, WrongPasswordAndUnknownUserFailTheSameWay) {
  UserStore store(m_path);
  ASSERT_TRUE(store.add("alice", Role::viewer, "correct horse"));
  auto wrong_password = store.verify("alice", "correct horsf");
  auto unknown_user = store.verify("bob", "correct horse");
  auto bad_name = store.verify("Not A Name", "correct horse");
  ASSERT_FALSE(wrong_password);
  ASSERT_FALSE(unknown_user);
  ASSERT_FALSE(bad_name);
  EXPECT_EQ(wrong_password.error().code, "auth.failed");
  EXPECT_EQ(unknown_user.error().code, wrong_password.error().code);
  EXPECT_EQ(unknown_user.error().message, wrong_password.error().message);
  EXPECT_EQ(bad_name.error().message, wrong_password.error().message);
  EXPECT_FALSE(store.verify("alice", ""));
}

TEST_F(UserStoreTest, TheStampChangesWithEveryChangeToTheAccountAndOnlyThen) {
  UserStore store(m_path);
  ASSERT_TRUE(store.add("alice", Role::operator_, "correct horse"));
  ASSERT_TRUE(store.add("bob", Role::viewer, "battery staple"));
  const std::string first = store.current("alice")->stamp;
  EXPECT_EQ(store.verify("alice", "correct horse")->stamp, first);
  ASSERT_TRUE(store.set_password("bob", "another staple"));
  EXPECT_EQ(store.current("alice")->stamp, first) << "another account's change";

  ASSERT_TRUE(store.set_role("alice", Role::admin));
  const std::string promoted = store.current("alice")->stamp;
  EXPECT_NE(promoted, first);
  EXPECT_EQ(store.current("alice")->role, Role::admin);
  ASSERT_TRUE(store.set_password("alice", "correct horse"));  // the same password, new salt
  EXPECT_NE(store.current("alice")->stamp, promoted);

  ASSERT_TRUE(store.set_active("alice", false));
  EXPECT_EQ(store.current("alice").error().code, "user.unknown");
  EXPECT_EQ(store.verify("alice", "correct horse").error().code, "auth.failed");
  EXPECT_FALSE(store.list()->front().active);
  ASSERT_TRUE(store.set_active("alice", true));
  EXPECT_TRUE(store.verify("alice", "correct horse"));
  ASSERT_TRUE(store.remove("alice"));
  EXPECT_EQ(store.current("alice").error().code, "user.unknown");
  EXPECT_EQ(store.set_role("alice", Role::viewer).error().code, "user.unknown");
}

TEST_F(UserStoreTest, ADeactivatedUsersTokensStopWorking) {
  UserStore store(m_path);
  ASSERT_TRUE(store.add("robot", Role::viewer, "long enough"));
  const std::string token = *store.add_token("robot", "cron");
  EXPECT_TRUE(store.verify_token(token));
  ASSERT_TRUE(store.set_active("robot", false));
  EXPECT_FALSE(store.verify_token(token));
  ASSERT_TRUE(store.set_active("robot", true));
  EXPECT_TRUE(store.verify_token(token)) << "deactivation deletes nothing";
}

TEST_F(UserStoreTest, NoFileMeansNoUsers) {
  UserStore store(m_path);
  auto users = store.list();
  ASSERT_TRUE(users) << users.error().message;
  EXPECT_TRUE(users->empty());
  EXPECT_FALSE(store.verify("alice", "correct horse"));
  EXPECT_FALSE(fs::exists(m_path));  // reading creates nothing
}

TEST_F(UserStoreTest, DuplicateUserIsRefused) {
  UserStore store(m_path);
  ASSERT_TRUE(store.add("alice", Role::viewer, "correct horse"));
  auto again = store.add("alice", Role::admin, "another password");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "user.exists");
  auto user = store.verify("alice", "correct horse");
  ASSERT_TRUE(user);
  EXPECT_EQ(user->role, Role::viewer);  // the first one stays
}

TEST_F(UserStoreTest, BadNamesAreRefusedAndGoodOnesTaken) {
  UserStore store(m_path);
  for (const std::string& name :
       {std::string(), std::string("Alice"), std::string("-x"), std::string(".x"),
        std::string("_x"), std::string("a b"), std::string("a/b"),
        std::string("\xc3\xbc"
                    "ber"),
        std::string("a\nb"), std::string(65, 'a')}) {
    auto added = store.add(name, Role::viewer, "correct horse");
    ASSERT_FALSE(added) << name;
    EXPECT_EQ(added.error().code, "user.invalid") << name;
  }
  for (const std::string& name :
       {std::string("0"), std::string("a.b_c-d9"), std::string(64, 'z')}) {
    EXPECT_TRUE(store.add(name, Role::viewer, "correct horse")) << name;
  }
  EXPECT_EQ(store.list()->size(), 3u);
}

TEST_F(UserStoreTest, PasswordsOutsideTheLimitsAreRefused) {
  UserStore store(m_path);
  auto short_one = store.add("alice", Role::viewer, "1234567");
  ASSERT_FALSE(short_one);
  EXPECT_EQ(short_one.error().code, "user.invalid");
  auto long_one = store.add("alice", Role::viewer, std::string(1025, 'p'));
  ASSERT_FALSE(long_one);
  EXPECT_EQ(long_one.error().code, "user.invalid");
  EXPECT_TRUE(store.list()->empty());
  EXPECT_TRUE(store.add("alice", Role::viewer, "12345678"));
}

TEST_F(UserStoreTest, SetPasswordReplacesTheOldOne) {
  UserStore store(m_path);
  ASSERT_TRUE(store.add("alice", Role::admin, "old password"));
  ASSERT_TRUE(store.set_password("alice", "new password"));
  EXPECT_FALSE(store.verify("alice", "old password"));
  auto user = store.verify("alice", "new password");
  ASSERT_TRUE(user);
  EXPECT_EQ(user->role, Role::admin);

  auto unknown = store.set_password("bob", "new password");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, "user.unknown");
  auto too_short = store.set_password("alice", "short");
  ASSERT_FALSE(too_short);
  EXPECT_EQ(too_short.error().code, "user.invalid");
}

TEST_F(UserStoreTest, RemoveDropsTheUserAndTheirTokens) {
  UserStore store(m_path);
  ASSERT_TRUE(store.add("alice", Role::admin, "correct horse"));
  ASSERT_TRUE(store.add("bob", Role::viewer, "battery staple"));
  auto alice_token = store.add_token("alice", "metrics");
  auto bob_token = store.add_token("bob", "");
  ASSERT_TRUE(alice_token && bob_token);

  ASSERT_TRUE(store.remove("alice"));
  EXPECT_FALSE(store.verify("alice", "correct horse"));
  EXPECT_FALSE(store.verify_token(*alice_token));
  EXPECT_TRUE(store.verify_token(*bob_token));  // others keep theirs
  auto again = store.remove("alice");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "user.unknown");
  ASSERT_EQ(store.list()->size(), 1u);
}

TEST_F(UserStoreTest, ListShowsNamesRolesInNameOrder) {
  UserStore store(m_path);
  ASSERT_TRUE(store.add("carol", Role::admin, "password 1"));
  ASSERT_TRUE(store.add("alice", Role::viewer, "password 2"));
  ASSERT_TRUE(store.add("bob", Role::operator_, "password 3"));
  auto users = store.list();
  ASSERT_TRUE(users);
  ASSERT_EQ(users->size(), 3u);
  EXPECT_EQ((*users)[0].name, "alice");
  EXPECT_EQ((*users)[0].role, Role::viewer);
  EXPECT_EQ((*users)[1].name, "bob");
  EXPECT_EQ((*users)[1].role, Role::operator_);
  EXPECT_EQ((*users)[2].name, "carol");
  EXPECT_EQ((*users)[2].role, Role::admin);
  EXPECT_FALSE((*users)[0].created.empty());
}

TEST_F(UserStoreTest, TokensVerifyUntilRevokedAndAreStoredOnlyHashed) {
  UserStore store(m_path);
  ASSERT_TRUE(store.add("robot", Role::admin, "correct horse"));
  auto first = store.add_token("robot", "prometheus");
  auto second = store.add_token("robot", "backup script");
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_TRUE(second);
  EXPECT_EQ(first->size(), 64u);
  EXPECT_NE(*first, *second);

  auto user = store.verify_token(*first);
  ASSERT_TRUE(user) << user.error().message;
  EXPECT_EQ(user->name, "robot");
  EXPECT_EQ(user->role, Role::admin);
  EXPECT_TRUE(store.verify_token(*second));

  const std::string text = file_text();
  EXPECT_EQ(text.find(*first), std::string::npos);
  EXPECT_EQ(text.find(*second), std::string::npos);
  EXPECT_NE(text.find(sha256_hex(*first)), std::string::npos);
  EXPECT_NE(text.find("prometheus"), std::string::npos);
  EXPECT_EQ(text.find("correct horse"), std::string::npos);

  for (const std::string& bad :
       {std::string(), random_token(), first->substr(0, 63), *first + "0", sha256_hex(*first)}) {
    auto refused = store.verify_token(bad);
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().code, "auth.failed");
  }

  auto revoked = store.revoke_tokens("robot");
  ASSERT_TRUE(revoked);
  EXPECT_EQ(*revoked, 2);
  EXPECT_FALSE(store.verify_token(*first));
  EXPECT_FALSE(store.verify_token(*second));
  EXPECT_EQ(*store.revoke_tokens("robot"), 0);
  EXPECT_TRUE(store.verify("robot", "correct horse"));  // the password still works
}

TEST_F(UserStoreTest, TokensOfUnknownUsersAreRefused) {
  UserStore store(m_path);
  auto token = store.add_token("ghost", "");
  ASSERT_FALSE(token);
  EXPECT_EQ(token.error().code, "user.unknown");
  auto revoked = store.revoke_tokens("ghost");
  ASSERT_FALSE(revoked);
  EXPECT_EQ(revoked.error().code, "user.unknown");
}

TEST_F(UserStoreTest, FileIsPrivateToItsOwnerAndNoTemporaryFileStays) {
  UserStore store(m_path);
  ASSERT_TRUE(store.add("alice", Role::viewer, "correct horse"));
  ASSERT_TRUE(store.add_token("alice", "x"));
  struct stat st {};
  ASSERT_EQ(::stat(m_path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  for (const auto& entry : fs::directory_iterator(fs::path(m_path).parent_path())) {
    const std::string name = entry.path().filename().string();
    EXPECT_TRUE(name == "users.json" || name == "users.json.lock") << name;
  }
}

TEST_F(UserStoreTest, ChangesByAnotherStoreAreSeen) {
  UserStore server(m_path);
  UserStore command(m_path);  // as `naskah user ...` in another process
  EXPECT_FALSE(server.verify("alice", "correct horse"));
  ASSERT_TRUE(command.add("alice", Role::operator_, "correct horse"));
  EXPECT_TRUE(server.verify("alice", "correct horse"));
  auto token = command.add_token("alice", "");
  ASSERT_TRUE(token);
  EXPECT_TRUE(server.verify_token(*token));
  ASSERT_TRUE(command.remove("alice"));
  EXPECT_FALSE(server.verify("alice", "correct horse"));
  EXPECT_FALSE(server.verify_token(*token));
  EXPECT_TRUE(server.list()->empty());
}

TEST_F(UserStoreTest, ConcurrentWritersLoseNoChange) {
  UserStore first(m_path);
  UserStore second(m_path);  // own mutex: only the file lock keeps them apart
  std::thread a([&] {
    EXPECT_TRUE(first.add("a1", Role::viewer, "password a1"));
    EXPECT_TRUE(first.add("a2", Role::viewer, "password a2"));
  });
  std::thread b([&] {
    EXPECT_TRUE(second.add("b1", Role::viewer, "password b1"));
    EXPECT_TRUE(second.add("b2", Role::viewer, "password b2"));
  });
  a.join();
  b.join();
  EXPECT_EQ(first.list()->size(), 4u);
}

TEST_F(UserStoreTest, DamagedFileIsReportedNotTakenAsEmpty) {
  fs::create_directories(fs::path(m_path).parent_path());
  std::ofstream(m_path) << "{\"users\": [{\"name\": 3}]";
  UserStore store(m_path);
  auto users = store.list();
  ASSERT_FALSE(users);
  EXPECT_EQ(users.error().code, "internal");
  EXPECT_NE(users.error().message.find("damaged"), std::string::npos);
  EXPECT_FALSE(store.add("alice", Role::viewer, "correct horse"));
  std::ofstream(m_path) << R"({"users": [{"name": "x", "role": "root", "password": "p"}]})";
  EXPECT_FALSE(store.list());
}

TEST(Roles, NamesRoundTripAndUnknownNamesAreRefused) {
  for (Role role : {Role::viewer, Role::operator_, Role::admin}) {
    auto parsed = parse_role(role_name(role));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, role);
  }
  EXPECT_EQ(role_name(Role::operator_), "operator");
  EXPECT_LT(Role::viewer, Role::operator_);
  EXPECT_LT(Role::operator_, Role::admin);
  for (const char* bad : {"", "Admin", "root", "operator_"}) {
    auto parsed = parse_role(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().code, "usage.invalid");
  }
}

// ---- Sessions ----

const User k_alice{"alice", Role::operator_, "2026-01-01T00:00:00Z", true, "a1"};
const User k_bob{"bob", Role::viewer, "2026-01-01T00:00:00Z", true, "b1"};

TEST(Sessions, CreatedSessionIsFoundWithItsUserAndCsrfToken) {
  Sessions sessions(30min, 12h);
  const auto t0 = Sessions::Clock::time_point{} + 1000h;
  const Session created = sessions.create(k_alice, t0);
  EXPECT_EQ(created.id.size(), 64u);
  EXPECT_EQ(created.csrf.size(), 64u);
  EXPECT_NE(created.id, created.csrf);
  EXPECT_EQ(created.expires, t0 + 30min);
  auto found = sessions.find(created.id, t0 + 1min);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, created.id);
  EXPECT_EQ(found->csrf, created.csrf);
  EXPECT_EQ(found->user.name, "alice");
  EXPECT_EQ(found->user.role, Role::operator_);
  EXPECT_EQ(found->expires, t0 + 31min);  // the idle timer restarted
  EXPECT_FALSE(sessions.find("not-a-session", t0));
  EXPECT_FALSE(sessions.find("", t0));
  EXPECT_NE(sessions.create(k_alice, t0).id, created.id);
  EXPECT_EQ(sessions.size(), 2u);
}

TEST(Sessions, IdleSessionExpiresAndIsForgotten) {
  Sessions sessions(30min, 12h);
  const auto t0 = Sessions::Clock::time_point{} + 1000h;
  const Session s = sessions.create(k_alice, t0);
  EXPECT_TRUE(sessions.find(s.id, t0 + 29min));
  EXPECT_TRUE(sessions.find(s.id, t0 + 58min));  // 29 minutes after the last use
  EXPECT_FALSE(sessions.find(s.id, t0 + 58min + 30min));
  EXPECT_EQ(sessions.size(), 0u);
  EXPECT_FALSE(sessions.find(s.id, t0 + 58min));  // gone for good
}

TEST(Sessions, BusySessionEndsAtMaxAge) {
  Sessions sessions(30min, 2h);
  const auto t0 = Sessions::Clock::time_point{} + 1000h;
  const Session s = sessions.create(k_alice, t0);
  for (auto t = t0 + 20min; t < t0 + 2h; t += 20min) {
    auto found = sessions.find(s.id, t);
    ASSERT_TRUE(found);
    EXPECT_LE(found->expires, t0 + 2h);
  }
  EXPECT_FALSE(sessions.find(s.id, t0 + 2h));
}

TEST(Sessions, RemoveAndRemoveUser) {
  Sessions sessions(30min, 12h);
  const auto t0 = Sessions::Clock::time_point{} + 1000h;
  const Session a1 = sessions.create(k_alice, t0);
  const Session a2 = sessions.create(k_alice, t0);
  const Session b1 = sessions.create(k_bob, t0);
  sessions.remove(a1.id);
  sessions.remove("unknown");
  EXPECT_FALSE(sessions.find(a1.id, t0));
  EXPECT_TRUE(sessions.find(a2.id, t0));
  sessions.remove_user("alice");
  EXPECT_FALSE(sessions.find(a2.id, t0));
  EXPECT_TRUE(sessions.find(b1.id, t0));
  EXPECT_EQ(sessions.size(), 1u);
}

TEST(Sessions, CreateForgetsExpiredSessions) {
  Sessions sessions(30min, 12h);
  const auto t0 = Sessions::Clock::time_point{} + 1000h;
  (void)sessions.create(k_alice, t0);
  (void)sessions.create(k_bob, t0);
  (void)sessions.create(k_bob, t0 + 1h);
  EXPECT_EQ(sessions.size(), 1u);
}

// ---- LoginThrottle ----

TEST(LoginThrottle, LocksOutAfterTooManyFailuresWithinTheWindow) {
  LoginThrottle throttle(3, 10min, 15min);
  const auto t0 = LoginThrottle::Clock::time_point{} + 1000h;
  EXPECT_EQ(throttle.retry_after("alice", t0), 0);
  throttle.failed("alice", t0);
  throttle.failed("alice", t0 + 1min);
  EXPECT_EQ(throttle.retry_after("alice", t0 + 2min), 0);
  throttle.failed("alice", t0 + 2min);
  EXPECT_EQ(throttle.retry_after("alice", t0 + 2min), 15 * 60);
  EXPECT_EQ(throttle.retry_after("alice", t0 + 12min), 5 * 60);
  EXPECT_EQ(throttle.retry_after("alice", t0 + 17min - 500ms), 1);  // rounded up
  EXPECT_EQ(throttle.retry_after("alice", t0 + 17min), 0);
  EXPECT_EQ(throttle.retry_after("bob", t0 + 2min), 0);  // keys are separate
  // After the lockout the count starts again.
  throttle.failed("alice", t0 + 18min);
  EXPECT_EQ(throttle.retry_after("alice", t0 + 18min), 0);
}

TEST(LoginThrottle, FailuresOlderThanTheWindowDoNotCount) {
  LoginThrottle throttle(3, 10min, 15min);
  const auto t0 = LoginThrottle::Clock::time_point{} + 1000h;
  throttle.failed("10.0.0.1", t0);
  throttle.failed("10.0.0.1", t0 + 5min);
  throttle.failed("10.0.0.1", t0 + 10min);  // the first one has left the window
  EXPECT_EQ(throttle.retry_after("10.0.0.1", t0 + 10min), 0);
  throttle.failed("10.0.0.1", t0 + 11min);  // three within 10 minutes: 5, 10, 11
  EXPECT_GT(throttle.retry_after("10.0.0.1", t0 + 11min), 0);
}

TEST(LoginThrottle, SuccessClearsTheCount) {
  LoginThrottle throttle(3, 10min, 15min);
  const auto t0 = LoginThrottle::Clock::time_point{} + 1000h;
  throttle.failed("alice", t0);
  throttle.failed("alice", t0 + 1s);
  throttle.succeeded("alice");
  throttle.failed("alice", t0 + 2s);
  throttle.failed("alice", t0 + 3s);
  EXPECT_EQ(throttle.retry_after("alice", t0 + 3s), 0);
  throttle.failed("alice", t0 + 4s);
  EXPECT_EQ(throttle.retry_after("alice", t0 + 4s), 15 * 60);
}

TEST(LoginThrottle, ManyKeysStillThrottleTheRecentOnes) {
  LoginThrottle throttle(2, 1min, 5min);
  const auto t0 = LoginThrottle::Clock::time_point{} + 1000h;
  throttle.failed("target", t0);
  throttle.failed("target", t0);
  for (int i = 0; i < 20000; ++i) throttle.failed("k" + std::to_string(i), t0 + 2min);
  EXPECT_EQ(throttle.retry_after("target", t0 + 2min), 3 * 60);
}

TEST(LoginThrottle, AttemptsInFlightCountBeforeTheirPasswordsAreChecked) {
  LoginThrottle throttle(3, 10min, 15min);
  const auto t0 = LoginThrottle::Clock::time_point{} + 1000h;
  const std::vector<LoginThrottle::Key> keys{{"user:alice from 10.0.0.1", 0},
                                             {"addr:10.0.0.1", 12}};
  // Three claimed at once, none finished: a fourth must wait for them.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(throttle.claim(keys, t0), 0);
  EXPECT_EQ(throttle.claim(keys, t0), 1);
  for (const auto& key : keys) {
    for (int i = 0; i < 3; ++i) throttle.failed(key.name, t0);
  }
  EXPECT_EQ(throttle.claim(keys, t0), 15 * 60);  // locked out by the user key
  // The address's own limit is higher: other names from it may still try.
  EXPECT_EQ(throttle.claim({{"user:bob from 10.0.0.1", 0}, {"addr:10.0.0.1", 12}}, t0), 0);
  // The same name from another address is not locked out.
  EXPECT_EQ(throttle.claim({{"user:alice from 10.0.0.2", 0}, {"addr:10.0.0.2", 12}}, t0), 0);
}

TEST(LoginThrottle, ASuccessInFlightEndsItsClaim) {
  LoginThrottle throttle(1, 10min, 15min);
  const auto t0 = LoginThrottle::Clock::time_point{} + 1000h;
  EXPECT_EQ(throttle.claim({{"k", 0}}, t0), 0);
  EXPECT_EQ(throttle.claim({{"k", 0}}, t0), 1);
  throttle.succeeded("k");
  EXPECT_EQ(throttle.claim({{"k", 0}}, t0), 0);
}

// ---- secrets ----

TEST(Secrets, RandomTokensAreLongHexAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string token = random_token();
    ASSERT_EQ(token.size(), 64u);
    EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos) << token;
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(Secrets, SameSecretComparesWholeValues) {
  const std::string token = random_token();
  EXPECT_TRUE(same_secret(token, std::string(token)));
  EXPECT_FALSE(same_secret(token, random_token()));
  EXPECT_FALSE(same_secret(token, token.substr(0, 63)));
  EXPECT_FALSE(same_secret(token + "x", token));
  std::string last_differs = token;
  last_differs.back() = last_differs.back() == '0' ? '1' : '0';
  EXPECT_FALSE(same_secret(token, last_differs));
  EXPECT_FALSE(same_secret("", token));
  EXPECT_FALSE(same_secret("", ""));
  EXPECT_TRUE(same_secret(std::string_view("a\0b", 3), std::string_view("a\0b", 3)));
  EXPECT_FALSE(same_secret(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
}

}  // namespace
}  // namespace naskah::web
