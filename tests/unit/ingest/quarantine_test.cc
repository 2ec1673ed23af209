#include "naskah/ingest/quarantine.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "naskah/ingest/watcher.h"
#include "sample_records.h"
#include "test_support.h"

namespace naskah::ingest {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;

class QuarantineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = test::temp_folder("quarantine");
    fs::create_directories(m_dir + "/inbox");
  }
  void TearDown() override { fs::remove_all(m_dir); }
  std::string put(const std::string& name, const std::string& bytes) {
    const std::string path = m_dir + "/inbox/" + name;
    std::ofstream(path) << bytes;
    return path;
  }
  std::string m_dir;
};

TEST_F(QuarantineTest, MovesTheFileAndWritesTheReasonInBothLanguages) {
  const std::string path = put("surat.pdf", "<html>not found</html>");
  const Error error{"input.unsupported-type", "this is a web page, not a scan", path};
  auto moved = quarantine(m_dir + "/failed", path, error, "abc123");
  ASSERT_TRUE(moved.has_value()) << moved.error().message;
  EXPECT_FALSE(fs::exists(path)) << "moved, not copied";
  EXPECT_EQ(moved->file, m_dir + "/failed/surat.pdf");
  EXPECT_EQ(test::read_text(moved->file), "<html>not found</html>");
  const json report = json::parse(test::read_text(moved->report));
  EXPECT_EQ(report.at("code"), "input.unsupported-type");
  EXPECT_EQ(report.at("message").at("en"), "this is a web page, not a scan");
  EXPECT_EQ(report.at("message").at("id"), "Jenis berkas tidak didukung.");
  EXPECT_FALSE(report.at("action").at("id").get<std::string>().empty());
  EXPECT_FALSE(report.at("action").at("en").get<std::string>().empty());
  EXPECT_EQ(report.at("sha256"), "abc123");
  EXPECT_EQ(report.at("file"), path);
  EXPECT_FALSE(report.at("time").get<std::string>().empty());
}

TEST_F(QuarantineTest, ASecondFileOfTheSameNameGetsANewName) {
  const Error error{"input.empty", "the file is empty", ""};
  ASSERT_TRUE(quarantine(m_dir + "/failed", put("a.pdf", ""), error, "").has_value());
  auto second = quarantine(m_dir + "/failed", put("a.pdf", ""), error, "");
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->file, m_dir + "/failed/a (2).pdf");
  EXPECT_TRUE(fs::exists(m_dir + "/failed/a.pdf"));
  EXPECT_TRUE(fs::exists(m_dir + "/failed/a (2).pdf.error.json"));
}

TEST_F(QuarantineTest, ALinkIsMovedItselfAndItsTargetIsNeverTouched) {
  const std::string target = m_dir + "/outside.pdf";
  std::ofstream(target) << "%PDF-1.4 not for the archive";
  const std::string link = m_dir + "/inbox/link.pdf";
  fs::create_symlink(target, link);
  const Error error{"input.symlink", "a link", link};
  auto moved = quarantine(m_dir + "/failed", link, error, "");
  ASSERT_TRUE(moved.has_value()) << moved.error().message;
  EXPECT_TRUE(fs::is_symlink(moved->file));
  EXPECT_EQ(fs::read_symlink(moved->file), target);
  EXPECT_EQ(test::read_text(target), "%PDF-1.4 not for the archive");
  const json report = json::parse(test::read_text(moved->report));
  EXPECT_EQ(report.at("message").at("id").get<std::string>().find("tautan") != std::string::npos,
            true);
  // Nothing temporary stays in failed/.
  for (const auto& e : fs::directory_iterator(m_dir + "/failed")) {
    EXPECT_NE(e.path().filename().string().front(), '.') << e.path();
  }
}

TEST_F(QuarantineTest, ANameThatIsNotUtf8IsKeptOnDiskAndShownEscaped) {
  const std::string path = put("surat\xff\xfe.pdf", "x");
  auto moved = quarantine(m_dir + "/failed", path, {"input.unsupported-type", "no", path}, "");
  ASSERT_TRUE(moved.has_value()) << moved.error().message;
  EXPECT_EQ(moved->file, m_dir + "/failed/surat\xff\xfe.pdf");
  EXPECT_TRUE(fs::exists(moved->file));
  const json report = json::parse(test::read_text(moved->report));
  EXPECT_EQ(report.at("file"), m_dir + "/inbox/surat\\xff\\xfe.pdf");
}

TEST_F(QuarantineTest, AnUnknownCodeStillGetsAdvice) {
  const json report = error_report({"something.new", "odd", ""}, "x.pdf", "");
  EXPECT_FALSE(report.at("action").at("id").get<std::string>().empty());
  EXPECT_TRUE(report.at("sha256").is_null());
}

TEST(OfficeOf, TheFirstSubFolderOfTheInboxNamesTheOffice) {
  EXPECT_EQ(office_of("/d/inbox", "/d/inbox/Kanwil Jateng/x.pdf"), "Kanwil Jateng");
  EXPECT_EQ(office_of("/d/inbox", "/d/inbox/Kanwil Jateng/2024/x.pdf"), "Kanwil Jateng");
  EXPECT_EQ(office_of("/d/inbox", "/d/inbox/x.pdf"), std::nullopt);
  EXPECT_EQ(office_of("/d/inbox", "/elsewhere/x.pdf"), std::nullopt);
}

}  // namespace
}  // namespace naskah::ingest
