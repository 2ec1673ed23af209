// naskah watch on the real binary, with real worker processes: what is in the inbox at
// start, a file written slowly, a file renamed in, 500 files at once, every bad and hostile
// file, a worker killed mid-file, SIGTERM, and the daemon killed with SIGKILL ten times in a
// row. Each time, every dropped file must end in the archive or in failed/, exactly once.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "naskah/core/sha256.h"
#include "test_support.h"

namespace naskah {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace std::chrono_literals;

std::string bytes_of(const fs::path& path) {
  return test::read_text(path.string());
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// A digital agreement from the dev corpus, made distinct by `n`: a PDF comment after the end
// changes the bytes (so the sha256) but not what a reader sees.
std::string variant_of(const std::string& pdf, int n) {
  return pdf + "\n% copy " + std::to_string(n) + "\n";
}

std::vector<std::string> digital_files() {
  std::vector<std::string> out;
  for (const std::string& f : test::list_files(test::shared_path("corpus/dev"))) {
    if (f.ends_with(".digital.pdf")) out.push_back(f);
  }
  return out;
}

bool wait_until(const std::function<bool()>& done, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(100ms);
  }
  return done();
}

// The extraction workers of the daemon `pid` (its children running `naskah worker`; Xapian
// may have a child of its own holding the database lock).
std::vector<int> children_of(int pid) {
  std::vector<int> out;
  std::error_code ec;
  for (const auto& task : fs::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
    std::ifstream in(task.path() / "children");
    for (int child = 0; in >> child;) {
      std::string cmdline;
      try {
        cmdline = test::read_text("/proc/" + std::to_string(child) + "/cmdline");
      } catch (const std::exception&) {
        continue;  // gone meanwhile
      }
      if (cmdline.find(std::string("worker\0", 7)) != std::string::npos) out.push_back(child);
    }
  }
  return out;
}

class WatchE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test::have_shared()) GTEST_SKIP() << "../shared is not there";
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    m_work = fs::temp_directory_path() /
             ("naskah-watch-" + std::string(info->name()) + "-" + std::to_string(::getpid()));
    fs::remove_all(m_work);
    fs::create_directories(inbox());
    // Short waits, so the tests take seconds: a file must stay unchanged 300 ms; rescans
    // every second.
    ::setenv("NASKAH_WATCH_SETTLE_MS", "300", 1);
    ::setenv("NASKAH_WATCH_RESCAN_SECONDS", "1", 1);
    ::setenv("NASKAH_WATCH_RETRY_SECONDS", "1", 1);
  }
  void TearDown() override {
    if (m_daemon > 0) {
      ::kill(m_daemon, SIGKILL);
      test::wait_exit(m_daemon);
    }
    if (!HasFailure()) fs::remove_all(m_work);
  }

  fs::path inbox() const { return m_work / "data" / "inbox"; }
  std::string data() const { return (m_work / "data").string(); }
  std::string log() const { return (m_work / "watch.log").string(); }

  void start(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{NASKAH_BINARY, "watch", "--data", data()};
    args.insert(args.end(), extra.begin(), extra.end());
    m_daemon = test::spawn(args, log());
    ASSERT_GT(m_daemon, 0);
  }
  int stop_with(int sig) {
    ::kill(m_daemon, sig);
    const int code = test::wait_exit(m_daemon);
    m_daemon = -1;
    return code;
  }
  test::RunResult run_until_idle(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"watch", "--data", data(), "--until-idle", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return test::run_naskah(args, 1800);
  }

  // Drops `bytes` as inbox/NAME, written elsewhere first and renamed in (as a copy tool
  // that writes to a temporary name does); returns its sha256.
  std::string drop(const std::string& name, const std::string& bytes) {
    const fs::path staging = m_work / "staging";
    fs::create_directories(staging);
    fs::create_directories((staging / name).parent_path());
    write_bytes(staging / name, bytes);
    fs::create_directories((inbox() / name).parent_path());
    fs::rename(staging / name, inbox() / name);
    const std::string sha = sha256_hex(bytes);
    m_dropped[sha] += 1;
    return sha;
  }

  std::set<std::string> archived() const {
    std::set<std::string> ids;
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(m_work / "data" / "archive", ec)) {
      if (e.path().extension() == ".json") ids.insert(e.path().stem().string());
    }
    return ids;
  }
  // sha256 -> error reports in failed/.
  std::map<std::string, std::vector<json>> refused() const {
    std::map<std::string, std::vector<json>> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(m_work / "data" / "failed", ec)) {
      const std::string name = e.path().filename().string();
      if (!name.ends_with(".error.json")) continue;
      const json report = json::parse(test::read_text(e.path().string()));
      const std::string file = e.path().string().substr(0, e.path().string().size() - 11);
      EXPECT_TRUE(fs::exists(file)) << "the report has no file beside it: " << name;
      // A file refused before it was read whole (empty, too large) has no sha256 in its
      // report: take it from the file.
      out[report.at("sha256").is_null() ? sha256_hex(bytes_of(file))
                                        : report.at("sha256").get<std::string>()]
          .push_back(report);
    }
    return out;
  }
  std::size_t inbox_files() const {
    std::size_t n = 0;
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(inbox(), ec)) n += e.is_regular_file();
    return n;
  }
  std::size_t failed_files() const {
    std::size_t n = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(m_work / "data" / "failed", ec)) {
      n += !e.path().filename().string().ends_with(".error.json");
    }
    return n;
  }
  bool all_done() const {
    return inbox_files() == 0 && archived().size() + failed_files() >= m_dropped.size();
  }

  // Every distinct file dropped is in the archive or in failed/, exactly once; the inbox is
  // empty; the index holds every archived file.
  void expect_each_accounted_once() {
    const auto ids = archived();
    const auto failed = refused();
    for (const auto& [sha, times] : m_dropped) {
      const bool in_archive = ids.contains(sha);
      const auto f = failed.find(sha);
      const std::size_t in_failed = f == failed.end() ? 0 : f->second.size();
      // The same bytes dropped twice and refused twice are two refusals; archived, once.
      EXPECT_TRUE(in_archive != (in_failed > 0))
          << sha << " archive " << in_archive << " failed " << in_failed;
      if (in_failed > 0) {
        EXPECT_EQ(in_failed, times) << sha;
      }
    }
    EXPECT_EQ(
        ids.size() +
            [&] {
              std::size_t n = 0;
              for (const auto& [sha, reports] : failed) n += reports.size();
              return n;
            }(),
        [&] {
          std::size_t n = 0;
          for (const auto& [sha, times] : m_dropped) n += ids.contains(sha) ? 1 : times;
          return n;
        }());
    EXPECT_EQ(inbox_files(), 0u);
    if (!ids.empty()) {
      const auto r = test::run_naskah({"search", "--data", data(), "--json", "--limit", "1"});
      ASSERT_EQ(r.exit_code, 0) << r.err;
      EXPECT_EQ(json::parse(r.out).at("total").get<std::size_t>(), ids.size());
    }
  }

  fs::path m_work;
  int m_daemon = -1;
  std::map<std::string, std::size_t> m_dropped;  // sha256 -> times dropped
};

TEST_F(WatchE2E, OneWatcherAtATimeTakesTheInbox) {
  start();
  const fs::path lock = m_work / "data" / "watch.lock";
  for (int i = 0; i < 200 && !(fs::exists(lock) &&
                               test::read_text(lock.string()) == std::to_string(m_daemon) + "\n");
       ++i) {
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_EQ(test::read_text(lock.string()), std::to_string(m_daemon) + "\n");
  // A second watcher would take the same files: a batch run refuses, naming the other.
  const auto busy = run_until_idle();
  EXPECT_EQ(busy.exit_code, 1) << busy.out << busy.err;
  EXPECT_NE((busy.out + busy.err).find("watch.busy"), std::string::npos) << busy.out << busy.err;
  // A `naskah serve` started meanwhile waits to take over, and does when the watcher stops.
  const int port = test::free_port();
  const int serve = test::spawn(
      {NASKAH_BINARY, "serve", "--data", data(), "--listen", "127.0.0.1:" + std::to_string(port)},
      (m_work / "serve.log").string());
  for (int i = 0; i < 200 && !test::accepts(port); ++i) std::this_thread::sleep_for(50ms);
  EXPECT_EQ(stop_with(SIGTERM), 0);
  for (int i = 0; i < 200 && test::read_text(lock.string()) != std::to_string(serve) + "\n"; ++i) {
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(test::read_text(lock.string()), std::to_string(serve) + "\n");
  const std::string sha =
      drop("nanti.pdf", test::read_text(test::source_path("samples/mou-kanwil-universitas.pdf")));
  bool archived = false;
  for (int i = 0; i < 600 && !archived; ++i) {
    std::this_thread::sleep_for(100ms);
    archived = !fs::exists(inbox() / "nanti.pdf") && this->archived().contains(sha);
  }
  EXPECT_TRUE(archived) << "serve did not take the inbox over";
  ::kill(serve, SIGTERM);
  EXPECT_EQ(test::wait_exit(serve), 0);
}

TEST_F(WatchE2E, ALinkInPlaceOfTheWatchLockTouchesNothingOutside) {
  const fs::path outside = m_work / "outside.txt";
  write_bytes(outside, "keep");
  fs::create_directories(m_work / "data");
  fs::create_symlink(outside, m_work / "data" / "watch.lock");
  const auto r = run_until_idle();
  EXPECT_NE(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE((r.out + r.err).find("watcher lock"), std::string::npos) << r.out << r.err;
  EXPECT_EQ(test::read_text(outside.string()), "keep");
}

TEST_F(WatchE2E, TakesWhatIsThereAtStartAndNamesTheOfficeFromTheSubFolder) {
  const auto files = digital_files();
  const std::string top = drop("mou.pdf", bytes_of(files.at(0)));
  const std::string office = drop("Kanwil Jawa Tengah/pks.pdf", bytes_of(files.at(1)));
  const std::string junk = drop("catatan.pdf", "bukan sebuah PDF\n");
  const auto r = run_until_idle();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json counts = json::parse(r.out);
  EXPECT_EQ(counts.at("ingested"), 2);
  EXPECT_EQ(counts.at("refused"), 1);
  expect_each_accounted_once();
  const auto reports = refused();
  ASSERT_TRUE(reports.contains(junk));
  const json& report = reports.at(junk).front();
  EXPECT_EQ(report.at("code"), "input.unsupported-type");
  EXPECT_FALSE(report.at("message").at("id").get<std::string>().empty());
  EXPECT_FALSE(report.at("action").at("en").get<std::string>().empty());
  EXPECT_TRUE(fs::exists(m_work / "data" / "failed" / "catatan.pdf"));

  const auto s =
      test::run_naskah({"search", "--data", data(), "--json", "--office", "Kanwil Jawa Tengah"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  const json hits = json::parse(s.out);
  ASSERT_EQ(hits.at("total"), 1);
  EXPECT_EQ(hits.at("hits").at(0).at("id"), office);
  (void)top;

  // The operator fixes the refused file and drops it again under the same name: taken.
  const std::string fixed = drop("catatan.pdf", bytes_of(files.at(2)));
  const auto again = run_until_idle();
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(json::parse(again.out).at("ingested"), 1);
  EXPECT_TRUE(archived().contains(fixed));
  EXPECT_TRUE(fs::exists(m_work / "data" / "failed" / "catatan.pdf")) << "the old one stays";
}

TEST_F(WatchE2E, AFileWrittenSlowlyIsTakenOnceCompleteAndARenamedOneAtOnce) {
  start();
  // The writes must be seen by inotify: wait until the daemon watches (a file found only by a
  // rescan is taken once unchanged for the settle time, shorter here than the pauses below).
  ASSERT_TRUE(wait_until(
      [&] { return test::read_text(log()).find("watching") != std::string::npos; }, 60s));
  std::this_thread::sleep_for(1s);
  const std::string pdf = bytes_of(digital_files().at(2));
  // Written in six pieces over about three seconds, through one open file.
  {
    const int fd = ::open((inbox() / "pelan.pdf").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ASSERT_GE(fd, 0);
    const std::size_t piece = pdf.size() / 6 + 1;
    for (std::size_t at = 0; at < pdf.size(); at += piece) {
      const std::size_t n = std::min(piece, pdf.size() - at);
      ASSERT_EQ(::write(fd, pdf.data() + at, n), static_cast<ssize_t>(n));
      ::fsync(fd);
      std::this_thread::sleep_for(500ms);
    }
    ::close(fd);
    m_dropped[sha256_hex(pdf)] = 1;
  }
  // A download in progress under a temporary name is left alone until renamed.
  const std::string other = variant_of(bytes_of(digital_files().at(3)), 1);
  write_bytes(inbox() / "unduhan.pdf.part", other);
  std::this_thread::sleep_for(1500ms);
  EXPECT_TRUE(fs::exists(inbox() / "unduhan.pdf.part"));
  fs::rename(inbox() / "unduhan.pdf.part", inbox() / "unduhan.pdf");
  m_dropped[sha256_hex(other)] = 1;

  ASSERT_TRUE(wait_until([&] { return all_done(); }, 300s)) << test::read_text(log());
  EXPECT_EQ(stop_with(SIGTERM), 0);
  EXPECT_EQ(archived(), (std::set<std::string>{sha256_hex(pdf), sha256_hex(other)}))
      << "the slow file must be read whole, once";
  EXPECT_EQ(failed_files(), 0u) << test::read_text(log());
  expect_each_accounted_once();
}

TEST_F(WatchE2E, FiveHundredFilesDroppedAtOnceAreEachAccountedFor) {
  const std::size_t total = test::under_sanitizer() ? 150 : 500;
  const auto files = digital_files();
  start();
  for (std::size_t i = 0; i < total; ++i) {
    if (i % 25 == 0) {
      drop("agreement-" + std::to_string(i) + ".pdf",
           variant_of(bytes_of(files.at(i / 25 % files.size())), static_cast<int>(i)));
    } else {
      drop("note-" + std::to_string(i) + ".pdf", "not a scan, number " + std::to_string(i) + "\n");
    }
  }
  ASSERT_TRUE(wait_until([&] { return all_done(); }, 900s)) << test::read_text(log());
  EXPECT_EQ(stop_with(SIGTERM), 0);
  EXPECT_EQ(archived().size(), (total + 24) / 25);
  expect_each_accounted_once();
}

TEST_F(WatchE2E, EveryBadAndHostileFileEndsInTheArchiveOrInFailed) {
  std::map<std::string, std::string> expected_code;  // file name -> code when refused
  {
    std::ifstream in(test::shared_path("corpus/bad/expect.tsv"));
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      std::stringstream ss(line);
      std::string file, expect, code;
      std::getline(ss, file, '\t');
      std::getline(ss, expect, '\t');
      std::getline(ss, code, '\t');
      if (expect == "refused") expected_code[file] = code;
    }
  }
  std::vector<std::string> folders{"corpus/bad"};
  // The hostile collection is large; the sanitizer build runs the bad folder only.
  if (!test::under_sanitizer()) folders.emplace_back("corpus/external/hostile");
  for (const std::string& folder : folders) {
    for (const std::string& f : test::list_files(test::shared_path(folder))) {
      const std::string name = fs::path(f).filename().string();
      if (name.ends_with(".md") || name.ends_with(".tsv") || name.starts_with(".")) continue;
      drop(name, bytes_of(f));
    }
  }
  const auto r = run_until_idle();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_each_accounted_once();
  for (const auto& [sha, reports] : refused()) {
    for (const json& report : reports) {
      const std::string name = fs::path(report.at("file").get<std::string>()).filename().string();
      if (expected_code.contains(name)) {
        EXPECT_EQ(report.at("code"), expected_code.at(name)) << name;
      }
    }
  }
  for (const auto& [name, code] : expected_code) {
    EXPECT_TRUE(fs::exists(m_work / "data" / "failed" / name)) << name << " should be refused";
  }
}

// Every file of the archive with the sha256 of its bytes.
std::map<std::string, std::string> archive_contents(const fs::path& archive) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(archive, ec)) {
    if (e.is_regular_file())
      out[e.path().lexically_relative(archive).string()] = sha256_hex(bytes_of(e.path()));
  }
  return out;
}

TEST_F(WatchE2E, NoLinkPipeOrFileNameInTheInboxTurnsAgainstTheArchiveOrStopsTheWatcher) {
  const auto files = digital_files();
  const std::string first = drop("pertama.pdf", bytes_of(files.at(0)));
  ASSERT_EQ(run_until_idle().exit_code, 0);
  const fs::path archive = m_work / "data" / "archive";
  const auto before = archive_contents(archive);
  ASSERT_FALSE(before.empty());

  // What an attacker with write access to the inbox share can put there.
  const fs::path outside = m_work / "outside";
  fs::create_directories(outside / "folder");
  write_bytes(outside / "secret.pdf", bytes_of(files.at(1)));
  write_bytes(outside / "folder" / "in-folder.pdf", bytes_of(files.at(2)));
  fs::create_symlink(outside / "secret.pdf", inbox() / "tautan.pdf");
  fs::create_directory_symlink(outside / "folder", inbox() / "folder-tautan");
  fs::create_directory_symlink(archive, inbox() / "arsip");
  fs::create_symlink(inbox() / "tidak-ada.pdf", inbox() / "putus.pdf");
  fs::create_symlink("/dev/zero", inbox() / "perangkat.pdf");
  ASSERT_EQ(::mkfifo((inbox() / "pipa.pdf").c_str(), 0644), 0);
  // A name that is not UTF-8 (Latin-1 from an old Windows share), with a real agreement.
  const std::string latin1 = std::string("surat-kerja-sama-") + '\xe9' + ".pdf";
  const std::string odd = drop(latin1, bytes_of(files.at(3)));
  // A copy that pauses with its file open while the watcher starts and scans.
  const std::string whole = bytes_of(files.at(4));
  const int writer =
      ::open((inbox() / "lambat.pdf").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  ASSERT_GE(writer, 0);
  ASSERT_EQ(::write(writer, whole.data(), whole.size() / 2),
            static_cast<ssize_t>(whole.size() / 2));

  start();
  std::this_thread::sleep_for(3s);  // ten times the settle time: the first scan has seen it
  const std::size_t rest = whole.size() - whole.size() / 2;
  ASSERT_EQ(::write(writer, whole.data() + whole.size() / 2, rest), static_cast<ssize_t>(rest));
  ::close(writer);

  auto inbox_entries = [&] {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(inbox()))
      n += !fs::is_directory(e.symlink_status());
    return n;
  };
  ASSERT_TRUE(wait_until([&] { return inbox_entries() == 0; }, 300s)) << test::read_text(log());
  EXPECT_EQ(::kill(m_daemon, 0), 0) << "the watcher must still run";
  EXPECT_EQ(stop_with(SIGTERM), 0);

  // Each link and pipe is in failed/ itself, with its reason; nothing it points at moved.
  const fs::path failed = m_work / "data" / "failed";
  const std::map<std::string, std::string> expected = {
      {"tautan.pdf", "input.symlink"},    {"folder-tautan", "input.symlink"},
      {"arsip", "input.symlink"},         {"putus.pdf", "input.symlink"},
      {"perangkat.pdf", "input.symlink"}, {"pipa.pdf", "input.not-a-file"}};
  for (const auto& [name, code] : expected) {
    EXPECT_TRUE(fs::exists(fs::symlink_status(failed / name))) << name;
    const fs::path report = failed / (name + ".error.json");
    ASSERT_TRUE(fs::exists(report)) << name << "\n" << test::read_text(log());
    const json r = json::parse(test::read_text(report.string()));
    EXPECT_EQ(r.at("code"), code) << name;
    EXPECT_FALSE(r.at("message").at("id").get<std::string>().empty());
  }
  EXPECT_TRUE(fs::is_symlink(failed / "arsip"));
  EXPECT_TRUE(fs::is_fifo(fs::symlink_status(failed / "pipa.pdf")));
  EXPECT_EQ(bytes_of(outside / "secret.pdf"), bytes_of(files.at(1)));
  EXPECT_EQ(bytes_of(outside / "folder" / "in-folder.pdf"), bytes_of(files.at(2)));

  // The archive holds what it held, byte for byte, plus the two agreements dropped as files.
  const auto after = archive_contents(archive);
  for (const auto& [file, sha] : before) {
    ASSERT_TRUE(after.contains(file)) << file << " left the archive";
    EXPECT_EQ(after.at(file), sha) << file << " was changed";
  }
  EXPECT_EQ(archived(), (std::set<std::string>{first, odd, sha256_hex(whole)}))
      << "nothing from outside the inbox; the slow copy read whole\n"
      << test::read_text(log());
  // The odd name is kept as bytes nowhere but on disk: the record and the log show it escaped.
  const std::string record =
      test::read_text((archive / odd.substr(0, 2) / (odd + ".json")).string());
  EXPECT_NE(record.find("surat-kerja-sama-\\\\xe9.pdf"), std::string::npos)
      << record.substr(0, 400);
  EXPECT_NE(test::read_text(log()).find("surat-kerja-sama-\\xe9.pdf"), std::string::npos);
  // The slow copy was seen open for writing and left for later, not taken half-written.
  EXPECT_NE(
      test::read_text(log()).find("lambat.pdf: failed, 0.0 s \xE2\x80\x94 at take, file.changed"),
      std::string::npos);
}

TEST_F(WatchE2E, AWorkerKilledMidFileIsReplacedAndTheFileRefused) {
  // A scanned agreement: OCR keeps the worker busy for seconds.
  std::string scan;
  for (const std::string& f : test::list_files(test::shared_path("corpus/dev"))) {
    if (f.ends_with(".scan300.pdf")) scan = f;
  }
  ASSERT_FALSE(scan.empty());
  start({"--workers", "1"});
  drop("lama.pdf", bytes_of(scan));
  ASSERT_TRUE(wait_until([&] { return !children_of(m_daemon).empty(); }, 60s));
  std::this_thread::sleep_for(1500ms);  // the worker has started and is reading it
  const std::vector<int> workers = children_of(m_daemon);
  ASSERT_EQ(workers.size(), 1u);
  ::kill(workers.front(), SIGKILL);
  ASSERT_TRUE(wait_until([&] { return fs::exists(m_work / "data" / "failed" / "lama.pdf"); }, 120s))
      << test::read_text(log());
  const auto reports = refused();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports.begin()->second.front().at("code"), "extract.crashed");

  // The daemon is still up and a new worker reads the next file.
  drop("berikut.pdf", bytes_of(digital_files().at(0)));
  ASSERT_TRUE(wait_until([&] { return all_done(); }, 120s)) << test::read_text(log());
  EXPECT_EQ(archived().size(), 1u);
  EXPECT_EQ(stop_with(SIGTERM), 0);
}

TEST_F(WatchE2E, SigtermLetsTheFileInHandFinish) {
  std::string scan;
  for (const std::string& f : test::list_files(test::shared_path("corpus/dev"))) {
    if (f.ends_with(".scan300.pdf")) scan = f;
  }
  start({"--workers", "1"});
  const std::string sha = drop("sedang.pdf", bytes_of(scan));
  ASSERT_TRUE(wait_until([&] { return !children_of(m_daemon).empty(); }, 60s));
  std::this_thread::sleep_for(1500ms);  // the worker is reading it now
  EXPECT_EQ(stop_with(SIGTERM), 0);
  EXPECT_TRUE(archived().contains(sha)) << test::read_text(log());
  EXPECT_EQ(inbox_files(), 0u);
}

TEST_F(WatchE2E, KilledTenTimesMidBatchAndRestartedLosesNothing) {
  const auto files = digital_files();
  const int agreements = test::under_sanitizer() ? 8 : 24;
  for (int i = 0; i < agreements; ++i) {
    drop("pks-" + std::to_string(i) + ".pdf",
         variant_of(bytes_of(files.at(static_cast<std::size_t>(i) % files.size())), i));
  }
  for (int i = 0; i < 12; ++i)
    drop("rusak-" + std::to_string(i) + ".pdf", "rusak " + std::to_string(i));
  drop("sama-lagi.pdf", variant_of(bytes_of(files.at(0)), 0));  // the same bytes as pks-0
  std::mt19937 random(20261129);
  for (int round = 0; round < 10; ++round) {
    start();
    std::this_thread::sleep_for(std::chrono::milliseconds(600 + random() % 1200));
    EXPECT_EQ(stop_with(SIGKILL), -SIGKILL);
  }
  const auto r = run_until_idle();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_each_accounted_once();
  EXPECT_EQ(archived().size(), static_cast<std::size_t>(agreements));
}

}  // namespace
}  // namespace naskah
