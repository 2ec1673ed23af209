#include "naskah/ingest/index_queue.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "naskah/index/store.h"
#include "sample_records.h"

namespace naskah::ingest {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

class IndexQueueTest : public ::testing::Test {
 protected:
  void SetUp() override { m_dir = test::temp_folder("index-queue"); }
  void TearDown() override { fs::remove_all(m_dir); }
  std::string index_dir() const { return m_dir + "/index"; }
  static AgreementRecord record(int n) {
    return test::make_record("queue-" + std::to_string(n), "pks", "Kerja sama " + std::to_string(n),
                             {"Kantor Wilayah", "Universitas"}, {std::to_string(n) + "/PKS/2024"},
                             "2024-01-02", "2026-01-02");
  }
  std::string m_dir;
};

TEST_F(IndexQueueTest, RecordsOfManyWorkersShareCommits) {
  constexpr int k_workers = 4;
  constexpr int k_each = 10;
  std::vector<AgreementRecord> records;
  for (int i = 0; i < k_workers * k_each; ++i) records.push_back(record(i));
  // Another writer (a reindex, an ingest) holds the lock while the workers hand in theirs.
  auto held = std::make_optional(*index::WriteLock::acquire(index_dir(), 1s));
  IndexQueue queue({index_dir(), 30'000ms});
  std::vector<std::thread> workers;
  std::vector<int> written(k_workers, 0);
  for (int w = 0; w < k_workers; ++w) {
    workers.emplace_back([&, w] {
      for (int i = 0; i < k_each; ++i) {
        auto done = queue.index(records[static_cast<std::size_t>(w * k_each + i)], false);
        ASSERT_TRUE(done.has_value()) << done.error().message;
        written[static_cast<std::size_t>(w)] += *done ? 1 : 0;
      }
    });
  }
  // Each worker waits for its commit: one record each is in hand, blocked behind the lock.
  while (queue.in_hand() < k_workers) std::this_thread::sleep_for(10ms);
  held.reset();
  for (std::thread& t : workers) t.join();
  for (int n : written) EXPECT_EQ(n, k_each);
  auto db = index::open_for_search(index_dir());
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ(db->get_doccount(), static_cast<unsigned>(k_workers * k_each));
  // Each commit held what gathered while the one before it ran: fewer than one a record.
  EXPECT_LT(queue.commits(), static_cast<std::size_t>(k_workers * k_each));
  EXPECT_GE(queue.commits(), static_cast<std::size_t>(k_each));
}

TEST_F(IndexQueueTest, OnlyIfMissingAndFailuresAreEachFilesOutcome) {
  IndexQueue queue({index_dir(), 200ms});
  const AgreementRecord first = record(1);
  ASSERT_EQ(queue.index(first, true), true);
  EXPECT_EQ(queue.index(first, true), false) << "there already: not written again";
  {
    auto held = index::WriteLock::acquire(index_dir(), 1s);
    ASSERT_TRUE(held.has_value());
    auto locked = queue.index(record(2), false);
    ASSERT_FALSE(locked.has_value());
    EXPECT_EQ(locked.error().code, "index.locked");
  }
  EXPECT_EQ(queue.index(record(2), false), true) << "the queue goes on after a failure";
}

}  // namespace
}  // namespace naskah::ingest
