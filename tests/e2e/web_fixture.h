// The fixture of the web's end-to-end tests: a data folder with two agreements (one carrying
// hostile HTML) and three users (vera viewer, opi operator, adi admin), `naskah serve` started
// on a free port, and helpers to sign in and call it.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "make_pdf.h"
#include "test_support.h"

namespace naskah::web_e2e {
namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace std::chrono_literals;

inline const std::string k_xss_script = "<script>window.__xss=1</script>";
inline const std::string k_xss_img = "\"><img src=x onerror=\"window.__xss=1\">";

// An agreement whose text carries HTML that must never run in a browser.
inline std::string xss_agreement() {
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

  // Starts `naskah serve` on a free port with `settings` (NASKAH_* variables). It takes its
  // inbox itself, as it does without --no-watch.
  void start_server(const std::vector<std::pair<std::string, std::string>>& settings = {}) {
    for (const auto& [key, value] : settings) ::setenv(key.c_str(), value.c_str(), 1);
    std::vector<std::string> args{NASKAH_BINARY, "serve",    "--data",
                                  data(),        "--listen", "127.0.0.1:0"};
    const std::string log = (m_work / "serve.log").string();
    m_pid = test::spawn(args, log);
    for (const auto& [key, value] : settings) ::unsetenv(key.c_str());
    const std::regex serving(R"(serving on https?://127\.0\.0\.1:(\d+))");
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
    const auto res =
        c.Post("/api/login", json{{"user", name}, {"password", "sandi-rahasia-" + name}}.dump(),
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

}  // namespace naskah::web_e2e
