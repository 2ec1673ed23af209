// The fetcher against a real HTTP server on 127.0.0.1 whose routes misbehave on purpose,
// and the naming and type rules on their own.
#include "naskah/ingest/fetch.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "fetch_rules.h"
#include "sample_records.h"
#include "test_support.h"

namespace naskah::ingest {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* k_etag = "\"v1\"";
constexpr const char* k_last_modified = "Wed, 21 Oct 2015 07:28:00 GMT";

class FetchTest : public ::testing::Test {
 protected:
  // libcurl honours proxy variables; the test server is local whatever the machine says.
  static void SetUpTestSuite() {
    ::setenv("no_proxy", "127.0.0.1", 1);
    ::setenv("NO_PROXY", "127.0.0.1", 1);
  }

  void SetUp() override {
    m_dir = test::temp_folder("fetch");
    m_dest = m_dir + "/inbox";
    m_pdf = test::read_text(test::source_path("samples/mou-kanwil-universitas.pdf"));
    add_routes();
    m_port = m_server.bind_to_any_port("127.0.0.1");
    ASSERT_GT(m_port, 0);
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    // stop() does nothing before the accept loop runs, and join() would then wait forever.
    while (!m_server.is_running()) std::this_thread::sleep_for(1ms);
  }

  void TearDown() override {
    m_stopping = true;
    m_server.stop();
    if (m_thread.joinable()) m_thread.join();
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(m_dest, ec)) {
      const std::string name = entry.path().filename().string();
      EXPECT_FALSE(name.starts_with(".") || name.ends_with(".part")) << "left behind: " << name;
    }
    fs::remove_all(m_dir);
  }

  // Fast enough for a unit test: tiny backoff, a trickle detected within a second.
  FetchOptions options() const {
    FetchOptions o;
    o.connect_timeout = 2s;
    o.total_timeout = 20s;
    o.low_speed_time = 1s;
    o.retries = 2;
    o.backoff = 10ms;
    o.state_file = m_dir + "/fetch-state.json";
    return o;
  }

  [[nodiscard]] std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(m_port) + path;
  }

  // Every name in the destination folder, hidden ones included; none when it is absent.
  [[nodiscard]] std::vector<std::string> dest_names() const {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(m_dest, ec)) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  [[nodiscard]] int hits(const std::string& path) {
    std::lock_guard lock(m_mutex);
    return m_hits[path];
  }

  [[nodiscard]] std::string seen_header(const std::string& name) {
    std::lock_guard lock(m_mutex);
    return m_seen[name];
  }

  // Fetches `path` expecting the error `code`, and that nothing is left in the folder.
  void expect_refused(const std::string& path, const std::string& code, FetchOptions o) {
    Fetcher fetcher(std::move(o));
    auto fetched = fetcher.fetch(url(path), m_dest);
    ASSERT_FALSE(fetched.has_value()) << path << " was saved as " << fetched->path;
    EXPECT_EQ(fetched.error().code, code) << fetched.error().message;
    EXPECT_FALSE(fetched.error().message.empty());
    EXPECT_EQ(dest_names(), std::vector<std::string>{}) << path;
  }

  void add_routes();

  std::string m_dir;
  std::string m_dest;
  std::string m_pdf;
  httplib::Server m_server;
  std::thread m_thread;
  int m_port = 0;
  std::atomic<bool> m_stopping = false;
  std::mutex m_mutex;
  std::map<std::string, int> m_hits;
  std::map<std::string, std::string> m_seen;  // request headers of interest, last seen
};

void FetchTest::add_routes() {
  using httplib::DataSink;
  using httplib::Request;
  using httplib::Response;
  m_server.set_pre_routing_handler([this](const Request& req, Response&) {
    std::lock_guard lock(m_mutex);
    ++m_hits[req.path];
    for (const char* name : {"If-None-Match", "If-Modified-Since", "User-Agent"}) {
      if (req.has_header(name)) m_seen[name] = req.get_header_value(name);
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  const auto pdf = [this](const Request&, Response& res) {
    res.set_content(m_pdf, "application/pdf");
  };
  m_server.Get("/scan.pdf", pdf);
  m_server.Get("/download", pdf);
  m_server.Get("/docs/MoU%20Kanwil%202021.pdf", pdf);
  m_server.Get("/docs/MoU Kanwil 2021.pdf", pdf);
  m_server.Get("/untyped", [this](const Request&, Response& res) { res.set_content(m_pdf, ""); });
  m_server.Get("/octet", [this](const Request&, Response& res) {
    res.set_content(m_pdf, "application/octet-stream");
  });
  m_server.Get("/photo", [](const Request&, Response& res) {
    res.set_content(test::read_text(test::source_path("samples/mou-english.photo.jpg")),
                    "image/jpeg");
  });
  m_server.Get("/go", [](const Request&, Response& res) { res.set_redirect("/scan.pdf"); });
  m_server.Get("/flaky.pdf", [this](const Request& req, Response& res) {
    if (hits(req.path) == 1) {
      res.status = 500;
      return;
    }
    res.set_content(m_pdf, "application/pdf");
  });
  m_server.Get("/down", [](const Request&, Response& res) { res.status = 503; });
  m_server.Get("/missing", [](const Request&, Response& res) { res.status = 404; });
  m_server.Get("/slow", [this](const Request&, Response& res) {
    // 10 bytes a second, far under the 1 KiB/s the tests ask for.
    res.set_chunked_content_provider("application/pdf", [this](std::size_t offset, DataSink& sink) {
      if (m_stopping || offset >= 300) {
        sink.done();
        return true;
      }
      std::this_thread::sleep_for(100ms);
      return sink.write(m_pdf.data() + offset, 1);
    });
  });
  m_server.Get("/truncated.pdf", [this](const Request&, Response& res) {
    // Content-Length promises the whole file; the connection drops after half of it.
    const std::size_t half = m_pdf.size() / 2;
    res.set_content_provider(m_pdf.size(), "application/pdf",
                             [this, half](std::size_t offset, std::size_t length, DataSink& sink) {
                               if (offset >= half) return false;
                               return sink.write(m_pdf.data() + offset,
                                                 std::min(length, half - offset));
                             });
  });
  m_server.Get("/loop", [](const Request&, Response& res) { res.set_redirect("/loop"); });
  m_server.Get("/to-file",
               [](const Request&, Response& res) { res.set_redirect("file:///etc/passwd"); });
  m_server.Get("/big.pdf", [this](const Request&, Response& res) {
    res.set_content(m_pdf + std::string(64 * 1024, ' '), "application/pdf");
  });
  m_server.Get("/big-chunked.pdf", [this](const Request&, Response& res) {
    // No Content-Length: only the running count can stop it.
    res.set_chunked_content_provider("application/pdf", [this](std::size_t offset, DataSink& sink) {
      if (m_stopping || offset >= 1024 * 1024) {
        sink.done();
        return true;
      }
      return sink.write(m_pdf.data(), 4096);
    });
  });
  m_server.Get("/page.html", [](const Request&, Response& res) {
    res.set_content("<!doctype html><html><body>Login</body></html>", "text/html; charset=utf-8");
  });
  m_server.Get("/fake.pdf", [](const Request&, Response& res) {
    res.set_content("<!doctype html><html><body>Session expired</body></html>", "application/pdf");
  });
  m_server.Get("/empty.pdf",
               [](const Request&, Response& res) { res.set_content("", "application/pdf"); });
  m_server.Get("/etag.pdf", [this](const Request& req, Response& res) {
    res.set_header("ETag", k_etag);
    res.set_header("Last-Modified", k_last_modified);
    if (req.get_header_value("If-None-Match") == k_etag) {
      res.status = 304;
      return;
    }
    res.set_content(m_pdf, "application/pdf");
  });
  const auto named = [this](const std::string& disposition) {
    return [this, disposition](const Request&, Response& res) {
      res.set_header("Content-Disposition", disposition);
      res.set_content(m_pdf, "application/pdf");
    };
  };
  m_server.Get("/named", named("attachment; filename=\"Perjanjian Kerja Sama.pdf\"; "
                               "filename*=UTF-8''PKS%20Lapas%20%E2%80%93%20Pemda.pdf"));
  m_server.Get("/plain-named", named("attachment; filename=\"MoU; Kanwil.pdf\""));
  m_server.Get("/climbing.pdf", named("attachment; filename=\"../../etc/cron.d/x.pdf\""));
  m_server.Get("/hidden.pdf", named("attachment; filename=\".bashrc\""));
}

TEST_F(FetchTest, DownloadsAScanUnderItsUrlName) {
  Fetcher fetcher(options());
  auto fetched = fetcher.fetch(url("/scan.pdf"), m_dest);
  ASSERT_TRUE(fetched.has_value()) << fetched.error().message;
  EXPECT_EQ(fetched->status, Fetched::Status::downloaded);
  EXPECT_EQ(fetched->file_name, "scan.pdf");
  EXPECT_EQ(fetched->path, (fs::path(m_dest) / "scan.pdf").string());
  EXPECT_EQ(fetched->bytes, m_pdf.size());
  EXPECT_EQ(fetched->attempts, 1);
  EXPECT_EQ(fetched->content_type, "application/pdf");
  EXPECT_EQ(test::read_text(fetched->path), m_pdf);
  EXPECT_EQ(seen_header("User-Agent"), "naskah/0.1");
  EXPECT_EQ(dest_names(), std::vector<std::string>{"scan.pdf"});
}

TEST_F(FetchTest, RetriesAServerErrorAndSucceeds) {
  Fetcher fetcher(options());
  auto fetched = fetcher.fetch(url("/flaky.pdf"), m_dest);
  ASSERT_TRUE(fetched.has_value()) << fetched.error().message;
  EXPECT_EQ(fetched->attempts, 2);
  EXPECT_EQ(hits("/flaky.pdf"), 2);
  EXPECT_EQ(test::read_text(fetched->path), m_pdf);
}

TEST_F(FetchTest, GivesUpOnAServerErrorAfterTheRetries) {
  expect_refused("/down", "fetch.http-error", options());
  EXPECT_EQ(hits("/down"), 3);  // the first attempt and two retries
}

TEST_F(FetchTest, DoesNotRetryAClientError) {
  Fetcher fetcher(options());
  auto fetched = fetcher.fetch(url("/missing"), m_dest);
  ASSERT_FALSE(fetched.has_value());
  EXPECT_EQ(fetched.error().code, "fetch.http-error");
  EXPECT_NE(fetched.error().message.find("404"), std::string::npos) << fetched.error().message;
  EXPECT_EQ(hits("/missing"), 1);
  EXPECT_FALSE(fetched.error().is_refusal());
}

TEST_F(FetchTest, AbortsATrickle) {
  FetchOptions o = options();
  o.retries = 1;
  const auto start = std::chrono::steady_clock::now();
  expect_refused("/slow", "fetch.timeout", o);
  EXPECT_EQ(hits("/slow"), 2);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
}

TEST_F(FetchTest, ATruncatedBodyIsNotKept) {
  FetchOptions o = options();
  o.retries = 1;
  expect_refused("/truncated.pdf", "fetch.truncated", o);
  EXPECT_EQ(hits("/truncated.pdf"), 2);
}

TEST_F(FetchTest, ARedirectLoopEnds) {
  expect_refused("/loop", "fetch.too-many-redirects", options());
  EXPECT_EQ(hits("/loop"), 6);  // the request and max_redirects (5) redirects, never retried
}

TEST_F(FetchTest, FollowsARedirectAndNamesTheFileAfterWhereItEnds) {
  Fetcher fetcher(options());
  auto fetched = fetcher.fetch(url("/go"), m_dest);
  ASSERT_TRUE(fetched.has_value()) << fetched.error().message;
  EXPECT_EQ(fetched->file_name, "scan.pdf");
}

TEST_F(FetchTest, NeverFollowsARedirectToAFile) {
  expect_refused("/to-file", "fetch.unsupported-scheme", options());
  EXPECT_EQ(hits("/to-file"), 1);
}

TEST_F(FetchTest, RefusesOtherSchemesBeforeConnecting) {
  Fetcher fetcher(options());
  for (const std::string bad : {"ftp://127.0.0.1/scan.pdf", "file:///etc/passwd",
                                "gopher://127.0.0.1/x", "FILE:///etc/passwd"}) {
    auto fetched = fetcher.fetch(bad, m_dest);
    ASSERT_FALSE(fetched.has_value()) << bad;
    EXPECT_EQ(fetched.error().code, "fetch.unsupported-scheme") << bad;
  }
  auto fetched = fetcher.fetch("not a url", m_dest);
  ASSERT_FALSE(fetched.has_value());
  EXPECT_EQ(fetched.error().code, "usage.invalid");
  EXPECT_FALSE(fs::exists(m_dest));  // refused before anything was made
}

TEST_F(FetchTest, RefusesABodyOverTheLimit) {
  FetchOptions o = options();
  o.max_bytes = m_pdf.size() + 1024;
  expect_refused("/big.pdf", "input.too-large", o);          // Content-Length says so
  expect_refused("/big-chunked.pdf", "input.too-large", o);  // counted while arriving
  EXPECT_EQ(hits("/big.pdf"), 1);
  Fetcher fetcher(o);
  auto fetched = fetcher.fetch(url("/big.pdf"), m_dest);
  ASSERT_FALSE(fetched.has_value());
  EXPECT_TRUE(fetched.error().is_refusal());
}

TEST_F(FetchTest, RefusesWhatIsNotAScan) {
  expect_refused("/page.html", "fetch.wrong-type", options());  // by its declared type
  expect_refused("/fake.pdf", "fetch.wrong-type", options());   // by its bytes
  expect_refused("/empty.pdf", "fetch.wrong-type", options());
  Fetcher fetcher(options());
  auto fetched = fetcher.fetch(url("/page.html"), m_dest);
  ASSERT_FALSE(fetched.has_value());
  EXPECT_NE(fetched.error().message.find("text/html"), std::string::npos);
}

TEST_F(FetchTest, AcceptsOctetStreamAndAMissingType) {
  Fetcher fetcher(options());
  for (const char* path : {"/octet", "/untyped"}) {
    auto fetched = fetcher.fetch(url(path), m_dest);
    ASSERT_TRUE(fetched.has_value()) << path << ": " << fetched.error().message;
    // No extension in the URL: the sniffed one is added.
    EXPECT_EQ(fetched->file_name, std::string(path + 1) + ".pdf");
  }
  auto photo = fetcher.fetch(url("/photo"), m_dest);
  ASSERT_TRUE(photo.has_value()) << photo.error().message;
  EXPECT_EQ(photo->file_name, "photo.jpg");
}

TEST_F(FetchTest, ASecondFetchOfAnUnchangedFileDownloadsNothing) {
  Fetcher fetcher(options());
  auto first = fetcher.fetch(url("/etag.pdf"), m_dest);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(seen_header("If-None-Match"), "");
  const auto state = nlohmann::json::parse(test::read_text(options().state_file));
  EXPECT_EQ(state.at(url("/etag.pdf")).at("etag"), k_etag);
  EXPECT_EQ(state.at(url("/etag.pdf")).at("last_modified"), k_last_modified);

  auto second = fetcher.fetch(url("/etag.pdf"), m_dest);
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_EQ(second->status, Fetched::Status::not_modified);
  EXPECT_TRUE(second->path.empty());
  EXPECT_EQ(seen_header("If-None-Match"), k_etag);
  EXPECT_EQ(seen_header("If-Modified-Since"), k_last_modified);
  EXPECT_EQ(hits("/etag.pdf"), 2);
  EXPECT_EQ(dest_names(), std::vector<std::string>{"etag.pdf"});
}

TEST_F(FetchTest, WithoutAStateFileEveryFetchIsWhole) {
  FetchOptions o = options();
  o.state_file.clear();
  Fetcher fetcher(o);
  ASSERT_TRUE(fetcher.fetch(url("/etag.pdf"), m_dest).has_value());
  auto second = fetcher.fetch(url("/etag.pdf"), m_dest);
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_EQ(second->status, Fetched::Status::downloaded);
  EXPECT_EQ(seen_header("If-None-Match"), "");
}

TEST_F(FetchTest, NamesTheFileAfterContentDisposition) {
  Fetcher fetcher(options());
  const std::pair<const char*, const char*> cases[] = {
      {"/named", "PKS Lapas \xE2\x80\x93 Pemda.pdf"},  // filename* wins over filename
      {"/plain-named", "MoU; Kanwil.pdf"},
      {"/climbing.pdf", "x.pdf"},     // the directory part is dropped
      {"/hidden.pdf", "hidden.pdf"},  // a hidden name falls back to the URL's
      {"/docs/MoU%20Kanwil%202021.pdf?token=secret", "MoU Kanwil 2021.pdf"},
      {"/download?id=42", "download.pdf"},
  };
  for (const auto& [path, name] : cases) {
    auto fetched = fetcher.fetch(url(path), m_dest);
    ASSERT_TRUE(fetched.has_value()) << path << ": " << fetched.error().message;
    EXPECT_EQ(fetched->file_name, name) << path;
    EXPECT_TRUE(fs::is_regular_file(fs::path(m_dest) / name)) << path;
  }
}

TEST_F(FetchTest, NeverOverwritesAFileOfTheSameName) {
  Fetcher fetcher(options());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(fetcher.fetch(url("/scan.pdf"), m_dest).has_value());
  EXPECT_EQ(dest_names(), (std::vector<std::string>{"scan (2).pdf", "scan (3).pdf", "scan.pdf"}));
}

TEST_F(FetchTest, ReportsAServerThatIsNotThere) {
  FetchOptions o = options();
  o.retries = 1;
  Fetcher fetcher(o);
  // Port 1 (tcpmux) is closed on any machine that runs these tests: refused at once.
  auto fetched = fetcher.fetch("http://127.0.0.1:1/scan.pdf", m_dest);
  ASSERT_FALSE(fetched.has_value());
  EXPECT_EQ(fetched.error().code, "fetch.failed");
  EXPECT_NE(fetched.error().message.find("after 2 attempts"), std::string::npos)
      << fetched.error().message;
  EXPECT_EQ(dest_names(), std::vector<std::string>{});
}

TEST_F(FetchTest, ErrorsAndLogsNeverShowTheQuery) {
  Fetcher fetcher(options());
  auto fetched = fetcher.fetch(url("/missing?token=secret"), m_dest);
  ASSERT_FALSE(fetched.has_value());
  EXPECT_EQ(fetched.error().where.find("secret"), std::string::npos) << fetched.error().where;
  EXPECT_EQ(fetched.error().message.find("secret"), std::string::npos);
}

TEST(FetchRulesTest, AcceptedTypes) {
  for (const char* type :
       {"application/pdf", "Application/PDF; charset=binary", "image/tiff", "image/png",
        "image/jpeg", "application/octet-stream", "binary/octet-stream", ""}) {
    EXPECT_TRUE(accepted_type(type)) << type;
  }
  for (const char* type : {"text/html", "text/html; charset=utf-8", "application/json",
                           "text/plain", "application/zip"}) {
    EXPECT_FALSE(accepted_type(type)) << type;
  }
}

TEST(FetchRulesTest, DownloadNames) {
  EXPECT_EQ(download_name("attachment; filename*=UTF-8''a%20b.pdf", "http://h/x.pdf", ".pdf"),
            "a b.pdf");
  EXPECT_EQ(download_name("attachment; filename*=iso-8859-1'en'caf%E9.pdf", "http://h/x", ".pdf"),
            "caf\xC3\xA9.pdf");
  EXPECT_EQ(download_name("inline; FILENAME=\"q\\\"uote.pdf\"", "http://h/x", ".pdf"),
            "q_uote.pdf");
  EXPECT_EQ(
      download_name("attachment; filename*=UTF-8''..; filename=\"ok.tif\"", "http://h/x", ".tif"),
      "ok.tif");
  EXPECT_EQ(download_name("", "http://h/a/b/MoU%202021.pdf?x=1#y", ".pdf"), "MoU 2021.pdf");
  EXPECT_EQ(download_name("", "http://h/a/b/", ".pdf"), "download.pdf");
  EXPECT_EQ(download_name("", "http://h", ".png"), "download.png");
  EXPECT_EQ(download_name("", "http://h/a%2F..%2F..%2Fetc%2Fpasswd", ".pdf"), "passwd.pdf");
  EXPECT_EQ(download_name("attachment", "http://h/scan", ".jpg"), "scan.jpg");
  EXPECT_EQ(download_name("", "http://h/scan.PDF", ".pdf"), "scan.PDF");
}

}  // namespace
}  // namespace naskah::ingest
