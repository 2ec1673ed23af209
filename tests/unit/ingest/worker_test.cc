#include "naskah/ingest/worker.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <thread>

#include "sample_records.h"
#include "test_support.h"

namespace naskah::ingest {
namespace {
using namespace std::chrono_literals;

// A worker made of a shell script: reads the start message and a request, then does `then`.
std::vector<std::string> scripted(const std::string& then) {
  return {"/bin/sh", "-c", "read hello; read request; " + then};
}

WorkerLimits quick_limits() {
  WorkerLimits limits;
  limits.wall_per_file = 2s;
  limits.cpu_per_file = 1s;
  return limits;
}

TEST(WorkerProcess, ARealWorkerReadsAFileAndStaysWarm) {
  extract::Options options;
  options.workers = 1;
  WorkerProcess worker({NASKAH_BINARY, "worker"}, options, {}, "2024-06-01");
  const std::string sample = test::source_path("samples/mou-kanwil-universitas.pdf");
  auto first = worker.extract("mou.pdf", test::read_text(sample));
  ASSERT_TRUE(first.has_value()) << first.error().code << ": " << first.error().message;
  EXPECT_EQ(first->pages, 2);
  EXPECT_EQ(first->doc_type, "mou");
  EXPECT_FALSE(first->text.empty());
  const pid_t pid = worker.pid();
  auto refused = worker.extract("README.md", "# not a scan\n");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, "input.unsupported-type");
  EXPECT_EQ(worker.pid(), pid) << "a refusal does not cost the worker";
  // The worker reads the bytes it is handed, never a path: the name is only shown.
  auto again = worker.extract("/nonexistent/other name.pdf", test::read_text(sample));
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(again->sha256, first->sha256);
  EXPECT_EQ(again->source.path, "/nonexistent/other name.pdf");
  worker.stop();
  EXPECT_EQ(worker.pid(), -1);
}

TEST(WorkerProcess, AWorkerThatCrashesIsExtractCrashedAndReplaced) {
  WorkerProcess worker(scripted("kill -SEGV $$"), {}, quick_limits(), "");
  auto result = worker.extract("file.pdf", "%PDF-1.4");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "extract.crashed");
  EXPECT_NE(result.error().message.find("signal 11"), std::string::npos) << result.error().message;
  EXPECT_EQ(worker.pid(), -1);
  // The next file starts a new one (which crashes again, being the same script).
  EXPECT_EQ(worker.extract("file.pdf", "%PDF-1.4").error().code, "extract.crashed");
}

TEST(WorkerProcess, AWorkerRunsAsNiceAsItsLimitsSay) {
  const std::string file = test::temp_folder("nice") + "/niceness";
  WorkerLimits limits = quick_limits();
  limits.nice = 7;
  WorkerProcess worker(scripted("nice > '" + file + "'; kill -SEGV $$"), {}, limits, "");
  EXPECT_EQ(worker.extract("file.pdf", "%PDF-1.4").error().code, "extract.crashed");
  errno = 0;
  const int parent = ::getpriority(PRIO_PROCESS, 0);
  EXPECT_EQ(std::stoi(test::read_text(file)), std::min(19, parent + 7));
}

TEST(WorkerProcess, AWorkerThatHangsIsStoppedWithExtractTimeout) {
  WorkerProcess worker(scripted("exec sleep 60"), {}, quick_limits(), "");
  const auto started = std::chrono::steady_clock::now();
  auto result = worker.extract("file.pdf", "%PDF-1.4");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "extract.timeout");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 30s);
}

TEST(WorkerProcess, AWorkerOverItsProcessorTimeIsExtractTimeout) {
  // The script sets its own CPU limit as the real worker does, then spins.
  WorkerLimits limits = quick_limits();
  limits.wall_per_file = 60s;
  WorkerProcess worker(scripted("ulimit -S -t 1; while :; do :; done"), {}, limits, "");
  auto result = worker.extract("file.pdf", "%PDF-1.4");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "extract.timeout");
  EXPECT_NE(result.error().message.find("processor time"), std::string::npos);
}

TEST(WorkerProcess, AnAnswerThatIsNotJsonIsExtractCrashed) {
  WorkerProcess worker(scripted("echo nonsense; exec sleep 60"), {}, quick_limits(), "");
  auto result = worker.extract("file.pdf", "%PDF-1.4");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "extract.crashed");
}

TEST(WorkerProcess, AProgramThatCannotStartIsExtractCrashed) {
  WorkerProcess worker({"/nonexistent/naskah", "worker"}, {}, quick_limits(), "");
  auto result = worker.extract("file.pdf", "%PDF-1.4");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "extract.crashed");
}

// Width and height from a PNG's IHDR chunk.
std::pair<int, int> png_size(const std::string& png) {
  const auto be32 = [&](std::size_t at) {
    return (static_cast<unsigned char>(png.at(at)) << 24) |
           (static_cast<unsigned char>(png.at(at + 1)) << 16) |
           (static_cast<unsigned char>(png.at(at + 2)) << 8) |
           static_cast<unsigned char>(png.at(at + 3));
  };
  return {be32(16), be32(20)};
}

TEST(WorkerPool, PagesAreDrawnInWorkersTurnedAsAskedAndManyAtOnce) {
  WorkerPool pool(2, {NASKAH_BINARY, "worker"}, {}, {});
  const std::string pdf = test::read_text(test::source_path("samples/mou-kanwil-universitas.pdf"));
  auto upright = pool.render(pdf, 0, 40, 0);
  ASSERT_TRUE(upright.has_value()) << upright.error().message;
  ASSERT_TRUE(upright->starts_with("\x89PNG"));
  const auto [w, h] = png_size(*upright);
  EXPECT_GT(h, w) << "an A4 page stands";
  auto sideways = pool.render(pdf, 0, 40, 90);
  ASSERT_TRUE(sideways.has_value());
  EXPECT_EQ(png_size(*sideways), std::make_pair(h, w));
  auto turned = pool.render(pdf, 0, 40, 180);
  ASSERT_TRUE(turned.has_value());
  EXPECT_EQ(png_size(*turned), std::make_pair(w, h));
  EXPECT_NE(*turned, *upright);
  EXPECT_EQ(pool.render(pdf, 7, 40, 0).error().code, "page.unknown");
  // Four threads, two workers: every page comes back.
  std::vector<std::thread> threads;
  std::atomic<int> drawn{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      if (auto png = pool.render(pdf, i % 2, 40, 0); png && png->starts_with("\x89PNG")) ++drawn;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(drawn, 4);
}

TEST(WorkerPool, APageThatTakesTooLongCostsItsWorkerNotTheCaller) {
  WorkerPool pool(1, scripted("exec sleep 60"), {}, quick_limits());
  const auto started = std::chrono::steady_clock::now();
  auto png = pool.render("%PDF-1.4", 0, 110, 0);
  ASSERT_FALSE(png.has_value());
  EXPECT_EQ(png.error().code, "extract.timeout");
  EXPECT_NE(png.error().message.find("drawing this page"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 30s);
}

}  // namespace
}  // namespace naskah::ingest
