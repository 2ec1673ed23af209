// naskah ingest, search, reindex and report on the real binary: the dev corpus ingested
// once (every variant; the digital ones under the sanitizers, where OCR is too slow), then
// queries with answers known from the corpus truth, idempotence, a search loop during
// reindexes, a kill -9 in the middle of an ingest, and a second writer.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "test_support.h"

namespace naskah {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;

// "Today" for every query, so status and expiry do not drift with the calendar.
constexpr const char* k_today = "2024-06-01";

struct DevFile {
  std::string file;
  std::string doc_id;
  std::string variant;
  std::string sha256;
};

std::vector<DevFile> dev_manifest() {
  std::vector<DevFile> files;
  std::ifstream in(test::shared_path("corpus/dev/manifest.tsv"));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::vector<std::string> cells;
    for (std::string cell; std::getline(ss, cell, '\t');) cells.push_back(cell);
    if (cells.size() >= 7) files.push_back({cells[0], cells[1], cells[2], cells[6]});
  }
  return files;
}

json run_json(const std::vector<std::string>& args, int expect_exit = 0) {
  const auto r = test::run_naskah(args, 600);
  EXPECT_EQ(r.exit_code, expect_exit) << r.err;
  const auto j = json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out << r.err;
  return j;
}

std::set<std::string> hit_ids(const json& results) {
  std::set<std::string> ids;
  for (const auto& h : results.at("hits")) ids.insert(h.at("id").get<std::string>());
  return ids;
}

// ctest runs every test in its own process; the corpus is ingested by the first of them
// (under a lock, so parallel tests wait) into the build folder, and the rest reuse it while
// the binary under test is the same.
class IndexE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!test::have_shared()) return;
    for (const DevFile& f : dev_manifest()) {
      if (!test::under_sanitizer() || f.variant == "digital") s_files.push_back(f);
    }
    s_work = test::shared_fixture(
        "e2e-index", std::to_string(s_files.size()), [](const std::string& dir) {
          const fs::path work(dir);
          fs::create_directories(work / "in");
          for (const DevFile& f : s_files) {
            fs::copy_file(test::shared_path("corpus/dev/" + f.file), work / "in" / f.file);
          }
          const auto first = test::run_naskah(
              {"ingest", "--data", (work / "data").string(), "--json", (work / "in").string()},
              3600);
          std::ofstream(work / "first.json") << first.out;
          std::ofstream(work / "first.exit") << first.exit_code << "\n" << first.err;
        });
    s_first_out = test::read_text((s_work / "first.json").string());
    s_first_exit = test::read_text((s_work / "first.exit").string());
  }
  void SetUp() override {
    if (!test::have_shared()) GTEST_SKIP() << "../shared/corpus is not here";
  }

  static std::string data() { return (s_work / "data").string(); }
  static json search(std::vector<std::string> args) {
    args.insert(args.begin(),
                {"search", "--data", data(), "--json", "--today", k_today, "--limit", "100"});
    return run_json(args);
  }
  static json truth(const std::string& doc_id) {
    return json::parse(test::read_text(test::shared_path("corpus/dev/truth/" + doc_id + ".json")));
  }
  // The digital files: their records are exact, so every query has a known answer.
  static std::vector<DevFile> digital() {
    std::vector<DevFile> out;
    for (const auto& f : s_files) {
      if (f.variant == "digital") out.push_back(f);
    }
    return out;
  }

  static inline fs::path s_work;
  static inline std::vector<DevFile> s_files;
  static inline std::string s_first_out;   // the first ingest's --json summary
  static inline std::string s_first_exit;  // its exit code, then its stderr
};

TEST_F(IndexE2E, EveryFileIsIngestedOnce) {
  ASSERT_TRUE(s_first_exit.starts_with("0\n")) << s_first_exit << s_first_out;
  const json summary = json::parse(s_first_out);
  EXPECT_EQ(summary.at("ingested"), s_files.size());
  EXPECT_EQ(summary.at("refused"), 0);
  std::size_t records = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(data()) / "archive")) {
    if (entry.path().extension() == ".json") ++records;
  }
  EXPECT_EQ(records, s_files.size());
  for (const DevFile& f : s_files) {
    const std::string folder = data() + "/archive/" + f.sha256.substr(0, 2) + "/";
    EXPECT_TRUE(fs::exists(folder + f.sha256 + ".json")) << f.file;
  }
}

TEST_F(IndexE2E, TheSameFilesAgainAreAlreadyPresent) {
  const json again = run_json({"ingest", "--data", data(), "--json", (s_work / "in").string()});
  EXPECT_EQ(again.at("ingested"), 0);
  EXPECT_EQ(again.at("present"), s_files.size());
  EXPECT_EQ(search({}).at("total"), s_files.size());
}

TEST_F(IndexE2E, FindsEachAgreementByNumberPartyAndPhrase) {
  for (const DevFile& f : digital()) {
    SCOPED_TRACE(f.file);
    const json t = truth(f.doc_id);
    for (const auto& n : t.at("numbers")) {
      const std::string number = n;
      EXPECT_TRUE(hit_ids(search({"nomor:\"" + number + "\""})).contains(f.sha256)) << number;
    }
    for (const auto& p : t.at("parties")) {
      const std::string party = p.at("name");
      EXPECT_TRUE(hit_ids(search({"--party", party})).contains(f.sha256)) << party;
    }
    if (t.at("title").is_string()) {
      const std::string title = t.at("title");
      EXPECT_TRUE(hit_ids(search({"tentang:\"" + title + "\""})).contains(f.sha256)) << title;
    }
  }
}

TEST_F(IndexE2E, FindsWordsOfTheBody) {
  for (const DevFile& f : digital()) {
    SCOPED_TRACE(f.file);
    // Four words from the middle of the document, as a phrase and as plain words.
    std::istringstream words(
        test::read_text(test::shared_path("corpus/dev/text/" + f.doc_id + ".txt")));
    std::vector<std::string> all;
    for (std::string w; words >> w;) {
      std::string clean;
      for (char c : w) {
        if (std::isalnum(static_cast<unsigned char>(c))) clean += c;
      }
      if (clean.size() == w.size() && clean.size() > 3) all.push_back(clean);
    }
    ASSERT_GT(all.size(), 40u);
    const std::size_t mid = all.size() / 2;
    const std::string plain = all[mid] + " " + all[mid + 7] + " " + all[mid + 13];
    EXPECT_TRUE(hit_ids(search({plain})).contains(f.sha256)) << plain;
  }
}

TEST_F(IndexE2E, DateRangesAndStatusAgreeWithTheTruth) {
  for (const DevFile& f : digital()) {
    SCOPED_TRACE(f.file);
    const json t = truth(f.doc_id);
    if (t.at("signed_date").is_null()) continue;
    const std::string signed_date = t.at("signed_date");
    EXPECT_TRUE(hit_ids(search({"--signed-from", signed_date, "--signed-to", signed_date}))
                    .contains(f.sha256));
    EXPECT_TRUE(
        hit_ids(search({"signed:" + signed_date.substr(0, 4) + ".." + signed_date.substr(0, 4)}))
            .contains(f.sha256));
    const std::string status = t.at("end_date").is_null()                      ? "unknown"
                               : t.at("end_date").get<std::string>() < k_today ? "expired"
                                                                               : "";
    if (status.empty()) continue;  // active or expiring: one day either way is allowed
    EXPECT_TRUE(hit_ids(search({"--status", status})).contains(f.sha256)) << status;
  }
}

TEST_F(IndexE2E, FacetsCountEveryMatch) {
  const json all = run_json({"search", "--data", data(), "--json", "--limit", "1"});
  EXPECT_EQ(all.at("hits").size(), 1u);
  EXPECT_EQ(all.at("total"), s_files.size());
  EXPECT_EQ(all.at("estimated"), false);
  std::uint64_t by_type = 0;
  for (const auto& [type, n] : all.at("facets").at("doc_type").items())
    by_type += n.get<std::uint64_t>();
  EXPECT_EQ(by_type, s_files.size());
  std::uint64_t by_status = 0;
  for (const auto& [s, n] : all.at("facets").at("status").items())
    by_status += n.get<std::uint64_t>();
  EXPECT_EQ(by_status, s_files.size());
}

TEST_F(IndexE2E, VariantsOfOneAgreementAreFlaggedAsDuplicates) {
  if (test::under_sanitizer()) GTEST_SKIP() << "only digital files here";
  // doc-002 exists as digital and mixed: same numbers, same parties, different bytes.
  std::string digital_id;
  std::string mixed_id;
  for (const auto& f : s_files) {
    if (f.doc_id == "doc-002" && f.variant == "digital") digital_id = f.sha256;
    if (f.doc_id == "doc-002" && f.variant == "mixed") mixed_id = f.sha256;
  }
  const json hits =
      search({"nomor:\"" + truth("doc-002").at("numbers").at(0).get<std::string>() + "\""});
  bool seen = false;
  for (const auto& h : hits.at("hits")) {
    if (h.at("id") != digital_id) continue;
    seen = true;
    const auto& warnings = h.at("record").at("warnings");
    EXPECT_NE(std::find(warnings.begin(), warnings.end(), "possible duplicate of " + mixed_id),
              warnings.end())
        << warnings.dump();
  }
  EXPECT_TRUE(seen);
}

TEST_F(IndexE2E, ReportListsExpiredAndSuspicious) {
  const json report = run_json({"report", "--data", data(), "--json", "--today", k_today});
  std::size_t expired_in_truth = 0;
  for (const DevFile& f : digital()) {
    const json t = truth(f.doc_id);
    if (!t.at("end_date").is_null() && t.at("end_date").get<std::string>() < "2024-05-31") {
      ++expired_in_truth;
    }
  }
  std::size_t expired_digital = 0;
  for (const auto& row : report.at("expired")) {
    for (const auto& f : digital()) expired_digital += row.at("id") == f.sha256 ? 1 : 0;
  }
  EXPECT_EQ(expired_digital, expired_in_truth);
  const auto csv =
      test::run_naskah({"report", "--data", data(), "--format", "csv", "--today", k_today});
  EXPECT_EQ(csv.exit_code, 0);
  EXPECT_TRUE(csv.out.starts_with("list,id,doc_type"));
}

TEST_F(IndexE2E, SearchesAreAnsweredEveryTimeDuringReindexes) {
  std::atomic<bool> done{false};
  std::atomic<int> reindex_failures{0};
  std::thread reindexer([&] {
    for (int i = 0; i < 4; ++i) {
      const auto r = test::run_naskah({"reindex", "--data", data(), "--quiet"}, 600);
      if (r.exit_code != 0) ++reindex_failures;
    }
    done = true;
  });
  int searches = 0;
  while (!done) {
    const auto r = test::run_naskah(
        {"search", "--data", data(), "--json", "--today", k_today, "pihak:pemerintah"}, 120);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(r.out);
    EXPECT_GT(j.at("total").get<int>(), 0);
    ++searches;
  }
  reindexer.join();
  EXPECT_EQ(reindex_failures, 0);
  EXPECT_GE(searches, 2);
  EXPECT_EQ(search({}).at("total"), s_files.size());
  // Of the generations up to the live one, only it and the one before are kept. (Newer
  // folders may be another test's reindex still building.)
  std::ifstream stub_file(fs::path(data()) / "index" / "current");
  std::string kind;
  std::string live;
  ASSERT_TRUE(stub_file >> kind >> live);
  std::size_t kept = 0;
  for (const auto& e : fs::directory_iterator(fs::path(data()) / "index")) {
    const std::string name = e.path().filename().string();
    kept += name.starts_with("gen-") && name <= live ? 1 : 0;
  }
  EXPECT_LE(kept, 2u);
}

TEST_F(IndexE2E, ASecondWriterWaitsThenFailsWithIndexLocked) {
  const std::string lock_path = data() + "/index/write.lock";
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX), 0);
  ::setenv("NASKAH_INDEX_LOCK_TIMEOUT_SECONDS", "1", 1);
  const std::string one = test::shared_path("corpus/dev/" + digital().at(0).file);
  const auto blocked = test::run_naskah({"ingest", "--data", data(), "--json", one});
  const auto reindex = test::run_naskah({"reindex", "--data", data(), "--json"});
  ::close(fd);
  const auto free = test::run_naskah({"ingest", "--data", data(), one});
  ::unsetenv("NASKAH_INDEX_LOCK_TIMEOUT_SECONDS");
  EXPECT_EQ(blocked.exit_code, 1);
  EXPECT_NE(blocked.out.find("index.locked"), std::string::npos) << blocked.out;
  EXPECT_EQ(reindex.exit_code, 1);
  EXPECT_NE(reindex.out.find("index.locked"), std::string::npos) << reindex.out;
  EXPECT_EQ(free.exit_code, 0) << free.err;
  EXPECT_EQ(search({}).at("total"), s_files.size());
}

// Kill -9 in the middle of an ingest, then run it again: every file is archived once,
// the index opens, nothing is duplicated.
TEST(IngestCrash, ARerunAfterKillNineLosesAndDuplicatesNothing) {
  if (!test::have_shared()) GTEST_SKIP();
  const fs::path work = fs::temp_directory_path() / ("naskah-crash-" + std::to_string(::getpid()));
  fs::remove_all(work);
  fs::create_directories(work / "in");
  std::set<std::string> expected;
  for (const DevFile& f : dev_manifest()) {
    const bool wanted =
        f.variant == "digital" || (!test::under_sanitizer() && f.variant == "scan300");
    if (!wanted || expected.size() >= 12) continue;
    fs::copy_file(test::shared_path("corpus/dev/" + f.file), work / "in" / f.file);
    expected.insert(f.sha256);
  }
  const std::string data = (work / "data").string();
  const int pid = test::spawn({NASKAH_BINARY, "ingest", "--data", data, (work / "in").string()});
  // Wait for the first records, then kill it mid-run.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(300);
  auto records = [&] {
    std::size_t n = 0;
    if (!fs::exists(work / "data" / "archive")) return n;
    for (const auto& e : fs::recursive_directory_iterator(work / "data" / "archive")) {
      n += e.path().extension() == ".json" ? 1 : 0;
    }
    return n;
  };
  while (records() < 3 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(pid, SIGKILL);
  EXPECT_EQ(test::wait_exit(pid), -SIGKILL);
  EXPECT_LT(records(), expected.size()) << "the ingest finished before it was killed";

  const auto rerun =
      test::run_naskah({"ingest", "--data", data, "--json", (work / "in").string()}, 1800);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.out << rerun.err;
  std::set<std::string> archived;
  std::size_t originals = 0;
  for (const auto& e : fs::recursive_directory_iterator(work / "data" / "archive")) {
    if (e.path().extension() == ".json") archived.insert(e.path().stem().string());
    if (e.path().extension() == ".pdf") ++originals;
  }
  EXPECT_EQ(archived, expected);
  EXPECT_EQ(originals, expected.size());
  const auto results = test::run_naskah({"search", "--data", data, "--json", "--limit", "100"});
  ASSERT_EQ(results.exit_code, 0) << results.err;
  const json j = json::parse(results.out);
  EXPECT_EQ(j.at("total"), expected.size());
  EXPECT_EQ(hit_ids(j), expected);
  fs::remove_all(work);
}

}  // namespace
}  // namespace naskah
