#include "naskah/index/store.h"

#include <filesystem>
#include <fstream>
#include <map>

#include <gtest/gtest.h>

#include "naskah/index/schema.h"
#include "sample_records.h"

namespace naskah::index {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { m_dir = test::temp_folder("store") + "/index"; }
  void TearDown() override { fs::remove_all(fs::path(m_dir).parent_path()); }

  std::string stub() const {
    std::ifstream in(m_dir + "/" + k_stub_name);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  std::string m_dir;
};

AgreementRecord pks(const std::string& key, const std::string& number,
                    const std::vector<std::string>& parties) {
  return test::make_record(key, "pks", "Pelatihan Kerja", parties, {number}, "2021-01-05",
                           "2024-01-05");
}

TEST_F(StoreTest, NothingIndexedYetIsAClearError) {
  auto db = open_for_search(m_dir);
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(db.error().code, "index.missing");
}

TEST_F(StoreTest, TheFirstWriterCreatesGenerationOneAndItsStub) {
  {
    auto writer = Writer::open(m_dir, 1s);
    ASSERT_TRUE(writer.has_value()) << writer.error().message;
    ASSERT_TRUE(writer->put(pks("a", "1/PKS/2021", {"Lapas Semarang"})).has_value());
    ASSERT_TRUE(writer->commit().has_value());
    EXPECT_TRUE(writer->contains(pks("a", "", {}).sha256));
  }
  EXPECT_EQ(stub(), "auto gen-000001\n");
  auto db = open_for_search(m_dir);
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ(db->get_doccount(), 1u);
}

TEST_F(StoreTest, PuttingTheSameRecordTwiceKeepsOneDocument) {
  auto writer = Writer::open(m_dir, 1s);
  ASSERT_TRUE(writer.has_value());
  const auto record = pks("a", "1/PKS/2021", {"Lapas Semarang"});
  ASSERT_TRUE(writer->put(record).has_value());
  ASSERT_TRUE(writer->put(record).has_value());
  ASSERT_TRUE(writer->commit().has_value());
  EXPECT_EQ(open_for_search(m_dir)->get_doccount(), 1u);
}

TEST_F(StoreTest, ASecondWriterWaitsThenFailsWithIndexLocked) {
  auto first = Writer::open(m_dir, 1s);
  ASSERT_TRUE(first.has_value());
  const auto started = std::chrono::steady_clock::now();
  auto second = Writer::open(m_dir, 300ms);
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, "index.locked");
  EXPECT_NE(second.error().message.find("lock_timeout_seconds"), std::string::npos);
  EXPECT_GE(std::chrono::steady_clock::now() - started, 300ms);
}

TEST_F(StoreTest, TheLockIsFreeOnceTheWriterIsGone) {
  { ASSERT_TRUE(Writer::open(m_dir, 1s).has_value()); }
  EXPECT_TRUE(Writer::open(m_dir, 0ms).has_value());
}

TEST_F(StoreTest, ANewGenerationIsSwappedInAndThePreviousKept) {
  {
    auto writer = Writer::open(m_dir, 1s);
    ASSERT_TRUE(writer->put(pks("a", "1", {"X"})).has_value());
    ASSERT_TRUE(writer->commit().has_value());
  }
  for (int round = 0; round < 3; ++round) {
    auto builder = Builder::new_generation(m_dir);
    ASSERT_TRUE(builder.has_value());
    builder->add(prepare(pks("a", "1", {"X"})));
    builder->add(prepare(pks("b" + std::to_string(round), "2", {"Y"})));
    auto lock = WriteLock::acquire(m_dir, 1s);
    ASSERT_TRUE(lock.has_value());
    ASSERT_TRUE(builder->finish(&*lock).has_value());
  }
  EXPECT_EQ(stub(), "auto gen-000004\n");
  EXPECT_TRUE(fs::exists(m_dir + "/gen-000003"));  // the previous one
  EXPECT_FALSE(fs::exists(m_dir + "/gen-000002"));
  EXPECT_FALSE(fs::exists(m_dir + "/gen-000001"));
  EXPECT_EQ(open_for_search(m_dir)->get_doccount(), 2u);
  // The writer now writes into the live generation.
  auto writer = Writer::open(m_dir, 1s);
  ASSERT_TRUE(writer->put(pks("c", "3", {"Z"})).has_value());
  ASSERT_TRUE(writer->commit().has_value());
  EXPECT_EQ(open_for_search(m_dir)->get_doccount(), 3u);
}

TEST_F(StoreTest, ABuildThatDoesNotFinishLeavesNothingBehind) {
  {
    auto writer = Writer::open(m_dir, 1s);
    ASSERT_TRUE(writer->put(pks("a", "1", {"X"})).has_value());
    ASSERT_TRUE(writer->commit().has_value());
  }
  std::string abandoned;
  std::string part_path;
  {
    auto builder = Builder::new_generation(m_dir);
    ASSERT_TRUE(builder.has_value());
    abandoned = builder->path();
    auto part = builder->make_part(1);
    ASSERT_TRUE(part.has_value());
    part_path = part->path();
    part->add(prepare(pks("b", "2", {"Y"})));
    builder->add(prepare(pks("a", "1", {"X"})));
    EXPECT_TRUE(fs::exists(abandoned));
    EXPECT_TRUE(fs::exists(part_path));
  }  // e.g. a reindex that could not get the lock to swap
  EXPECT_FALSE(fs::exists(abandoned));
  EXPECT_FALSE(fs::exists(part_path));
  EXPECT_EQ(stub(), "auto gen-000001\n");
  EXPECT_EQ(open_for_search(m_dir)->get_doccount(), 1u);
}

TEST_F(StoreTest, ASwapRemovesThePartsAKilledBuildLeftBehind) {
  {
    auto writer = Writer::open(m_dir, 1s);
    ASSERT_TRUE(writer->put(pks("a", "1", {"X"})).has_value());
    ASSERT_TRUE(writer->commit().has_value());
  }
  fs::create_directories(m_dir + "/gen-000001.part-2");  // as kill -9 would leave it
  for (int round = 0; round < 2; ++round) {
    auto builder = Builder::new_generation(m_dir);
    ASSERT_TRUE(builder.has_value());
    builder->add(prepare(pks("a", "1", {"X"})));
    auto lock = WriteLock::acquire(m_dir, 1s);
    ASSERT_TRUE(builder->finish(&*lock).has_value());
  }
  EXPECT_EQ(stub(), "auto gen-000003\n");
  EXPECT_FALSE(fs::exists(m_dir + "/gen-000001.part-2"));
  EXPECT_FALSE(fs::exists(m_dir + "/gen-000001"));
  EXPECT_TRUE(fs::exists(m_dir + "/gen-000002"));
}

TEST_F(StoreTest, AStandaloneDatabaseNeedsANewFolder) {
  const std::string out = m_dir + "-part";
  auto builder = Builder::standalone(out);
  ASSERT_TRUE(builder.has_value());
  builder->add(prepare(pks("a", "1", {"X"})));
  ASSERT_TRUE(builder->finish(nullptr).has_value());
  EXPECT_EQ(Xapian::Database(out).get_doccount(), 1u);
  EXPECT_FALSE(Builder::standalone(out).has_value());
}

std::vector<std::string> warnings_of(Xapian::Database& db, const AgreementRecord& r) {
  auto p = db.postlist_begin(id_term(r.sha256));
  return record_of(db.get_document(*p))->warnings;
}

TEST_F(StoreTest, TheSameAgreementScannedTwiceIsFlaggedInBoth) {
  const auto scan1 = pks("scan1", "W13.PAS-0211", {"Lapas Semarang", "Pemkot Semarang"});
  const auto scan2 = pks("scan2", "W13.PAS-0211", {"Pemkot  Semarang"});
  const auto other = pks("other", "W13.PAS-0211", {"Universitas Diponegoro"});
  auto writer = Writer::open(m_dir, 1s);
  ASSERT_TRUE(writer->put(scan1).has_value());
  ASSERT_TRUE(writer->put(other).has_value());
  ASSERT_TRUE(writer->put(scan2).has_value());
  ASSERT_TRUE(writer->commit().has_value());
  auto db = *open_for_search(m_dir);
  EXPECT_EQ(warnings_of(db, scan1),
            std::vector<std::string>{"possible duplicate of " + scan2.sha256});
  EXPECT_EQ(warnings_of(db, scan2),
            std::vector<std::string>{"possible duplicate of " + scan1.sha256});
  EXPECT_TRUE(warnings_of(db, other).empty());  // same number, other parties
  // Duplicates are a suspicion the monitoring list finds by term.
  EXPECT_EQ(db.get_termfreq(std::string(prefix::k_flag) + "duplicate"), 2u);
}

TEST_F(StoreTest, DuplicatesAreFoundWhenAGenerationIsBuiltToo) {
  auto builder = Builder::new_generation(m_dir);
  builder->add(prepare(pks("scan1", "119/1874/2021", {"Pemkot"})));
  builder->add(prepare(pks("scan2", "119/1874/2021", {"Pemkot"})));
  builder->add(prepare(pks("third", "7/2020", {"Pemkot"})));
  auto lock = WriteLock::acquire(m_dir, 1s);
  ASSERT_TRUE(builder->finish(&*lock).has_value());
  auto db = *open_for_search(m_dir);
  EXPECT_EQ(db.get_termfreq(std::string(prefix::k_flag) + "duplicate"), 2u);
}

TEST_F(StoreTest, SynonymsAreWrittenIntoEveryDatabase) {
  { ASSERT_TRUE(Writer::open(m_dir, 1s).has_value()); }
  auto db = *open_for_search(m_dir);
  std::vector<std::string> of;
  for (auto s = db.synonyms_begin("lembaga pemasyarakatan"); s != db.synonyms_end("lembaga pemasyarakatan"); ++s) {
    of.push_back(*s);
  }
  EXPECT_EQ(of, std::vector<std::string>{"lapas"});
}

TEST_F(StoreTest, SpellingWordsCountEachDocumentOnceAcrossPartsAndBatches) {
  // A builder hands its spelling words to Xapian when it ends, not at every batch: the
  // frequencies must still be the number of documents with each word.
  const auto record = [](const std::string& key, const std::string& body) {
    return test::make_record(key, "pks", "Pelatihan Kerja", {"X"}, {key}, "2021-01-05",
                             "2024-01-05", body);
  };
  auto builder = Builder::new_generation(m_dir);
  ASSERT_TRUE(builder.has_value());
  std::vector<Builder> parts;
  parts.push_back(std::move(*builder->make_part(1)));
  parts.push_back(std::move(*builder->make_part(2)));
  parts[0].add(prepare(record("a", "Pembinaan warga binaan.")));
  parts[0].add(prepare(record("b", "Pembinaan dan pembinaan lagi.")));
  parts[1].add(prepare(record("c", "Warga binaan.")));
  ASSERT_TRUE(builder->merge(parts).has_value());
  builder->add(prepare(record("d", "Pembinaan.")));
  auto lock = WriteLock::acquire(m_dir, 1s);
  ASSERT_TRUE(builder->finish(&*lock).has_value());
  auto db = *open_for_search(m_dir);
  EXPECT_EQ(db.get_doccount(), 4u);
  std::map<std::string, Xapian::doccount> frequency;
  for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) frequency[*w] = w.get_termfreq();
  EXPECT_EQ(frequency["pelatihan"], 4u);
  EXPECT_EQ(frequency["pembinaan"], 3u);
  EXPECT_EQ(frequency["binaan"], 2u);
  EXPECT_EQ(db.get_spelling_suggestion("pembinan"), "pembinaan");
}

}  // namespace
}  // namespace naskah::index
