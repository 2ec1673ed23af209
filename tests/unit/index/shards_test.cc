#include "naskah/index/shards.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "naskah/index/document.h"
#include "naskah/index/store.h"
#include "sample_records.h"

namespace naskah::index {
namespace {
namespace fs = std::filesystem;

TEST(ShardAddress, RemoteShardsAreTcpHostAndPort) {
  const auto remote = parse_remote("tcp://10.0.0.7:33333");
  ASSERT_TRUE(remote);
  EXPECT_EQ(remote->host, "10.0.0.7");
  EXPECT_EQ(remote->port, 33333u);
  const auto ipv6 = parse_remote("tcp://[::1]:4000");
  ASSERT_TRUE(ipv6);
  EXPECT_EQ(ipv6->host, "::1");
  EXPECT_FALSE(parse_remote("/srv/naskah/index"));
  EXPECT_FALSE(parse_remote("tcp://host"));
  EXPECT_FALSE(parse_remote("tcp://host:0"));
  EXPECT_FALSE(parse_remote("tcp://host:70000"));
  EXPECT_FALSE(parse_remote("tcp://:80"));
}

TEST(ShardAddress, AListIsCheckedEntryByEntry) {
  EXPECT_TRUE(check_shards({"/a", "tcp://h:1"}));
  EXPECT_EQ(check_shards({"/a", ""}).error().code, "usage.invalid");
  EXPECT_EQ(check_shards({"tcp://h"}).error().code, "usage.invalid");
  const auto twice = check_shards({"/a", "/a"});
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message.find("twice"), std::string::npos);
}

class ShardSetTest : public ::testing::Test {
 protected:
  void SetUp() override { m_dir = test::temp_folder("shards"); }
  void TearDown() override { fs::remove_all(m_dir); }

  // A database folder holding agreements made from `keys`.
  std::string database(const std::string& name, const std::vector<std::string>& keys) {
    const std::string path = m_dir + "/" + name;
    auto builder = Builder::standalone(path);
    EXPECT_TRUE(builder);
    for (const std::string& key : keys) {
      builder->add(prepare(test::make_record(key, "pks", "Pelatihan", {"Lapas " + key},
                                             {key + "/PKS/2021"}, "2021-03-04", "2024-03-04")));
    }
    EXPECT_TRUE(builder->finish(nullptr));
    return path;
  }

  std::string m_dir;
};

TEST_F(ShardSetTest, LocalShardsAreSearchedAsOne) {
  ShardSet shards({database("a", {"1", "2"}), database("b", {"3"})});
  auto db = shards.database();
  ASSERT_TRUE(db) << db.error().message;
  EXPECT_EQ((*db)->get_doccount(), 3u);
  EXPECT_TRUE(shards.warnings().empty());
  EXPECT_FALSE(shards.any_remote());
  EXPECT_EQ(shards.open_shards().size(), 2u);
  EXPECT_EQ(shards.vocabulary().get_doccount(), 3u);  // local only: the same databases
}

TEST_F(ShardSetTest, AShardThatCannotBeOpenedIsLeftOutWithAWarning) {
  const std::string missing = m_dir + "/not-there";
  ShardSet shards({database("a", {"1"}), missing, "tcp://127.0.0.1:1"});
  auto db = shards.database();
  ASSERT_TRUE(db) << db.error().message;
  EXPECT_EQ((*db)->get_doccount(), 1u);
  ASSERT_EQ(shards.warnings().size(), 2u);
  EXPECT_NE(shards.warnings()[0].find(missing), std::string::npos);
  EXPECT_NE(shards.warnings()[1].find("tcp://127.0.0.1:1"), std::string::npos);
  // With a remote shard listed, synonyms come from the built-in list.
  EXPECT_TRUE(shards.any_remote());
  EXPECT_NE(shards.vocabulary().synonym_keys_begin(), shards.vocabulary().synonym_keys_end());
  // The state says which shards answered.
  EXPECT_NE(shards.state().find("down"), std::string::npos);
}

TEST_F(ShardSetTest, NoShardAnsweringIsAnError) {
  ShardSet one({m_dir + "/index"});
  auto db = one.database();
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, "index.missing");  // a lone data folder before any ingest
  ShardSet none({"tcp://127.0.0.1:1", m_dir + "/not-there"},
                {std::chrono::milliseconds(1000), std::chrono::milliseconds(0)});
  db = none.database();
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, "index.unavailable");
  EXPECT_NE(db.error().message.find("none of the 2 shards"), std::string::npos);
}

TEST_F(ShardSetTest, TheStateChangesWithACommit) {
  const std::string index_dir = m_dir + "/index";
  {
    auto writer = Writer::open(index_dir, std::chrono::seconds(1));
    ASSERT_TRUE(writer);
    ASSERT_TRUE(writer->put(
        test::make_record("1", "mou", "Kerja Sama", {"A"}, {"1/MOU"}, "2022-01-01", "2025-01-01")));
    ASSERT_TRUE(writer->commit());
  }
  ShardSet shards({index_dir});
  ASSERT_TRUE(shards.database());
  const std::string before = shards.state();
  {
    auto writer = Writer::open(index_dir, std::chrono::seconds(1));
    ASSERT_TRUE(writer);
    ASSERT_TRUE(writer->put(
        test::make_record("2", "mou", "Kerja Sama", {"B"}, {"2/MOU"}, "2022-01-01", "2025-01-01")));
    ASSERT_TRUE(writer->commit());
  }
  auto db = shards.database();
  ASSERT_TRUE(db);
  EXPECT_EQ((*db)->get_doccount(), 2u);
  EXPECT_NE(shards.state(), before);
}

}  // namespace
}  // namespace naskah::index
