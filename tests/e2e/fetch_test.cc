// naskah fetch and [[fetch.source]] on the real binary, against a real HTTP server on
// 127.0.0.1: a scan is downloaded, archived and searchable; the same URL again downloads
// nothing; an HTML page is not taken; a file:// redirect is refused; watch polls a source.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "test_support.h"

namespace naskah {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace std::chrono_literals;

class FetchE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("no_proxy", "127.0.0.1", 1);
    ::setenv("NO_PROXY", "127.0.0.1", 1);
    m_work = fs::temp_directory_path() / ("naskah-fetch-e2e-" + std::to_string(::getpid()));
    fs::remove_all(m_work);
    fs::create_directories(m_work);
    m_pdf = test::read_text(test::source_path("samples/mou-kanwil-universitas.pdf"));
    m_server.Get("/perjanjian.pdf", [this](const httplib::Request& req, httplib::Response& res) {
      ++m_downloads;
      if (req.get_header_value("If-None-Match") == "\"v1\"") {
        res.status = 304;
        return;
      }
      res.set_header("ETag", "\"v1\"");
      res.set_content(m_pdf, "application/pdf");
    });
    m_server.Get("/halaman", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<html><body>Halaman tidak ditemukan</body></html>", "text/html");
    });
    m_server.Get("/alihkan", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("file:///etc/passwd");
    });
    m_port = m_server.bind_to_any_port("127.0.0.1");
    ASSERT_GT(m_port, 0);
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    while (!m_server.is_running()) std::this_thread::sleep_for(1ms);
  }
  void TearDown() override {
    m_server.stop();
    if (m_thread.joinable()) m_thread.join();
    if (!HasFailure()) fs::remove_all(m_work);
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(m_port) + path;
  }
  std::string data() const { return (m_work / "data").string(); }
  json fetch(const std::string& u, int expect_exit) {
    const auto r = test::run_naskah({"fetch", "--data", data(), "--json", u}, 120);
    EXPECT_EQ(r.exit_code, expect_exit) << r.out << r.err;
    return json::parse(r.out).at("files").at(0);
  }

  fs::path m_work;
  std::string m_pdf;
  httplib::Server m_server;
  int m_port = 0;
  std::thread m_thread;
  std::atomic<int> m_downloads{0};
};

TEST_F(FetchE2E, AScanIsDownloadedIngestedAndNotDownloadedTwice) {
  const json first = fetch(url("/perjanjian.pdf"), 0);
  EXPECT_EQ(first.at("result"), "ingested") << first.dump();
  const auto s = test::run_naskah({"search", "--data", data(), "--json", "universitas"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_EQ(json::parse(s.out).at("total"), 1);
  EXPECT_TRUE(fs::is_empty(m_work / "data" / "fetched")) << "the download left its folder";

  const json second = fetch(url("/perjanjian.pdf"), 0);
  EXPECT_EQ(second.at("result"), "not modified");
  EXPECT_EQ(m_downloads, 2);  // asked twice, sent once
}

TEST_F(FetchE2E, AWebPageOrAFileRedirectIsNotTaken) {
  const json page = fetch(url("/halaman"), 1);
  EXPECT_EQ(page.at("error").at("code"), "fetch.wrong-type");
  const json redirect = fetch(url("/alihkan"), 1);
  EXPECT_EQ(redirect.at("error").at("code"), "fetch.unsupported-scheme");
  const json scheme = fetch("file:///etc/passwd", 1);
  EXPECT_EQ(scheme.at("error").at("code"), "fetch.unsupported-scheme");
  std::error_code ec;
  EXPECT_FALSE(fs::exists(m_work / "data" / "archive", ec) &&
               !fs::is_empty(m_work / "data" / "archive"));
}

TEST_F(FetchE2E, WatchDownloadsItsSourcesIntoTheInbox) {
  const fs::path config = m_work / "naskah.toml";
  std::ofstream(config) << "[[fetch.source]]\nurl = \"" << url("/perjanjian.pdf")
                        << "\"\nevery_minutes = 1\n";
  const auto r = test::run_naskah(
      {"watch", "--config", config.string(), "--data", data(), "--until-idle", "--json"}, 300);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out).at("ingested"), 1) << r.err;
  EXPECT_TRUE(fs::exists(m_work / "data" / "fetch-state.json"));
}

}  // namespace
}  // namespace naskah
