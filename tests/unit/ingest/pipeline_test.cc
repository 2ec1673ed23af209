#include "naskah/ingest/pipeline.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "naskah/extract/parser.h"
#include "naskah/index/store.h"
#include "sample_records.h"
#include "test_support.h"

namespace naskah::ingest {
namespace {
namespace fs = std::filesystem;

// A file an operator named: read as named, left where it is.
Submission named(const std::string& path) {
  return {path, {}, std::nullopt, false};
}

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = test::temp_folder("pipeline");
    m_options.data = DataDir{m_dir + "/data"};
    m_options.extract.workers = 1;
    m_options.lock_timeout = std::chrono::milliseconds(200);
  }
  void TearDown() override { fs::remove_all(m_dir); }
  std::string m_dir;
  Options m_options;
};

TEST_F(PipelineTest, ArchivesAndIndexesAFileOnceByContent) {
  const std::string sample = test::source_path("samples/mou-kanwil-universitas.pdf");
  const std::string copy = m_dir + "/copy.pdf";
  fs::copy_file(sample, copy);
  Pipeline pipeline(m_options);
  const FileResult first = pipeline.submit(named(sample));
  ASSERT_EQ(first.outcome, Outcome::ingested) << (first.error ? first.error->message : "");
  EXPECT_EQ(first.stage, Stage::index);
  EXPECT_EQ(first.pages, 2);
  EXPECT_EQ(first.where, "") << "an operator's own file stays where it is";
  EXPECT_TRUE(fs::exists(sample));
  const FileResult again = pipeline.submit(named(copy));  // same bytes, other name
  EXPECT_EQ(again.outcome, Outcome::present);
  EXPECT_EQ(again.sha256, first.sha256);

  const Archive archive(m_options.data.archive());
  EXPECT_EQ(archive.list(), std::vector<std::string>{first.sha256});
  auto stored = archive.load(first.sha256);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->provenance.at("parser_version"), extract::k_parser_version);
  EXPECT_TRUE(
      stored->provenance.at("ocr").at("engine").get<std::string>().starts_with("tesseract"));
  auto db = index::open_for_search(m_options.data.index());
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ(db->get_doccount(), 1u);
}

TEST_F(PipelineTest, RefusedFilesSayWhyAndLeaveNoTrace) {
  const std::string empty = m_dir + "/empty.pdf";
  std::ofstream{empty};
  const std::string text = m_dir + "/notes.txt";
  std::ofstream(text) << "not a scan";
  Pipeline pipeline(m_options);
  const FileResult a = pipeline.submit(named(empty));
  EXPECT_EQ(a.outcome, Outcome::refused);
  EXPECT_EQ(a.error->code, "input.empty");
  EXPECT_EQ(a.stage, Stage::take);
  const FileResult b = pipeline.submit(named(text));
  EXPECT_EQ(b.outcome, Outcome::refused);
  EXPECT_EQ(b.error->code, "input.unsupported-type");
  EXPECT_EQ(b.stage, Stage::extract);
  const FileResult c = pipeline.submit(named(m_dir + "/missing.pdf"));
  EXPECT_EQ(c.outcome, Outcome::failed);
  EXPECT_EQ(c.stage, Stage::take);
  EXPECT_TRUE(Archive(m_options.data.archive()).list().empty());
}

TEST_F(PipelineTest, AnArchivedRecordMissingFromTheIndexIsIndexedOnTheNextRun) {
  const std::string sample = test::source_path("samples/mou-kanwil-universitas.pdf");
  {
    Pipeline pipeline(m_options);
    ASSERT_EQ(pipeline.submit(named(sample)).outcome, Outcome::ingested);
  }
  fs::remove_all(m_options.data.index());  // as if killed before indexing
  Pipeline pipeline(m_options);
  EXPECT_EQ(pipeline.submit(named(sample)).outcome, Outcome::present);
  EXPECT_EQ(index::open_for_search(m_options.data.index())->get_doccount(), 1u);
}

TEST_F(PipelineTest, WaitsForAnotherWriterThenFailsClearly) {
  const std::string sample = test::source_path("samples/mou-kanwil-universitas.pdf");
  auto lock = index::WriteLock::acquire(m_options.data.index(), std::chrono::seconds(1));
  ASSERT_TRUE(lock.has_value());
  Pipeline pipeline(m_options);
  const FileResult r = pipeline.submit(named(sample));
  EXPECT_EQ(r.outcome, Outcome::failed);
  EXPECT_EQ(r.error->code, "index.locked");
  EXPECT_EQ(r.stage, Stage::index);
  // The archive has it all the same; the next run indexes it.
  EXPECT_TRUE(Archive(m_options.data.archive()).has_record(r.sha256));
}

// An extract stage that makes a record from the bytes themselves (no OCR): "%PDF key".
ExtractFn fake_extract() {
  return [](const std::string&, std::string_view bytes) -> Result<AgreementRecord> {
    if (bytes.find("throw") != std::string_view::npos) throw std::runtime_error("boom");
    if (!bytes.starts_with("%PDF")) {
      return tl::unexpected(Error{codes::k_input_unsupported, "not a PDF", ""});
    }
    AgreementRecord record = test::make_record(std::string(bytes), "pks", "Kerja sama",
                                               {"Kantor Wilayah", "Universitas"}, {"1/PKS/2024"},
                                               "2024-01-02", "2026-01-02");
    record.source.mime = "application/pdf";
    return record;
  };
}

TEST_F(PipelineTest, AFileToPutAwayLeavesItsFolderArchivedOrRefusedWithItsStage) {
  const std::string inbox = m_dir + "/inbox";
  fs::create_directories(inbox);
  std::ofstream(inbox + "/good.pdf") << "%PDF good";
  std::ofstream(inbox + "/bad.pdf") << "GIF89a";
  Pipeline pipeline(m_options, fake_extract());

  const FileResult good = pipeline.submit({inbox + "/good.pdf", inbox, "Kanwil Bali", true});
  EXPECT_EQ(good.outcome, Outcome::ingested);
  EXPECT_EQ(good.stage, Stage::put_away);
  EXPECT_EQ(good.where, "archive");
  EXPECT_FALSE(fs::exists(inbox + "/good.pdf"));
  auto stored = Archive(m_options.data.archive()).load(good.sha256);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->record.office, "Kanwil Bali");
  EXPECT_EQ(stored->record.sha256, good.sha256) << "the id is the hash of the bytes taken";

  const FileResult bad = pipeline.submit({inbox + "/bad.pdf", inbox, std::nullopt, true});
  EXPECT_EQ(bad.outcome, Outcome::refused);
  EXPECT_EQ(bad.stage, Stage::extract) << "the stage that refused it, not where it went";
  EXPECT_EQ(bad.where, m_options.data.failed() + "/bad.pdf");
  EXPECT_TRUE(fs::exists(m_options.data.failed() + "/bad.pdf.error.json"));
  EXPECT_FALSE(fs::exists(inbox + "/bad.pdf"));
}

TEST_F(PipelineTest, WhatAStageThrowsIsThatStagesOutcomeAndTheFileStays) {
  const std::string inbox = m_dir + "/inbox";
  fs::create_directories(inbox);
  std::ofstream(inbox + "/odd.pdf") << "%PDF throw";
  Pipeline pipeline(m_options, fake_extract());
  const FileResult r = pipeline.submit({inbox + "/odd.pdf", inbox, std::nullopt, true});
  EXPECT_EQ(r.outcome, Outcome::failed);
  EXPECT_EQ(r.stage, Stage::extract);
  EXPECT_EQ(r.error->code, codes::k_internal);
  EXPECT_NE(r.error->message.find("boom"), std::string::npos) << r.error->message;
  EXPECT_TRUE(fs::exists(inbox + "/odd.pdf")) << "a failure not of the file's making: kept";
  EXPECT_TRUE(Archive(m_options.data.archive()).list().empty());
}

TEST_F(PipelineTest, AFileWrittenAgainAfterItWasReadStaysToBeReadAgain) {
  const std::string inbox = m_dir + "/inbox";
  fs::create_directories(inbox);
  const std::string path = inbox + "/growing.pdf";
  std::ofstream(path) << "%PDF first half";
  // The extract stage runs while a slow writer adds the rest.
  Pipeline pipeline(m_options, [&](const std::string& shown, std::string_view bytes) {
    std::ofstream(path, std::ios::app) << " and the second half";
    return fake_extract()(shown, bytes);
  });
  const FileResult r = pipeline.submit({path, inbox, std::nullopt, true});
  EXPECT_EQ(r.where, "");
  EXPECT_TRUE(fs::exists(path)) << "not removed: what is there now was never archived";
  EXPECT_EQ(test::read_text(path), "%PDF first half and the second half");
}

TEST_F(PipelineTest, LanesRunSideBySideAndShareTheIndexWriter) {
  constexpr int k_lanes = 3;
  constexpr int k_files = 12;
  m_options.lanes = k_lanes;
  m_options.lock_timeout = std::chrono::seconds(30);
  std::atomic<int> inside{0};
  std::atomic<int> most{0};
  Pipeline pipeline(m_options, [&](const std::string& shown, std::string_view bytes) {
    const int now = ++inside;
    for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    --inside;
    return fake_extract()(shown, bytes);
  });
  std::vector<std::string> paths;
  for (int i = 0; i < k_files; ++i) {
    paths.push_back(m_dir + "/f" + std::to_string(i) + ".pdf");
    std::ofstream(paths.back()) << "%PDF file " << i;
  }
  std::vector<std::thread> threads;
  std::atomic<int> ingested{0};
  for (int t = 0; t < k_lanes + 2; ++t) {  // more submitters than lanes: some wait for one
    threads.emplace_back([&, t] {
      for (int i = t; i < k_files; i += k_lanes + 2) {
        if (pipeline.submit(named(paths[static_cast<std::size_t>(i)])).outcome ==
            Outcome::ingested) {
          ++ingested;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(ingested, k_files);
  EXPECT_EQ(most, k_lanes) << "never more files in hand than lanes";
  EXPECT_EQ(index::open_for_search(m_options.data.index())->get_doccount(),
            static_cast<unsigned>(k_files));
}

TEST(DropInto, AnUploadGetsASafeFreeNameTheInboxTakes) {
  const std::string inbox = test::temp_folder("drop-into");
  auto first = drop_into(inbox, "%PDF a", "../../etc/Surat Kerja Sama.pdf", ".pdf");
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(*first, "Surat Kerja Sama.pdf");
  EXPECT_EQ(*drop_into(inbox, "%PDF b", "Surat Kerja Sama.pdf", ".pdf"),
            "Surat Kerja Sama (2).pdf");
  EXPECT_EQ(*drop_into(inbox, "%PDF c", ".hidden", ".pdf"), "hidden.pdf");
  EXPECT_EQ(*drop_into(inbox, "%PDF d", "scan.pdf.part", ".pdf"), "scan.pdf.part.pdf");
  EXPECT_EQ(*drop_into(inbox, "%PDF e", "", ".tif"), "upload.tif");
  for (const Found& f : collect_files({inbox}))
    EXPECT_FALSE(ignored_name(fs::path(f.path).filename()));
  EXPECT_EQ(collect_files({inbox}).size(), 5u)
      << "each one a file the inbox takes, no temporary left";
  EXPECT_EQ(test::read_text(inbox + "/Surat Kerja Sama.pdf"), "%PDF a");
  fs::remove_all(inbox);
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
  Pipeline pipeline(options, [](const std::string&, std::string_view) {
    return Result<AgreementRecord>(tl::unexpected(Error{"test.unreachable", "not to be read", ""}));
  });
  EXPECT_EQ(pipeline.submit({files[0].path, dir, std::nullopt, false}).error->code,
            "input.not-a-file");
  EXPECT_EQ(pipeline.submit({files[1].path, dir, std::nullopt, false}).error->code,
            "input.symlink");
  EXPECT_EQ(pipeline.submit({files[2].path, dir, std::nullopt, false}).error->code,
            "input.symlink");
  EXPECT_FALSE(fs::exists(options.data.archive()) && !fs::is_empty(options.data.archive()));
  for (const auto& f : {dir, outside, options.data.root}) fs::remove_all(f);
}

}  // namespace
}  // namespace naskah::ingest
