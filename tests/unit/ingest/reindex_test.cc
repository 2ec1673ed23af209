#include "naskah/ingest/reindex.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "naskah/index/store.h"
#include "naskah/ingest/archive.h"
#include "naskah/ingest/pipeline.h"
#include "sample_records.h"

namespace naskah::ingest {
namespace {
namespace fs = std::filesystem;

class ReindexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = test::temp_folder("reindex");
    m_options.data = DataDir{m_dir + "/data"};
    m_options.threads = 2;
    Archive archive(m_options.data.archive());
    for (int i = 0; i < 40; ++i) {
      AgreementRecord r = test::make_record(
          "doc" + std::to_string(i), "pks", "Pelatihan", {"Lapas " + std::to_string(i)},
          {std::to_string(i) + "/PKS/2021"}, "2021-03-04", "2024-03-04",
          "PERJANJIAN KERJA SAMA\nPada hari ini Kamis tanggal 4 Maret 2021 ...");
      r.doc_type.reset();  // as an old parser left it: the reindex reads it again
      m_ids.push_back(r.sha256);
      EXPECT_TRUE(archive.store_original(r.sha256, "bytes" + std::to_string(i), "application/pdf"));
      EXPECT_TRUE(archive.store_record(r, provenance({})));
    }
  }
  void TearDown() override { fs::remove_all(m_dir); }
  std::string m_dir;
  ReindexOptions m_options;
  std::vector<std::string> m_ids;
};

TEST_F(ReindexTest, BuildsAGenerationFromTheArchiveWithTheCurrentParser) {
  std::size_t last_done = 0;
  m_options.progress = [&](std::size_t done, std::size_t total) {
    EXPECT_EQ(total, 40u);
    EXPECT_GT(done, last_done);
    last_done = done;
  };
  auto stats = reindex(m_options);
  ASSERT_TRUE(stats.has_value()) << stats.error().message;
  EXPECT_EQ(stats->documents, 40u);
  EXPECT_EQ(stats->failed, 0u);
  EXPECT_GT(stats->words, 400u);
  EXPECT_EQ(last_done, 40u);
  auto db = index::open_for_search(m_options.data.index());
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ(db->get_doccount(), 40u);
  EXPECT_EQ(db->get_termfreq("XTYPEpks"), 40u);  // re-parsed from the text
  // A second reindex swaps again; the archive is untouched.
  m_options.progress = nullptr;
  ASSERT_TRUE(reindex(m_options).has_value());
  EXPECT_EQ(index::live_generation(m_options.data.index()), m_options.data.index() + "/gen-000002");
  EXPECT_EQ(Archive(m_options.data.archive()).list().size(), 40u);
}

TEST_F(ReindexTest, PartitionsSplitTheIdsWithoutOverlap) {
  std::size_t total = 0;
  for (int k = 1; k <= 3; ++k) {
    ReindexOptions o = m_options;
    o.partition = Partition{k, 3};
    o.out = m_dir + "/part" + std::to_string(k);
    auto stats = reindex(o);
    ASSERT_TRUE(stats.has_value()) << stats.error().message;
    total += stats->documents;
    Xapian::Database part(*o.out);
    for (auto t = part.allterms_begin("Q"); t != part.allterms_end("Q"); ++t) {
      EXPECT_TRUE(in_partition((*t).substr(1), Partition{k, 3}));
    }
  }
  EXPECT_EQ(total, 40u);
  EXPECT_FALSE(fs::exists(m_options.data.index() + "/current"));
}

TEST_F(ReindexTest, ARecordThatCannotBeReadIsCountedAndTheRestGoOn) {
  std::ofstream(Archive(m_options.data.archive()).record_path(m_ids[3])) << "{broken";
  auto stats = reindex(m_options);
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->documents, 39u);
  EXPECT_EQ(stats->failed, 1u);
}

TEST(Partition, ParsesKOverN) {
  EXPECT_EQ(parse_partition("2/3")->k, 2);
  EXPECT_EQ(parse_partition("2/3")->n, 3);
  for (const char* bad : {"0/3", "4/3", "3", "a/b", "1/0", "1/3x", ""}) {
    EXPECT_FALSE(parse_partition(bad).has_value()) << bad;
  }
}

TEST(Partition, EveryIdFallsInExactlyOneRange) {
  for (const char* id : {"0000000000", "ffffffffff", "7fffffffaa", "5555555500"}) {
    int hits = 0;
    for (int k = 1; k <= 3; ++k) hits += in_partition(id, Partition{k, 3}) ? 1 : 0;
    EXPECT_EQ(hits, 1) << id;
  }
}

}  // namespace
}  // namespace naskah::ingest
