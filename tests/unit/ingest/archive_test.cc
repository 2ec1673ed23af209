#include "naskah/ingest/archive.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "naskah/core/sha256.h"
#include "sample_records.h"
#include "test_support.h"

namespace naskah::ingest {
namespace {
namespace fs = std::filesystem;

class ArchiveTest : public ::testing::Test {
 protected:
  void SetUp() override { m_dir = test::temp_folder("archive"); }
  void TearDown() override { fs::remove_all(m_dir); }
  std::string m_dir;
};

TEST_F(ArchiveTest, StoresTheOriginalOnceUnderItsHash) {
  Archive archive(m_dir);
  const std::string bytes = "%PDF-1.4 fake";
  const std::string sha = sha256_hex(bytes);
  ASSERT_TRUE(archive.store_original(sha, bytes, "application/pdf").has_value());
  ASSERT_TRUE(archive.store_original(sha, bytes, "application/pdf").has_value());
  const auto path = archive.original_path(sha);
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(*path, m_dir + "/" + sha.substr(0, 2) + "/" + sha + ".pdf");
  EXPECT_EQ(test::read_text(*path), bytes);
  // Nothing else in the folder: no temporary files left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(m_dir + "/" + sha.substr(0, 2)),
                          fs::directory_iterator()), 1);
}

TEST_F(ArchiveTest, ARecordRoundTripsWithItsProvenance) {
  Archive archive(m_dir);
  AgreementRecord record = test::make_record("doc", "mou", "Pelayanan Publik", {"A", "B"},
                                             {"1/MOU/2021"}, "2021-02-03", "2024-02-03",
                                             "isi perjanjian");
  record.office = "Kanwil Jawa Tengah";
  EXPECT_FALSE(archive.store_record(record, {}).has_value());  // no original yet
  ASSERT_TRUE(archive.store_original(record.sha256, "bytes", "image/tiff").has_value());
  ASSERT_TRUE(archive.store_record(record, {{"parser_version", "1"}}).has_value());
  EXPECT_TRUE(archive.has_record(record.sha256));
  auto stored = archive.load(record.sha256);
  ASSERT_TRUE(stored.has_value()) << stored.error().message;
  EXPECT_EQ(stored->record.text, record.text);
  EXPECT_EQ(stored->record.office, record.office);
  EXPECT_EQ(stored->record.parties.size(), 2u);
  EXPECT_EQ(stored->provenance.at("parser_version"), "1");
  EXPECT_EQ(archive.list(), std::vector<std::string>{record.sha256});
  EXPECT_TRUE(archive.original_path(record.sha256)->ends_with(".tif"));
}

TEST_F(ArchiveTest, ForeignOrDamagedFilesAreNotRecords) {
  Archive archive(m_dir);
  fs::create_directories(m_dir + "/ab");
  std::ofstream(m_dir + "/ab/notes.json") << "{}";
  const std::string fake(64, 'a');
  fs::create_directories(m_dir + "/aa");
  std::ofstream(m_dir + "/aa/" + fake + ".json") << "{not json";
  EXPECT_EQ(archive.list(), std::vector<std::string>{fake});
  auto loaded = archive.load(fake);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, "archive.damaged");
  EXPECT_EQ(archive.load("../../etc/passwd").error().code, "archive.missing");
}

TEST(ExtensionFor, FollowsTheSniffedType) {
  EXPECT_EQ(extension_for("application/pdf"), "pdf");
  EXPECT_EQ(extension_for("image/jpeg"), "jpg");
  EXPECT_EQ(extension_for("text/html"), "bin");
}

}  // namespace
}  // namespace naskah::ingest
