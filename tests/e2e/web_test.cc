// naskah serve over HTTP, on the real binary: who may do what (anonymous, viewer, operator,
// admin, API token), sign-in and its throttling, session expiry, CSRF and cross-site posts,
// path traversal, malformed and oversized requests, text that is HTML shown as text, and an
// upload that becomes searchable.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "make_pdf.h"
#include "test_support.h"

namespace naskah {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace std::chrono_literals;

const std::string k_xss_script = "<script>window.__xss=1</script>";
const std::string k_xss_img = "\"><img src=x onerror=\"window.__xss=1\">";

// An agreement whose text carries HTML that must never run in a browser.
std::string xss_agreement() {
  return test::make_text_pdf({{
      "NOTA KESEPAHAMAN",
      "ANTARA",
      "KANTOR WILAYAH KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA JAWA TENGAH",
      "DENGAN",
      "UNIVERSITAS PERCOBAAN KEAMANAN",
      "NOMOR: W13-HH.05.05-9999",
      // A number the parser doubts: it is shown in the page's "Perlu diperiksa" row.
      "NOMOR: 1" + k_xss_img,
      "TENTANG",
      "PENGUJIAN KEAMANAN " + k_xss_script,
      "Pada hari ini Senin tanggal 4 Januari 2021 bertempat di Semarang, kami yang bertanda",
      "tangan di bawah ini sepakat untuk mengadakan kerja sama pelayanan hukum:",
      k_xss_img,
      "Nota Kesepahaman ini berlaku untuk jangka waktu 3 (tiga) tahun sejak ditandatangani.",
  }});
}

class WebE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("no_proxy", "127.0.0.1", 1);
    ::setenv("NO_PROXY", "127.0.0.1", 1);
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    m_work = fs::temp_directory_path() /
             ("naskah-web-e2e-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(m_work);
    fs::create_directories(m_work / "in");
    std::ofstream(m_work / "in" / "xss.pdf", std::ios::binary) << xss_agreement();
    fs::copy_file(test::source_path("samples/mou-kanwil-universitas.pdf"),
                  m_work / "in" / "mou.pdf");
    const auto ingested = naskah({"ingest", "--json", (m_work / "in").string()});
    ASSERT_EQ(ingested.exit_code, 0) << ingested.out << ingested.err;
    for (const auto& [name, role] :
         {std::pair{"vera", "viewer"}, {"opi", "operator"}, {"adi", "admin"}}) {
      add_user(name, role);
    }
  }

  void TearDown() override {
    stop_server();
    if (!HasFailure()) fs::remove_all(m_work);
  }

  test::RunResult naskah(std::vector<std::string> args, int timeout = 300) {
    args.insert(args.begin() + 1, {"--data", data()});
    return test::run_naskah(args, timeout);
  }

  void add_user(const std::string& name, const std::string& role) {
    const auto r = test::run({"/bin/sh", "-c",
                              "printf '%s\\n' 'sandi-rahasia-" + name + "' | '" +
                                  std::string(NASKAH_BINARY) + "' user add --data '" + data() +
                                  "' " + name + " --role " + role + " --password-stdin"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }

  // Starts `naskah serve` on a free port with `settings` (NASKAH_* variables).
  void start_server(const std::vector<std::pair<std::string, std::string>>& settings = {},
                    bool watch = false) {
    for (const auto& [key, value] : settings) ::setenv(key.c_str(), value.c_str(), 1);
    std::vector<std::string> args{NASKAH_BINARY, "serve", "--data", data(), "--listen",
                                  "127.0.0.1:0"};
    if (watch) args.emplace_back("--watch");
    const std::string log = (m_work / "serve.log").string();
    m_pid = test::spawn(args, log);
    for (const auto& [key, value] : settings) ::unsetenv(key.c_str());
    const std::regex serving(R"(serving on http://127\.0\.0\.1:(\d+))");
    for (int i = 0; i < 600 && m_port == 0; ++i) {
      std::smatch m;
      const std::string text = fs::exists(log) ? test::read_text(log) : "";
      if (std::regex_search(text, m, serving)) m_port = std::stoi(m[1].str());
      std::this_thread::sleep_for(50ms);
    }
    ASSERT_GT(m_port, 0) << (fs::exists(log) ? test::read_text(log) : "no log");
  }

  void stop_server() {
    if (m_pid > 0) {
      ::kill(m_pid, SIGTERM);
      EXPECT_EQ(test::wait_exit(m_pid), 0) << "serve did not stop cleanly on SIGTERM";
      m_pid = 0;
    }
  }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", m_port);
    c.set_read_timeout(120s);
    return c;
  }

  // Signs in; returns the session cookie and CSRF token.
  std::pair<std::string, std::string> sign_in(const std::string& name) {
    auto c = client();
    const auto res = c.Post(
        "/api/login", json{{"user", name}, {"password", "sandi-rahasia-" + name}}.dump(),
        "application/json");
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, 200) << res->body;
    const std::string cookie = res->get_header_value("Set-Cookie");
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
    return {cookie.substr(0, cookie.find(';')), json::parse(res->body).at("csrf")};
  }

  static httplib::Headers as(const std::pair<std::string, std::string>& session) {
    return {{"Cookie", session.first}, {"X-CSRF-Token", session.second}};
  }

  std::string id_of(const std::string& query) {
    const auto r = naskah({"search", "--json", query});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const json hits = json::parse(r.out).at("hits");
    EXPECT_FALSE(hits.empty()) << query;
    return hits.empty() ? std::string(64, '0') : hits.at(0).at("id").get<std::string>();
  }

  static std::string error_code(const httplib::Result& res) {
    if (!res) return "no answer";
    const auto body = json::parse(res->body, nullptr, false);
    return body.is_object() && body.contains("error") ? body["error"].value("code", "")
                                                       : "not a JSON error: " + res->body;
  }

  std::string data() const { return (m_work / "data").string(); }

  fs::path m_work;
  int m_pid = 0;
  int m_port = 0;
};

TEST_F(WebE2E, EveryApiRouteRefusesAnonymousRequests) {
  start_server();
  const std::string id = id_of("universitas");
  auto c = client();
  for (const std::string& path :
       std::vector<std::string>{"/api/search?q=universitas", "/api/agreements/" + id, "/api/agreements/" + id + "/file",
        "/api/agreements/" + id + "/pages/1", "/api/stats", "/api/me", "/metrics",
        "/api/uploads/" + id, "/api/nothing-here", "/etc/passwd"}) {
    const auto res = c.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 401) << path;
    EXPECT_EQ(error_code(res), "auth.required") << path;
    EXPECT_EQ(res->body.find("universitas"), std::string::npos) << path;
  }
  for (const std::string path : {"/api/logout", "/api/upload"}) {
    const auto res = c.Post(path, "x", "text/plain");
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 401) << path;
  }
  // A made-up cookie is no session.
  const auto forged = c.Get("/api/me", {{"Cookie", "naskah_session=" + std::string(64, 'a')}});
  EXPECT_EQ(forged->status, 401);
  // Public: the health check and the UI's pages and files.
  for (const std::string& path : std::vector<std::string>{"/healthz", "/", "/login", "/search?q=x", "/dashboard",
                                 "/agreement/" + id, "/assets/app.js", "/assets/app.css"}) {
    const auto res = c.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path;
  }
  const auto page = c.Get("/");
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("script-src 'self'"),
            std::string::npos);
  EXPECT_EQ(page->get_header_value("X-Frame-Options"), "DENY");
}

TEST_F(WebE2E, EachRoleMayDoWhatItMayAndNoMore) {
  start_server();
  const auto viewer = sign_in("vera");
  const auto op = sign_in("opi");
  const auto admin = sign_in("adi");
  auto c = client();
  const auto pdf = test::read_text(test::source_path("samples/mou-kanwil-universitas.pdf"));
  const httplib::MultipartFormDataItems upload{{"file", pdf, "x.pdf", "application/pdf"}};
  EXPECT_EQ(c.Get("/api/search?q=universitas", as(viewer))->status, 200);
  EXPECT_EQ(c.Get("/api/stats", as(viewer))->status, 200);
  const auto refused = c.Post("/api/upload", as(viewer), upload);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(error_code(refused), "auth.forbidden");
  EXPECT_EQ(c.Get("/metrics", as(viewer))->status, 403);
  EXPECT_EQ(c.Get("/metrics", as(op))->status, 403);
  const auto metrics = c.Get("/metrics", as(admin));
  ASSERT_EQ(metrics->status, 200);
  EXPECT_NE(metrics->body.find("naskah_documents 2"), std::string::npos) << metrics->body;
  EXPECT_NE(metrics->body.find("naskah_search_seconds_bucket"), std::string::npos);
  EXPECT_EQ(c.Post("/api/upload", as(op), upload)->status, 202);

  // API tokens, for scripts such as a Prometheus server.
  const auto token = test::run_naskah({"user", "token", "--data", data(), "adi"});
  ASSERT_EQ(token.exit_code, 0) << token.err;
  std::string secret = token.out;
  while (!secret.empty() && std::isspace(static_cast<unsigned char>(secret.back()))) {
    secret.pop_back();
  }
  EXPECT_EQ(c.Get("/metrics", {{"Authorization", "Bearer " + secret}})->status, 200);
  EXPECT_EQ(c.Get("/api/search?q=universitas", {{"Authorization", "Bearer " + secret}})->status,
            200);
  EXPECT_EQ(c.Get("/metrics", {{"Authorization", "Bearer " + std::string(64, 'f')}})->status,
            401);
}

TEST_F(WebE2E, SignInSignOutAndThrottling) {
  start_server({{"NASKAH_WEB_LOGIN_MAX_FAILURES", "3"}});
  auto c = client();
  const auto wrong = c.Post("/api/login", json{{"user", "vera"}, {"password", "salah"}}.dump(),
                            "application/json");
  const auto unknown = c.Post("/api/login", json{{"user", "siapa"}, {"password", "salah"}}.dump(),
                              "application/json");
  ASSERT_TRUE(wrong && unknown);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(wrong->body, unknown->body) << "tells which user names exist";
  EXPECT_EQ(c.Post("/api/login", "{not json", "application/json")->status, 400);

  const auto session = sign_in("vera");
  const auto me = c.Get("/api/me", as(session));
  ASSERT_EQ(me->status, 200);
  EXPECT_EQ(json::parse(me->body).at("role"), "viewer");
  EXPECT_EQ(c.Post("/api/logout", as(session), "", "text/plain")->status, 200);
  EXPECT_EQ(c.Get("/api/me", as(session))->status, 401) << "the session outlived sign-out";

  // The third failure in a row locks the name out, even with the right password.
  for (int i = 0; i < 3; ++i) {
    c.Post("/api/login", json{{"user", "vera"}, {"password", "salah"}}.dump(),
           "application/json");
  }
  const auto locked = c.Post(
      "/api/login", json{{"user", "vera"}, {"password", "sandi-rahasia-vera"}}.dump(),
      "application/json");
  EXPECT_EQ(locked->status, 429);
  EXPECT_EQ(error_code(locked), "auth.throttled");
  EXPECT_FALSE(locked->get_header_value("Retry-After").empty());
}

TEST_F(WebE2E, AnIdleSessionExpires) {
  start_server({{"NASKAH_WEB_SESSION_IDLE_SECONDS", "2"}});
  const auto session = sign_in("vera");
  auto c = client();
  EXPECT_EQ(c.Get("/api/me", as(session))->status, 200);
  std::this_thread::sleep_for(3500ms);
  EXPECT_EQ(c.Get("/api/me", as(session))->status, 401);
}

TEST_F(WebE2E, ASessionEndsWithItsAccountChangedFromTheCommandLine) {
  start_server();
  add_user("dian", "operator");
  const auto removed = sign_in("dian");
  const auto changed = sign_in("vera");
  const auto demoted = sign_in("opi");
  const auto deactivated = sign_in("adi");
  const auto untouched = sign_in("adi");
  auto c = client();
  for (const auto& s : {removed, changed, demoted, deactivated}) {
    ASSERT_EQ(c.Get("/api/me", as(s))->status, 200);
  }

  // Changed with `naskah user` while the server runs; each session's next request is 401.
  ASSERT_EQ(naskah({"user", "del", "dian"}).exit_code, 0);
  const auto passwd =
      test::run({"/bin/sh", "-c",
                 "printf '%s\\n' 'sandi-baru-vera' | '" + std::string(NASKAH_BINARY) +
                     "' user passwd --data '" + data() + "' vera --password-stdin"});
  ASSERT_EQ(passwd.exit_code, 0) << passwd.err;
  ASSERT_EQ(naskah({"user", "role", "opi", "--role", "viewer"}).exit_code, 0);
  const auto me_removed = c.Get("/api/me", as(removed));
  EXPECT_EQ(me_removed->status, 401) << "a deleted user's session still works";
  EXPECT_EQ(error_code(me_removed), "auth.required");
  EXPECT_EQ(c.Get("/api/me", as(changed))->status, 401) << "the password changed";
  EXPECT_EQ(c.Get("/api/search?q=universitas", as(demoted))->status, 401) << "the role changed";
  EXPECT_EQ(c.Get("/api/me", as(untouched))->status, 200);

  ASSERT_EQ(naskah({"user", "deactivate", "adi"}).exit_code, 0);
  EXPECT_EQ(c.Get("/api/me", as(deactivated))->status, 401);
  const auto again =
      c.Post("/api/login", json{{"user", "adi"}, {"password", "sandi-rahasia-adi"}}.dump(),
             "application/json");
  EXPECT_EQ(again->status, 401) << "a deactivated user signed in";
  ASSERT_EQ(naskah({"user", "activate", "adi"}).exit_code, 0);
  EXPECT_EQ(c.Get("/api/me", as(sign_in("adi")))->status, 200);
  // The new password and role hold.
  const auto renewed =
      c.Post("/api/login", json{{"user", "vera"}, {"password", "sandi-baru-vera"}}.dump(),
             "application/json");
  EXPECT_EQ(renewed->status, 200);
  EXPECT_EQ(json::parse(c.Get("/api/me", as(sign_in("opi")))->body).at("role"), "viewer");
}

// A date `days` from today, as the server and search compute status with it.
std::string days_from_today(int days) {
  const std::time_t t = std::time(nullptr) + static_cast<std::time_t>(days) * 86400;
  std::tm local{};
  ::localtime_r(&t, &local);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &local);
  return text;
}

TEST_F(WebE2E, ACorrectionIsSearchedReportedAndOutlivesReindexes) {
  start_server();
  const auto viewer = sign_in("vera");
  const auto op = sign_in("opi");
  auto c = client();
  const std::string id = id_of("universitas");
  const json parsed = json::parse(c.Get("/api/agreements/" + id, as(viewer))->body);
  const std::string ended = days_from_today(-10);
  const json changes = {
      {"signed_date", "2019-01-02"},
      {"effective_date", "2019-01-02"},
      {"end_date", ended},
      {"parties",
       {{{"name", "Universitas Koreksi Nusantara"}, {"role", "first"}, {"signatory", "Dr. Sari"}},
        parsed.at("parties").at(1)}}};
  const std::string body = json{{"changes", changes}, {"reason", "dibaca dari aslinya"}}.dump();

  // Viewers read only; bad values and a period that ends before it starts are refused whole.
  EXPECT_EQ(c.Patch("/api/agreements/" + id, as(viewer), body, "application/json")->status, 403);
  const auto bad_date =
      c.Patch("/api/agreements/" + id, as(op), R"({"changes": {"signed_date": "2019-02-30"}})",
              "application/json");
  EXPECT_EQ(bad_date->status, 400);
  EXPECT_EQ(error_code(bad_date), "usage.invalid");
  const auto backwards =
      c.Patch("/api/agreements/" + id, as(op),
              json{{"changes", {{"end_date", "2001-01-01"}}}}.dump(), "application/json");
  EXPECT_EQ(backwards->status, 400) << backwards->body;
  const auto unknown = c.Patch("/api/agreements/" + id, as(op), R"({"changes": {"sha256": "x"}})",
                               "application/json");
  EXPECT_EQ(unknown->status, 400);
  auto no_csrf = as(op);
  no_csrf.erase("X-CSRF-Token");
  EXPECT_EQ(c.Patch("/api/agreements/" + id, no_csrf, body, "application/json")->status, 403);
  EXPECT_EQ(json::parse(c.Get("/api/agreements/" + id, as(viewer))->body).at("signed_date"),
            parsed.at("signed_date"))
      << "a refused correction changed something";

  const auto corrected = c.Patch("/api/agreements/" + id, as(op), body, "application/json");
  ASSERT_EQ(corrected->status, 200) << corrected->body;
  auto check = [&](const std::string& when) {
    const json record = json::parse(c.Get("/api/agreements/" + id, as(viewer))->body);
    EXPECT_EQ(record.at("signed_date"), "2019-01-02") << when;
    EXPECT_EQ(record.at("end_date"), ended) << when;
    EXPECT_EQ(record.at("parties").at(0).at("name"), "Universitas Koreksi Nusantara") << when;
    EXPECT_EQ(record.at("status"), "expired") << when;
    const json corrected_fields = record.at("corrected");
    for (const char* field : {"signed_date", "end_date", "parties"}) {
      EXPECT_NE(std::find(corrected_fields.begin(), corrected_fields.end(), field),
                corrected_fields.end())
          << field << " " << when;
    }
    for (const json& flag : record.at("needs_review")) {
      EXPECT_NE(flag.at("field"), "signed_date") << "a corrected field is still flagged";
    }
    // Search: the party filter and facet, the status filter, the year.
    const auto found = c.Get(
        "/api/search?q=&party=Universitas+Koreksi+Nusantara&status=expired&year=2019", as(viewer));
    ASSERT_EQ(found->status, 200) << found->body;
    const json hits = json::parse(found->body);
    ASSERT_EQ(hits.at("total"), 1) << when << " " << found->body.substr(0, 600);
    EXPECT_EQ(hits.at("hits").at(0).at("id"), id);
    EXPECT_NE(hits.at("facets").dump().find("Universitas Koreksi Nusantara"), std::string::npos);
    // The report: ended within its window.
    const auto report = naskah({"report", "--format", "json", "--days", "30"});
    ASSERT_EQ(report.exit_code, 0) << report.err;
    EXPECT_NE(json::parse(report.out).at("expired").dump().find(id), std::string::npos)
        << when << " " << report.out.substr(0, 400);
  };
  check("after the correction");
  const auto reindexed = naskah({"reindex", "--json"});
  ASSERT_EQ(reindexed.exit_code, 0) << reindexed.err;
  check("after reindex");
  const auto with_ocr = naskah({"reindex", "--ocr", "--json"});
  ASSERT_EQ(with_ocr.exit_code, 0) << with_ocr.err;
  check("after reindex --ocr");

  // The history: what the parser read, what it is now, who changed it and when.
  const auto history = c.Get("/api/agreements/" + id + "/history", as(viewer));
  ASSERT_EQ(history->status, 200);
  const json signed_date = json::parse(history->body).at("fields").at("signed_date");
  EXPECT_EQ(signed_date.at("parsed"), parsed.at("signed_date"));
  EXPECT_EQ(signed_date.at("now"), "2019-01-02");
  ASSERT_EQ(signed_date.at("corrections").size(), 1u);
  EXPECT_EQ(signed_date.at("corrections").at(0).at("who"), "opi");
  EXPECT_EQ(signed_date.at("corrections").at(0).at("old"), parsed.at("signed_date"));
  EXPECT_EQ(signed_date.at("corrections").at(0).at("reason"), "dibaca dari aslinya");
  EXPECT_FALSE(signed_date.at("corrections").at(0).at("when").get<std::string>().empty());

  // On the command line too, and on the record of who did what.
  const auto cli = naskah({"correct", id, "place", "Denpasar", "--as", "budi"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(naskah({"correct", id, "end_date", "kemarin"}).exit_code, 2);
  const auto text = naskah({"history", id});
  EXPECT_NE(text.out.find("Denpasar"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("budi"), std::string::npos);
  const auto audit = naskah({"audit", "--format", "json", "--action", "agreement.correct"});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  const json events = json::parse(audit.out).at("events");
  ASSERT_EQ(events.size(), 5u) << audit.out;  // four fields through the API, one here
  EXPECT_EQ(events.at(0).at("who"), "opi");
  EXPECT_EQ(events.at(0).at("subject"), id);
  EXPECT_EQ(naskah({"audit", "verify"}).exit_code, 0);
}

TEST_F(WebE2E, TheAuditLogHasWhoReadWhatAndNamesAnEditedOrDeletedLine) {
  start_server();
  const auto viewer = sign_in("vera");
  auto c = client();
  const std::string id = id_of("universitas");
  ASSERT_EQ(c.Get("/api/agreements/" + id, as(viewer))->status, 200);
  ASSERT_EQ(c.Get("/api/agreements/" + id + "/file", as(viewer))->status, 200);
  c.Post("/api/login", json{{"user", "vera"}, {"password", "salah"}}.dump(), "application/json");
  EXPECT_EQ(c.Post("/api/logout", as(viewer), "", "text/plain")->status, 200);
  const auto read = naskah({"audit", "--format", "json"});
  ASSERT_EQ(read.exit_code, 0) << read.err;
  std::vector<std::string> actions;
  const json events = json::parse(read.out);
  for (const json& e : events.at("events")) {
    actions.push_back(e.at("action"));
    if (e.at("action") == "agreement.view") {
      EXPECT_EQ(e.at("who"), "vera");
      EXPECT_EQ(e.at("subject"), id);
      EXPECT_EQ(e.at("address"), "127.0.0.1");
    }
  }
  for (const char* action : {"user.change", "auth.sign-in", "agreement.view", "agreement.download",
                             "auth.sign-in-failed", "auth.sign-out"}) {
    EXPECT_NE(std::find(actions.begin(), actions.end(), action), actions.end()) << action;
  }
  const auto csv = naskah({"audit", "--format", "csv"});
  EXPECT_EQ(csv.out.rfind("seq,time,action,who,subject,address,details\n", 0), 0u) << csv.out;
  EXPECT_EQ(naskah({"audit", "verify"}).exit_code, 0);

  // Edited, then (restored and) a line deleted: each time the first bad line is named.
  fs::path file;
  for (const auto& e : fs::directory_iterator(m_work / "data" / "audit")) {
    if (e.path().filename().string().starts_with("audit-")) file = e.path();
  }
  const std::string original = test::read_text(file.string());
  std::string edited = original;
  const auto at = edited.find("\"who\":\"vera\"");
  ASSERT_NE(at, std::string::npos);
  edited.replace(at, 12, "\"who\":\"adi\"");
  std::ofstream(file, std::ios::trunc) << edited;
  const std::size_t edited_line =
      static_cast<std::size_t>(
          std::count(original.begin(), original.begin() + static_cast<long>(at), '\n')) +
      1;
  const auto bad_edit = naskah({"audit", "verify"});
  EXPECT_EQ(bad_edit.exit_code, 1);
  EXPECT_NE(bad_edit.out.find("line " + std::to_string(edited_line) + " "), std::string::npos)
      << bad_edit.out;

  std::string deleted = original;
  const auto second = deleted.find('\n') + 1;
  deleted.erase(second, deleted.find('\n', second) + 1 - second);  // line 2
  std::ofstream(file, std::ios::trunc) << deleted;
  const auto bad_delete = naskah({"audit", "verify"});
  EXPECT_EQ(bad_delete.exit_code, 1);
  EXPECT_NE(bad_delete.out.find("line 2 "), std::string::npos) << bad_delete.out;
  EXPECT_NE(bad_delete.out.find("removed"), std::string::npos) << bad_delete.out;
}

TEST_F(WebE2E, AdminsManageAccountsAndReadTheAuditLogInTheWeb) {
  start_server();
  const auto admin = sign_in("adi");
  const auto op = sign_in("opi");
  auto c = client();
  EXPECT_EQ(c.Get("/api/users", as(op))->status, 403);
  EXPECT_EQ(c.Get("/api/audit", as(op))->status, 403);
  const auto listed = c.Get("/api/users", as(admin));
  ASSERT_EQ(listed->status, 200);
  EXPECT_EQ(json::parse(listed->body).at("users").size(), 3u);

  const auto added =
      c.Post("/api/users", as(admin),
             json{{"name", "wati"}, {"role", "viewer"}, {"password", "sandi-rahasia-wati"}}.dump(),
             "application/json");
  ASSERT_EQ(added->status, 201) << added->body;
  EXPECT_EQ(
      c.Post("/api/users", as(admin),
             json{{"name", "wati"}, {"role", "viewer"}, {"password", "sandi-rahasia-wati"}}.dump(),
             "application/json")
          ->status,
      409);
  const auto wati = sign_in("wati");
  ASSERT_EQ(c.Get("/api/me", as(wati))->status, 200);
  const auto promoted =
      c.Patch("/api/users/wati", as(admin), R"({"role": "operator"})", "application/json");
  ASSERT_EQ(promoted->status, 200) << promoted->body;
  EXPECT_EQ(json::parse(promoted->body).at("role"), "operator");
  EXPECT_EQ(c.Get("/api/me", as(wati))->status, 401) << "the role changed: the session ended";
  EXPECT_EQ(
      c.Patch("/api/users/adi", as(admin), R"({"active": false})", "application/json")->status, 400)
      << "an admin locked themselves out";
  EXPECT_EQ(
      c.Patch("/api/users/wati", as(admin), R"({"active": false})", "application/json")->status,
      200);
  EXPECT_EQ(c.Post("/api/login", json{{"user", "wati"}, {"password", "sandi-rahasia-wati"}}.dump(),
                   "application/json")
                ->status,
            401);
  EXPECT_EQ(c.Delete("/api/users/wati", as(admin))->status, 200);
  EXPECT_EQ(c.Delete("/api/users/wati", as(admin))->status, 404);

  const auto changes = c.Get("/api/audit?action=user.change&who=adi", as(admin));
  ASSERT_EQ(changes->status, 200);
  const json events = json::parse(changes->body).at("events");
  ASSERT_EQ(events.size(), 4u) << changes->body;  // add, role, deactivate, del; newest first
  EXPECT_EQ(events.at(0).at("details").at("change"), "del");
  EXPECT_EQ(events.at(3).at("subject"), "wati");
  const auto csv = c.Get("/api/audit?format=csv&action=user.change", as(admin));
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv->body.rfind("seq,time,action,who,subject,address,details\n", 0), 0u);
  EXPECT_NE(csv->body.find(",adi,wati,"), std::string::npos) << csv->body;
}

// Whether the XLSX at `xlsx` holds the rows of the CSV at `csv`, read by a real reader
// (python3-openpyxl); prints why not.
test::RunResult same_rows(const fs::path& csv, const fs::path& xlsx) {
  const std::string script = R"(
import csv, sys, openpyxl
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
sheet = openpyxl.load_workbook(sys.argv[2], read_only=True).worksheets[0]
cells = [['' if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
if rows != cells:
    print('csv:', rows[:3], '\nxlsx:', cells[:3])
    sys.exit(1)
print(len(rows) - 1, 'rows')
)";
  return test::run({"/usr/bin/python3", "-c", script, csv.string(), xlsx.string()});
}

TEST_F(WebE2E, ResultsAndDashboardListsExportToCsvAndXlsxWithTheSameRows) {
  start_server();
  const auto viewer = sign_in("vera");
  auto c = client();
  auto fetch = [&](const std::string& query, const std::string& file) {
    const auto res = c.Get("/api/export?" + query, as(viewer));
    EXPECT_TRUE(res);
    if (!res) return std::string();
    EXPECT_EQ(res->status, 200) << query << ": " << res->body.substr(0, 200);
    EXPECT_NE(res->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
    std::ofstream(m_work / file, std::ios::binary) << res->body;
    return res->body;
  };
  const std::string csv = fetch("list=search&q=&format=csv", "search.csv");
  fetch("list=search&q=&format=xlsx", "search.xlsx");
  EXPECT_EQ(
      csv.rfind("list,id,doc_type,title,parties,numbers,signed_date,end_date,status,reasons\n", 0),
      0u);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3) << "a header and both agreements";
  const auto search_rows = same_rows(m_work / "search.csv", m_work / "search.xlsx");
  EXPECT_EQ(search_rows.exit_code, 0) << search_rows.out << search_rows.err;
  EXPECT_NE(search_rows.out.find("2 rows"), std::string::npos) << search_rows.out;

  fetch("list=suspicious&format=csv", "suspicious.csv");
  fetch("list=suspicious&format=xlsx", "suspicious.xlsx");
  const auto listed = same_rows(m_work / "suspicious.csv", m_work / "suspicious.xlsx");
  EXPECT_EQ(listed.exit_code, 0) << listed.out << listed.err;
  EXPECT_EQ(c.Get("/api/export?list=everything&format=csv", as(viewer))->status, 400);
  EXPECT_EQ(c.Get("/api/export?list=search&format=pdf", as(viewer))->status, 400);

  // The report on the command line: the same columns, as CSV and as a workbook.
  const auto report_csv = naskah({"report", "--format", "csv"});
  const auto report_xlsx = naskah({"report", "--format", "xlsx"});
  ASSERT_EQ(report_xlsx.exit_code, 0) << report_xlsx.err;
  std::ofstream(m_work / "report.csv", std::ios::binary) << report_csv.out;
  std::ofstream(m_work / "report.xlsx", std::ios::binary) << report_xlsx.out;
  const auto report_rows = same_rows(m_work / "report.csv", m_work / "report.xlsx");
  EXPECT_EQ(report_rows.exit_code, 0) << report_rows.out << report_rows.err;
}

TEST_F(WebE2E, AnAgreementSignedAfterItsPeriodEndedIsListedWithItsCheck) {
  std::ofstream(m_work / "mundur.pdf", std::ios::binary)
      << test::make_text_pdf({{"PERJANJIAN KERJA SAMA", "ANTARA", "KANTOR WILAYAH BENGKULU",
                               "DENGAN", "UNIVERSITAS PENANGGALAN MUNDUR", "Nomor : 77/KS/2021",
                               "Pada hari ini Senin tanggal 4 Januari 2021, bertempat di Bengkulu",
                               "Perjanjian ini berlaku sejak tanggal 1 Januari 2019 sampai dengan "
                               "tanggal 31 Desember 2020."}});
  ASSERT_EQ(naskah({"ingest", (m_work / "mundur.pdf").string()}).exit_code, 0);
  const auto report = naskah({"report", "--format", "json"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  bool listed = false;
  const json lists = json::parse(report.out);
  for (const json& row : lists.at("suspicious")) {
    const json& reasons = row.at("reasons");
    if (std::find(reasons.begin(), reasons.end(), "signed-after-end-signed_date") !=
        reasons.end()) {
      listed = true;
      EXPECT_EQ(row.at("record").at("signed_date"), "2021-01-04");
    }
  }
  EXPECT_TRUE(listed) << report.out.substr(0, 800);
}

TEST_F(WebE2E, CrossSitePostsAreRefused) {
  start_server();
  const auto op = sign_in("opi");
  auto c = client();
  const auto pdf = test::read_text(test::source_path("samples/mou-kanwil-universitas.pdf"));
  const httplib::MultipartFormDataItems upload{{"file", pdf, "forged.pdf", "application/pdf"}};
  // A page elsewhere that posts a form with the victim's cookie has no CSRF token...
  const auto no_token = c.Post("/api/upload", {{"Cookie", op.first}}, upload);
  EXPECT_EQ(no_token->status, 403);
  EXPECT_EQ(error_code(no_token), "auth.csrf");
  const auto bad_token = c.Post("/api/upload", {{"Cookie", op.first}, {"X-CSRF-Token", "x"}}, upload);
  EXPECT_EQ(bad_token->status, 403);
  // ...and its browser names the other site as the origin.
  auto headers = as(op);
  headers.emplace("Origin", "https://evil.example");
  EXPECT_EQ(c.Post("/api/upload", headers, upload)->status, 403);
  EXPECT_FALSE(fs::exists(m_work / "data" / "inbox" / "forged.pdf"));
  EXPECT_EQ(c.Post("/api/logout", {{"Cookie", op.first}}, "", "text/plain")->status, 403);
  EXPECT_EQ(c.Get("/api/me", as(op))->status, 200) << "a forged logout ended the session";
}

TEST_F(WebE2E, PathTraversalAndBadParametersAreRefused) {
  start_server({{"NASKAH_WEB_UPLOAD_MAX_MB", "1"}});
  const auto op = sign_in("opi");
  auto c = client();
  for (const std::string& path :
       std::vector<std::string>{"/api/agreements/..%2F..%2F..%2Fetc%2Fpasswd", "/api/agreements/../../etc/passwd",
        "/api/agreements/" + std::string(64, 'A'), "/api/agreements/" + std::string(64, 'a'),
        "/api/agreements/" + std::string(64, 'a') + "/file",
        "/assets/..%2F..%2F..%2Fetc%2Fpasswd", "/assets/../../../../etc/passwd",
        "/api/agreements/" + std::string(63, 'a') + "/pages/1"}) {
    const auto res = c.Get(path, as(op));
    ASSERT_TRUE(res) << path;
    EXPECT_TRUE(res->status == 404 || res->status == 400) << path << " " << res->status;
    EXPECT_EQ(res->body.find("root:"), std::string::npos) << path;
  }
  const std::string id = id_of("universitas");
  EXPECT_EQ(c.Get("/api/agreements/" + id + "/pages/999", as(op))->status, 404);
  for (const std::string query : {"limit=abc", "limit=100000", "offset=-1", "sort=bogus",
                                  "signed_from=kemarin", "status=bogus"}) {
    const auto res = c.Get("/api/search?q=x&" + query, as(op));
    EXPECT_EQ(res->status, 400) << query;
    EXPECT_EQ(error_code(res), "usage.invalid") << query;
  }

  const auto pdf = test::read_text(test::source_path("samples/mou-kanwil-universitas.pdf"));
  // A name that climbs out of the inbox lands in the inbox, under its last part.
  const auto climbed = c.Post("/api/upload", as(op),
                              {{"file", pdf, "../../../escaped.pdf", "application/pdf"}});
  ASSERT_EQ(climbed->status, 202) << climbed->body;
  EXPECT_EQ(json::parse(climbed->body).at("name"), "escaped.pdf");
  EXPECT_TRUE(fs::exists(m_work / "data" / "inbox" / "escaped.pdf"));
  EXPECT_FALSE(fs::exists(m_work / "escaped.pdf"));
  const auto hidden = c.Post("/api/upload", as(op), {{"file", pdf, ".x.pdf", "application/pdf"}});
  EXPECT_EQ(json::parse(hidden->body).at("name"), "x.pdf");
  // The same name again is saved beside it, never over it.
  const auto again = c.Post("/api/upload", as(op), {{"file", pdf, "x.pdf", "application/pdf"}});
  ASSERT_EQ(again->status, 202) << again->body;
  EXPECT_EQ(json::parse(again->body).at("name"), "x (2).pdf");
  // A Latin-1 name (not UTF-8) and a control character: a safe UTF-8 name in the inbox.
  const auto latin1 = c.Post("/api/upload", as(op),
                             {{"file", pdf, std::string("surat\xe9\tINFO.pdf"), "application/pdf"}});
  ASSERT_EQ(latin1->status, 202) << latin1->body;
  EXPECT_EQ(json::parse(latin1->body).at("name"), "surat__INFO.pdf");
  EXPECT_TRUE(fs::exists(m_work / "data" / "inbox" / "surat__INFO.pdf"));
  // What naskah ingest takes, an upload takes too: junk before the PDF header.
  const auto junk = c.Post("/api/upload", as(op),
                           {{"file", "\r\n\r\n" + pdf, "scan", "application/pdf"}});
  ASSERT_EQ(junk->status, 202) << junk->body;
  EXPECT_EQ(json::parse(junk->body).at("name"), "scan.pdf");

  const auto big = c.Post("/api/upload", as(op),
                          {{"file", "%PDF-" + std::string(2 * 1024 * 1024, 'x'), "big.pdf",
                            "application/pdf"}});
  EXPECT_EQ(big->status, 413);
  const auto text = c.Post("/api/upload", as(op), {{"file", "hello", "a.pdf", "application/pdf"}});
  EXPECT_EQ(text->status, 415);
  EXPECT_EQ(error_code(text), "input.unsupported-type");
  EXPECT_EQ(c.Post("/api/upload", as(op), {{"file", "", "a.pdf", "application/pdf"}})->status,
            400);
  EXPECT_EQ(c.Post("/api/upload", as(op), "not multipart", "text/plain")->status, 400);
  EXPECT_EQ(c.Post("/api/upload", as(op), {{"other", pdf, "a.pdf", "application/pdf"}})->status,
            400);
}

TEST_F(WebE2E, HtmlInADocumentComesBackAsText) {
  start_server();
  const auto viewer = sign_in("vera");
  auto c = client();
  const std::string id = id_of("keamanan");
  const auto record = c.Get("/api/agreements/" + id, as(viewer));
  ASSERT_EQ(record->status, 200);
  EXPECT_EQ(record->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(record->get_header_value("X-Content-Type-Options"), "nosniff");
  const json body = json::parse(record->body);
  EXPECT_NE(body.at("text").get<std::string>().find(k_xss_script), std::string::npos);
  const auto found = c.Get("/api/search?q=keamanan+script", as(viewer));
  ASSERT_EQ(found->status, 200);
  const json results = json::parse(found->body);
  ASSERT_FALSE(results.at("hits").empty());
  for (const json& hit : results.at("hits")) {
    const std::string snippet = hit.at("snippet");
    EXPECT_EQ(snippet.find("<script"), std::string::npos) << snippet;
    EXPECT_EQ(snippet.find("<img"), std::string::npos) << snippet;
  }
}

TEST_F(WebE2E, AgreementFilePageImageAndStats) {
  start_server();
  const auto viewer = sign_in("vera");
  auto c = client();
  const std::string id = id_of("universitas");
  const auto file = c.Get("/api/agreements/" + id + "/file", as(viewer));
  ASSERT_EQ(file->status, 200);
  EXPECT_EQ(file->body, test::read_text(test::source_path("samples/mou-kanwil-universitas.pdf")));
  EXPECT_NE(file->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  const auto page = c.Get("/api/agreements/" + id + "/pages/1", as(viewer));
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_EQ(page->body.substr(0, 8), "\x89PNG\r\n\x1a\n");
  EXPECT_EQ(c.Get("/api/agreements/" + id + "/pages/1", as(viewer))->body, page->body);
  const auto stats = c.Get("/api/stats", as(viewer));
  ASSERT_EQ(stats->status, 200);
  const json s = json::parse(stats->body);
  EXPECT_EQ(s.at("total"), 2);
  for (const char* key : {"status", "doc_type", "year", "party", "office", "expiring",
                          "expired", "suspicious"}) {
    EXPECT_TRUE(s.contains(key)) << key;
  }
  // Compressed where it pays.
  const auto js = c.Get("/assets/app.js", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(js->get_header_value("Content-Encoding"), "gzip");
  const auto again = c.Get("/assets/app.js", {{"If-None-Match", js->get_header_value("ETag")}});
  EXPECT_EQ(again->status, 304);
}

TEST_F(WebE2E, AnUploadBecomesSearchable) {
  start_server({}, true);
  const auto op = sign_in("opi");
  auto c = client();
  const std::string pdf = test::make_text_pdf({{
      "PERJANJIAN KERJA SAMA", "ANTARA", "LEMBAGA PEMASYARAKATAN KELAS IIA CONTOHKOTA",
      "DENGAN", "PEMERINTAH KABUPATEN CONTOHKOTA", "TENTANG",
      "PEMBINAAN KEMANDIRIAN WARGA BINAAN", "Nomor: PKS-77/LAPAS/2022",
      "Pada hari ini Selasa tanggal 1 Maret 2022 para pihak sepakat bekerja sama."}});
  const auto accepted =
      c.Post("/api/upload", as(op), {{"file", pdf, "pks-contohkota.pdf", "application/pdf"}});
  ASSERT_EQ(accepted->status, 202) << accepted->body;
  const std::string sha = json::parse(accepted->body).at("sha256");
  std::string state;
  for (int i = 0; i < 600 && state != "searchable" && state != "refused"; ++i) {
    const auto res = c.Get("/api/uploads/" + sha, as(op));
    ASSERT_EQ(res->status, 200) << res->body;
    state = json::parse(res->body).at("state");
    std::this_thread::sleep_for(200ms);
  }
  ASSERT_EQ(state, "searchable");
  const auto found = c.Get("/api/search?q=contohkota", as(op));
  ASSERT_EQ(found->status, 200);
  const json results = json::parse(found->body);
  ASSERT_EQ(results.at("total"), 1);
  EXPECT_EQ(results.at("hits").at(0).at("id"), sha);
  // A file that is not an agreement scan is refused with its reason.
  const auto unknown = c.Get("/api/uploads/" + std::string(64, 'b'), as(op));
  EXPECT_EQ(unknown->status, 404);
}

// The whole journey in a real browser (Debian's chromium driven by playwright-core, see
// tests/browser/ui_test.mjs): sign in, search, filter, open, download, the injected HTML
// never runs, upload and see it searchable, dashboard, language, sign out. Screenshots are
// kept in the build folder's browser-artifacts/.
TEST_F(WebE2E, BrowserUserJourney) {
  const std::string browser_dir = test::source_path("tests/browser");
  ASSERT_TRUE(fs::exists(browser_dir + "/node_modules/playwright-core"))
      << "run scripts/setup.sh: it installs playwright-core into tests/browser";
  ASSERT_TRUE(fs::exists("/usr/bin/chromium")) << "run scripts/setup.sh: it installs chromium";
  start_server({}, true);
  const std::string upload = (m_work / "pks-unggahan.pdf").string();
  std::ofstream(upload, std::ios::binary) << test::make_text_pdf({{
      "PERJANJIAN KERJA SAMA", "ANTARA", "RUMAH TAHANAN NEGARA KELAS I UJICOBA", "DENGAN",
      "DINAS SOSIAL KOTA UJICOBA", "TENTANG", "REHABILITASI SOSIAL",
      "Nomor: PKS-12/RUTAN/2023",
      "Pada hari ini Rabu tanggal 1 Februari 2023 para pihak sepakat bekerja sama."}});
  const fs::path artifacts = fs::current_path() / "browser-artifacts";
  fs::remove_all(artifacts);
  fs::create_directories(artifacts);
  const std::string env = "NASKAH_URL=http://127.0.0.1:" + std::to_string(m_port) +
                          " NASKAH_OPERATOR=opi NASKAH_OPERATOR_PASSWORD=sandi-rahasia-opi" +
                          " NASKAH_UPLOAD_FILE='" + upload + "' NASKAH_ARTIFACTS='" +
                          artifacts.string() +
                          "' NASKAH_QUERY=universitas NASKAH_XSS_ID=" + id_of("keamanan") +
                          " NASKAH_VIEWER=vera NASKAH_VIEWER_PASSWORD=sandi-rahasia-vera";
  const auto r = test::run({"/bin/sh", "-c",
                            "cd '" + browser_dir + "' && env " + env + " node ui_test.mjs"},
                           600);
  std::cout << r.out;  // one line per step, in the test log
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

}  // namespace
}  // namespace naskah
