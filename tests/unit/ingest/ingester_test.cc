#include "naskah/ingest/ingester.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "naskah/extract/parser.h"
#include "naskah/index/store.h"
#include "sample_records.h"
#include "test_support.h"

namespace naskah::ingest {
namespace {
namespace fs = std::filesystem;

class IngesterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = test::temp_folder("ingester");
    m_options.data = DataDir{m_dir + "/data"};
    m_options.extract.workers = 1;
    m_options.lock_timeout = std::chrono::milliseconds(200);
  }
  void TearDown() override { fs::remove_all(m_dir); }
  std::string m_dir;
  Options m_options;
};

TEST_F(IngesterTest, ArchivesAndIndexesAFileOnceByContent) {
  const std::string sample = test::source_path("samples/mou-kanwil-universitas.pdf");
  const std::string copy = m_dir + "/copy.pdf";
  fs::copy_file(sample, copy);
  Ingester ingester(m_options);
  const FileResult first = ingester.ingest_file(sample);
  ASSERT_EQ(first.outcome, Outcome::ingested) << (first.error ? first.error->message : "");
  EXPECT_EQ(first.pages, 2);
  const FileResult again = ingester.ingest_file(copy);  // same bytes, other name
  EXPECT_EQ(again.outcome, Outcome::present);
  EXPECT_EQ(again.sha256, first.sha256);

  const Archive archive(m_options.data.archive());
  EXPECT_EQ(archive.list(), std::vector<std::string>{first.sha256});
  auto stored = archive.load(first.sha256);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->provenance.at("parser_version"), extract::k_parser_version);
  EXPECT_TRUE(stored->provenance.at("ocr").at("engine").get<std::string>().starts_with("tesseract"));
  auto db = index::open_for_search(m_options.data.index());
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ(db->get_doccount(), 1u);
}

TEST_F(IngesterTest, RefusedFilesSayWhyAndLeaveNoTrace) {
  const std::string empty = m_dir + "/empty.pdf";
  std::ofstream{empty};
  const std::string text = m_dir + "/notes.txt";
  std::ofstream(text) << "not a scan";
  Ingester ingester(m_options);
  const FileResult a = ingester.ingest_file(empty);
  EXPECT_EQ(a.outcome, Outcome::refused);
  EXPECT_EQ(a.error->code, "input.empty");
  const FileResult b = ingester.ingest_file(text);
  EXPECT_EQ(b.outcome, Outcome::refused);
  EXPECT_EQ(b.error->code, "input.unsupported-type");
  const FileResult c = ingester.ingest_file(m_dir + "/missing.pdf");
  EXPECT_EQ(c.outcome, Outcome::failed);
  EXPECT_TRUE(Archive(m_options.data.archive()).list().empty());
}

TEST_F(IngesterTest, AnArchivedRecordMissingFromTheIndexIsIndexedOnTheNextRun) {
  const std::string sample = test::source_path("samples/mou-kanwil-universitas.pdf");
  {
    Ingester ingester(m_options);
    ASSERT_EQ(ingester.ingest_file(sample).outcome, Outcome::ingested);
  }
  fs::remove_all(m_options.data.index());  // as if killed before indexing
  Ingester ingester(m_options);
  EXPECT_EQ(ingester.ingest_file(sample).outcome, Outcome::present);
  EXPECT_EQ(index::open_for_search(m_options.data.index())->get_doccount(), 1u);
}

TEST_F(IngesterTest, WaitsForAnotherWriterThenFailsClearly) {
  const std::string sample = test::source_path("samples/mou-kanwil-universitas.pdf");
  auto lock = index::WriteLock::acquire(m_options.data.index(), std::chrono::seconds(1));
  ASSERT_TRUE(lock.has_value());
  Ingester ingester(m_options);
  const FileResult r = ingester.ingest_file(sample);
  EXPECT_EQ(r.outcome, Outcome::failed);
  EXPECT_EQ(r.error->code, "index.locked");
  // The archive has it all the same; the next run indexes it.
  EXPECT_TRUE(Archive(m_options.data.archive()).has_record(r.sha256));
}

TEST(CollectFiles, WalksFoldersSortedAndSkipsUnfinishedAndHiddenNames) {
  const std::string dir = test::temp_folder("collect");
  fs::create_directories(dir + "/b/sub");
  fs::create_directories(dir + "/.hidden");
  for (const char* name : {"b/sub/z.pdf", "b/a.tif", "c.jpg", "x.pdf.part", ".~lock", "~$doc.pdf",
                           "y.crdownload", ".hidden/h.pdf"}) {
    std::ofstream(dir + "/" + name) << "x";
  }
  const auto files = collect_files({dir, dir + "/nope.pdf"});
  EXPECT_EQ(files, (std::vector<Found>{{dir + "/b/a.tif", dir},
                                       {dir + "/b/sub/z.pdf", dir},
                                       {dir + "/c.jpg", dir},
                                       {dir + "/nope.pdf", ""}}));
  fs::remove_all(dir);
}

TEST(CollectFiles, LinksAndPipesInAFolderAreListedToBeRefusedNotFollowed) {
  const std::string dir = test::temp_folder("collect-links");
  const std::string outside = test::temp_folder("collect-outside");
  std::ofstream(outside + "/secret.pdf") << "%PDF-1.4 rahasia";
  fs::create_directories(dir + "/in");
  fs::create_symlink(outside + "/secret.pdf", dir + "/link.pdf");
  fs::create_directory_symlink(outside, dir + "/linked-folder");
  ASSERT_EQ(::mkfifo((dir + "/in/pipe.pdf").c_str(), 0644), 0);
  const auto files = collect_files({dir});
  EXPECT_EQ(files, (std::vector<Found>{{dir + "/in/pipe.pdf", dir},
                                       {dir + "/link.pdf", dir},
                                       {dir + "/linked-folder", dir}}));
  // Each is refused with its reason; nothing from outside reaches the archive.
  Options options;
  options.data = DataDir{test::temp_folder("collect-data")};
  Ingester ingester(options, [](const std::string&, const std::string&, std::string_view) {
    return Result<AgreementRecord>(tl::unexpected(Error{"test.unreachable", "not to be read", ""}));
  });
  EXPECT_EQ(ingester.ingest_file(files[0].path, std::nullopt, dir).error->code, "input.not-a-file");
  EXPECT_EQ(ingester.ingest_file(files[1].path, std::nullopt, dir).error->code, "input.symlink");
  EXPECT_EQ(ingester.ingest_file(files[2].path, std::nullopt, dir).error->code, "input.symlink");
  EXPECT_FALSE(fs::exists(options.data.archive()) && !fs::is_empty(options.data.archive()));
  for (const auto& f : {dir, outside, options.data.root}) fs::remove_all(f);
}

}  // namespace
}  // namespace naskah::ingest
