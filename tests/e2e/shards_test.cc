// Shards on the real binary and Debian's xapian-tcpsrv: a data folder of agreements (made
// here as text PDFs, plus the dev corpus's digital files) reindexed into 3 partitions, each
// served by its own xapian-tcpsrv on 127.0.0.1. Searching the 3 as one gives the same
// answers as the unsharded index; a stopped shard makes the answers partial, with a
// warning, in the CLI, the API and the UI; restarted, they are complete again. naskah compact
// merges the partitions back into one index.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "make_pdf.h"
#include "test_support.h"

namespace naskah::shards_e2e {  // unity builds: names apart from the other e2e files
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* k_today = "2024-06-01";
constexpr int k_shards = 3;

// Agreements varied enough that ranking, facets and filters have something to tell apart.
std::string generated_agreement(int i) {
  static const char* const k_types[] = {"NOTA KESEPAHAMAN", "PERJANJIAN KERJA SAMA",
                                        "ADENDUM PERJANJIAN KERJA SAMA"};
  static const char* const k_first[] = {
      "KANTOR WILAYAH KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA JAWA TENGAH",
      "LEMBAGA PEMASYARAKATAN KELAS I SEMARANG", "RUMAH TAHANAN NEGARA KELAS I SURAKARTA",
      "KANTOR IMIGRASI KELAS I TPI SEMARANG", "BALAI PEMASYARAKATAN KELAS I SEMARANG"};
  static const char* const k_second[] = {"UNIVERSITAS DIPONEGORO",
                                         "RUMAH SAKIT UMUM DAERAH KOTA SEMARANG",
                                         "PT BANK RAKYAT INDONESIA (PERSERO) TBK",
                                         "PEMERINTAH KOTA SALATIGA",
                                         "POLITEKNIK KESEHATAN SEMARANG",
                                         "BADAN PENYELENGGARA JAMINAN SOSIAL KESEHATAN"};
  static const char* const k_topics[] = {
      "PELAYANAN HUKUM BAGI MASYARAKAT",  "PEMBINAAN KEMANDIRIAN WARGA BINAAN",
      "LAYANAN KESEHATAN BAGI TAHANAN",   "PERTUKARAN DATA KEIMIGRASIAN",
      "PENDIDIKAN DAN PELATIHAN PEGAWAI", "PEMBAYARAN NONTUNAI DI LINGKUNGAN PEMASYARAKATAN"};
  static const char* const k_months[] = {"Januari",   "Februari", "Maret",    "April",
                                         "Mei",       "Juni",     "Juli",     "Agustus",
                                         "September", "Oktober",  "November", "Desember"};
  static const char* const k_years_text[] = {"satu", "dua", "tiga", "empat", "lima"};
  static const char* const k_sentences[] = {
      "Para pihak sepakat untuk saling mendukung pelaksanaan tugas dan fungsi masing-masing.",
      "Ruang lingkup kerja sama meliputi penyuluhan, pendampingan dan pertukaran informasi.",
      "Pembiayaan kegiatan dibebankan pada anggaran masing-masing pihak sesuai ketentuan.",
      "Pelaksanaan kerja sama dievaluasi setiap tahun oleh tim yang dibentuk para pihak.",
      "Perselisihan diselesaikan secara musyawarah untuk mencapai mufakat.",
      "Pihak kedua menyediakan tenaga ahli dan sarana pelatihan bagi warga binaan."};
  const int year = 2017 + i % 7;
  const int years = 1 + i % 5;
  std::vector<std::string> lines = {
      k_types[i % 3],
      "ANTARA",
      k_first[i % 5],
      "DENGAN",
      k_second[(i * 7) % 6],
      "TENTANG",
      k_topics[(i * 5) % 6],
      "NOMOR: W13-HH.05.05-" + std::to_string(1000 + i),
      "NOMOR: " + std::to_string(100 + i) + "/PKS/" + std::to_string(year),
      "Pada hari ini Senin tanggal " + std::to_string(1 + i % 28) + " " + k_months[i % 12] + " " +
          std::to_string(year) + " bertempat di Semarang, kami yang bertanda tangan",
      "di bawah ini sepakat untuk mengadakan kerja sama sebagai berikut.",
  };
  for (int s = 0; s < 4; ++s) lines.emplace_back(k_sentences[(i + s * (i % 3 + 1)) % 6]);
  lines.push_back(std::string("Kesepakatan ini berlaku untuk jangka waktu ") +
                  std::to_string(years) + " (" + k_years_text[years - 1] +
                  ") tahun sejak ditandatangani.");
  return test::make_text_pdf({lines});
}

// One xapian-tcpsrv, in a process group of its own: it forks a child per connection,
// and stopping the shard must stop those too.
class TcpServer {
 public:
  TcpServer(std::string database, int port) : m_database(std::move(database)), m_port(port) {}
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;
  ~TcpServer() { stop(); }

  void start(const std::string& log) {
    m_pid = test::spawn({"/usr/bin/setsid", "/usr/bin/xapian-tcpsrv", "--port",
                         std::to_string(m_port), "--interface", "127.0.0.1", m_database},
                        log);
    for (int i = 0; i < 200 && !test::accepts(m_port); ++i) std::this_thread::sleep_for(50ms);
    ASSERT_TRUE(test::accepts(m_port)) << "xapian-tcpsrv did not start: " << test::read_text(log);
  }
  void stop() {
    if (m_pid <= 0) return;
    ::kill(-m_pid, SIGTERM);
    test::wait_exit(m_pid);
    m_pid = 0;
    for (int i = 0; i < 100 && test::accepts(m_port); ++i) std::this_thread::sleep_for(50ms);
  }
  [[nodiscard]] std::string address() const { return "tcp://127.0.0.1:" + std::to_string(m_port); }

 private:
  std::string m_database;
  int m_port;
  int m_pid = 0;
};

class ShardsE2E : public ::testing::Test {
 protected:
  // The data folder and its 3 partitions, made once for all tests of the suite.
  static void SetUpTestSuite() {
    s_work = test::shared_fixture("e2e-shards", "1", [](const std::string& dir) {
      const fs::path in = fs::path(dir) / "in";
      fs::create_directories(in);
      for (int i = 0; i < 48; ++i) {
        std::ofstream(in / ("generated-" + std::to_string(i) + ".pdf"), std::ios::binary)
            << generated_agreement(i);
      }
      if (test::have_shared()) {
        std::ifstream manifest(test::shared_path("corpus/dev/manifest.tsv"));
        std::string line;
        while (std::getline(manifest, line)) {
          const std::string file = line.substr(0, line.find('\t'));
          if (file.find(".digital.") != std::string::npos) {
            fs::copy_file(test::shared_path("corpus/dev/" + file), in / file);
          }
        }
      }
      const std::string data = (fs::path(dir) / "data").string();
      auto r = test::run_naskah({"ingest", "--data", data, "--quiet", in.string()}, 1200);
      ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
      for (int k = 1; k <= k_shards; ++k) {
        r = test::run_naskah({"reindex", "--data", data, "--quiet", "--partition",
                              std::to_string(k) + "/" + std::to_string(k_shards), "--out",
                              dir + "/shard-" + std::to_string(k)},
                             600);
        ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
      }
    });
  }

  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    m_tmp = fs::temp_directory_path() /
            ("naskah-shards-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(m_tmp);
    fs::create_directories(m_tmp);
  }
  void TearDown() override {
    m_servers.clear();
    fs::remove_all(m_tmp);
  }

  static std::string data() { return (fs::path(s_work) / "data").string(); }
  static std::string shard(int k) { return s_work + "/shard-" + std::to_string(k); }

  // Serves each partition with its own xapian-tcpsrv; writes a settings file naming them.
  void serve_shards() {
    for (int k = 1; k <= k_shards; ++k) {
      m_servers.push_back(std::make_unique<TcpServer>(shard(k), test::free_port()));
      m_servers.back()->start((m_tmp / ("tcpsrv-" + std::to_string(k) + ".log")).string());
    }
    std::ofstream config(sharded_config());
    config << "[index]\nshards = [";
    for (const auto& server : m_servers) {
      config << '"' << server->address() << '"' << (&server == &m_servers.back() ? "" : ", ");
    }
    // Try a stopped shard again at every search, so the test need not wait.
    config << "]\nshard_retry_seconds = 0\nshard_timeout_seconds = 20\n";
  }
  [[nodiscard]] std::string sharded_config() const { return (m_tmp / "shards.toml").string(); }

  // `naskah search --json` on the data folder's own index, or through the shards.
  json search(const std::vector<std::string>& query, bool sharded, std::string* err = nullptr) {
    std::vector<std::string> args{"search",  "--data", data(),    "--json",
                                  "--today", k_today,  "--limit", "10"};
    if (sharded) args.insert(args.end(), {"--config", sharded_config()});
    args.insert(args.end(), query.begin(), query.end());
    const auto r = test::run_naskah(args, 120);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    if (err != nullptr) *err = r.err;
    auto j = json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out << r.err;
    return j;
  }

  static std::vector<std::string> top_ids(const json& results) {
    std::vector<std::string> ids;
    for (const auto& hit : results.at("hits")) ids.push_back(hit.at("id"));
    return ids;
  }

  static inline std::string s_work;
  fs::path m_tmp;
  std::vector<std::unique_ptr<TcpServer>> m_servers;
};

// Words, phrases, synonyms, fields, filters and flags: 20 queries. (Not wildcards: Xapian
// 1.4 expands them on each shard against its own words, so their ranking may differ from
// one index's; the matches and counts are the same.)
const std::vector<std::vector<std::string>> k_queries = {
    {"kerja sama"},
    {"pelayanan hukum"},
    {"\"warga binaan\""},
    {"kesehatan"},
    {"kemenkumham"},
    {"lapas"},
    {"imigrasi"},
    {"pembinaan kemandirian"},
    {"pelatihan OR nontunai"},
    {"pendidikan NOT pelatihan"},
    {"pihak:universitas"},
    {"jenis:pks"},
    {"tahun:2021"},
    {"status:expired"},
    {"status:active"},
    {""},
    {"signed:2019..2022"},
    {"musyawarah mufakat"},
    {"--type", "mou", "penyuluhan"},
    {"--party", "Universitas Diponegoro"},
};

TEST_F(ShardsE2E, ThreeRemoteShardsAnswerAsOneIndexEvenWhenOneStops) {
  serve_shards();
  json totals = json::array();
  for (const auto& query : k_queries) {
    const std::string name = query.empty() ? "" : query.back();
    const json local = search(query, false);
    const json sharded = search(query, true);
    ASSERT_TRUE(local.contains("hits") && sharded.contains("hits")) << name;
    EXPECT_EQ(sharded.at("total"), local.at("total")) << name;
    EXPECT_EQ(top_ids(sharded), top_ids(local)) << name;
    EXPECT_EQ(sharded.at("facets"), local.at("facets")) << name;
    EXPECT_FALSE(sharded.contains("warnings")) << name << ": " << sharded.dump();
    totals.push_back(local.at("total"));
  }
  // The queries tell documents apart: not every one finds everything, none finds nothing.
  const json everything = search({""}, false);
  EXPECT_GE(everything.at("total").get<int>(), 48);
  int narrower = 0;
  for (const auto& total : totals) {
    EXPECT_GT(total.get<int>(), 0);
    if (total < everything.at("total")) ++narrower;
  }
  EXPECT_GE(narrower, 15);

  // One shard stopped: partial results with a warning naming it, not an error.
  const json complete = search({"kerja sama"}, true);
  m_servers[1]->stop();
  std::string err;
  const json partial = search({"kerja sama"}, true, &err);
  ASSERT_TRUE(partial.contains("warnings")) << partial.dump();
  ASSERT_EQ(partial.at("warnings").size(), 1u);
  EXPECT_NE(partial.at("warnings")[0].get<std::string>().find(m_servers[1]->address()),
            std::string::npos);
  EXPECT_NE(err.find("results are partial"), std::string::npos) << err;
  EXPECT_LT(partial.at("total").get<int>(), complete.at("total").get<int>());
  EXPECT_GT(partial.at("total").get<int>(), 0);

  // Restarted: complete again.
  m_servers[1]->start((m_tmp / "tcpsrv-2-again.log").string());
  const json again = search({"kerja sama"}, true);
  EXPECT_FALSE(again.contains("warnings")) << again.dump();
  EXPECT_EQ(again.at("total"), complete.at("total"));
  EXPECT_EQ(top_ids(again), top_ids(complete));
}

TEST_F(ShardsE2E, TheApiSaysWhenAShardIsDown) {
  serve_shards();
  auto added =
      test::run({"/bin/sh", "-c",
                 "echo sandi-rahasia-adi | '" + std::string(NASKAH_BINARY) + "' user add --data '" +
                     (m_tmp / "web").string() + "' adi --role viewer --password-stdin"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const auto token = test::run_naskah({"user", "token", "--data", (m_tmp / "web").string(), "adi"});
  ASSERT_EQ(token.exit_code, 0) << token.err;
  const std::string secret = token.out.substr(0, token.out.find_first_of(" \n"));

  // The server's own data folder holds only its users; the index is the shards.
  const std::string log = (m_tmp / "serve.log").string();
  const int pid = test::spawn({NASKAH_BINARY, "serve", "--config", sharded_config(), "--data",
                               (m_tmp / "web").string(), "--listen", "127.0.0.1:0"},
                              log);
  int port = 0;
  const std::regex serving(R"(serving on http://127\.0\.0\.1:(\d+))");
  for (int i = 0; i < 600 && port == 0; ++i) {
    std::smatch m;
    const std::string text = fs::exists(log) ? test::read_text(log) : "";
    if (std::regex_search(text, m, serving)) port = std::stoi(m[1].str());
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_GT(port, 0) << test::read_text(log);
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(60s);
  const httplib::Headers auth{{"Authorization", "Bearer " + secret}};
  auto get = [&](const std::string& path) {
    const auto res = client.Get(path, auth);
    EXPECT_TRUE(res);
    if (!res) return json();
    EXPECT_EQ(res->status, 200) << res->body;
    return json::parse(res->body, nullptr, false);
  };

  const json complete = get("/api/search?q=kerja+sama");
  EXPECT_FALSE(complete.contains("warnings")) << complete.dump();
  EXPECT_GE(complete.at("total").get<int>(), 48);

  m_servers[2]->stop();
  const json partial = get("/api/search?q=kerja+sama");
  ASSERT_TRUE(partial.contains("warnings")) << partial.dump();
  EXPECT_NE(partial.at("warnings")[0].get<std::string>().find(m_servers[2]->address()),
            std::string::npos);
  EXPECT_LT(partial.at("total").get<int>(), complete.at("total").get<int>());
  const json stats = get("/api/stats");
  EXPECT_TRUE(stats.contains("warnings")) << stats.dump();

  // The UI says so too, on the search page and the dashboard (tests/browser).
  const std::string browser_dir = test::source_path("tests/browser");
  ASSERT_TRUE(fs::exists(browser_dir + "/node_modules/playwright-core"))
      << "run scripts/setup.sh: it installs playwright-core into tests/browser";
  const fs::path artifacts = fs::current_path() / "browser-artifacts";
  fs::create_directories(artifacts);
  const auto ui = test::run(
      {"/bin/sh", "-c",
       "cd '" + browser_dir + "' && env NASKAH_URL=http://127.0.0.1:" + std::to_string(port) +
           " NASKAH_USER=adi NASKAH_PASSWORD=sandi-rahasia-adi NASKAH_DOWN=" +
           m_servers[2]->address() + " NASKAH_ARTIFACTS='" + artifacts.string() +
           "' node partial_test.mjs"},
      300);
  EXPECT_EQ(ui.exit_code, 0) << ui.out << ui.err;

  m_servers[2]->start((m_tmp / "tcpsrv-3-again.log").string());
  const json again = get("/api/search?q=kerja+sama");
  EXPECT_FALSE(again.contains("warnings")) << again.dump();
  EXPECT_EQ(again.at("total"), complete.at("total"));

  ::kill(pid, SIGTERM);
  EXPECT_EQ(test::wait_exit(pid), 0) << test::read_text(log);
}

TEST_F(ShardsE2E, CompactMergesThePartitionsIntoTheLiveIndex) {
  const std::string merged = (m_tmp / "merged").string();
  auto r = test::run_naskah({"compact", "--data", data(), "--json", "--out", merged, shard(1),
                             shard(2), shard(3), shard(1) + "/"},
                            300);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;  // a shard given twice is kept once
  const json summary = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(summary.is_discarded()) << r.out << r.err;
  const json everything = search({""}, false);
  EXPECT_EQ(summary.at("documents"), everything.at("total"));
  EXPECT_GT(summary.at("duplicates_dropped").get<int>(), 0);

  // Installed as a new generation of a copy of the data folder: the same answers.
  const fs::path copy = m_tmp / "data";
  fs::copy(data(), copy, fs::copy_options::recursive);
  r = test::run_naskah(
      {"compact", "--data", copy.string(), "--install", shard(1), shard(2), shard(3)}, 300);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const auto& query : k_queries) {
    std::vector<std::string> args{"search",  "--data", copy.string(), "--json",
                                  "--today", k_today,  "--limit",     "10"};
    args.insert(args.end(), query.begin(), query.end());
    const auto found = test::run_naskah(args, 120);
    ASSERT_EQ(found.exit_code, 0) << found.err;
    const json installed = json::parse(found.out);
    const json local = search(query, false);
    EXPECT_EQ(top_ids(installed), top_ids(local)) << (query.empty() ? "" : query.back());
    EXPECT_EQ(installed.at("facets"), local.at("facets"));
  }

  // Remote shards cannot be compacted; --out and --install go alone.
  r = test::run_naskah(
      {"compact", "--data", data(), "--out", (m_tmp / "x").string(), "tcp://127.0.0.1:1"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  r = test::run_naskah({"compact", "--data", data(), shard(1)});
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

}  // namespace
}  // namespace naskah::shards_e2e
