#include "naskah/core/audit.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "sample_records.h"
#include "test_support.h"

namespace naskah {
namespace {
namespace fs = std::filesystem;

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override { m_dir = test::temp_folder("audit") + "/audit"; }
  void TearDown() override { fs::remove_all(fs::path(m_dir).parent_path()); }

  void write(int n) {
    AuditLog log(m_dir);
    for (int i = 0; i < n; ++i) {
      AuditEvent event{audit::k_view, "vera", "id-" + std::to_string(i), "10.0.0.7", {}};
      event.details["page"] = i;
      ASSERT_TRUE(log.append(event));
    }
  }
  // The one month file written (the tests run within a month... or two, at midnight).
  std::string month_file() const {
    for (const auto& e : fs::directory_iterator(m_dir)) {
      if (e.path().filename().string().starts_with("audit-")) return e.path().string();
    }
    return {};
  }
  std::vector<std::string> lines() const {
    std::ifstream in(month_file());
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }
  void rewrite(const std::vector<std::string>& lines) const {
    std::ofstream out(month_file(), std::ios::trunc);
    for (const auto& line : lines) out << line << '\n';
  }
  AuditCheck check() const { return *AuditLog(m_dir).verify(); }

  std::string m_dir;
};

TEST_F(AuditLogTest, AnUntouchedLogIsIntactAndReadsBackInOrder) {
  EXPECT_TRUE(check().intact) << "an empty log";
  write(5);
  const AuditCheck c = check();
  EXPECT_TRUE(c.intact) << c.reason;
  EXPECT_EQ(c.lines, 5u);
  const auto read = AuditLog(m_dir).read();
  ASSERT_TRUE(read.has_value());
  ASSERT_EQ(read->size(), 5u);
  EXPECT_EQ(read->at(0).at("seq"), 1);
  EXPECT_EQ(read->at(4).at("subject"), "id-4");
  EXPECT_EQ(read->at(4).at("who"), "vera");
  EXPECT_EQ(read->at(4).at("details").at("page"), 4);
  EXPECT_EQ(read->at(1).at("prev"), read->at(0).at("hash"));
  EXPECT_TRUE(AuditLog(m_dir).read({"9999-01-01", "", ""})->empty());
}

TEST_F(AuditLogTest, AnEditedLineIsNamed) {
  write(5);
  auto text = lines();
  const auto at = text[2].find("\"vera\"");
  ASSERT_NE(at, std::string::npos);
  text[2].replace(at, 6, "\"adi\"");
  rewrite(text);
  const AuditCheck c = check();
  EXPECT_FALSE(c.intact);
  EXPECT_EQ(c.file, month_file());
  EXPECT_EQ(c.line, 3u);
  EXPECT_NE(c.reason.find("changed"), std::string::npos) << c.reason;
}

TEST_F(AuditLogTest, ADeletedLineIsNamedAlsoTheLast) {
  write(5);
  auto text = lines();
  auto cut = text;
  cut.erase(cut.begin() + 1);  // the second line
  rewrite(cut);
  AuditCheck c = check();
  EXPECT_FALSE(c.intact);
  EXPECT_EQ(c.line, 2u) << "the line after the gap no longer follows";
  EXPECT_NE(c.reason.find("line 2 of the log was removed"), std::string::npos) << c.reason;

  text.pop_back();  // the last line: only the head knows it was there
  rewrite(text);
  c = check();
  EXPECT_FALSE(c.intact);
  EXPECT_EQ(c.line, 5u);
  EXPECT_NE(c.reason.find("missing"), std::string::npos) << c.reason;
  // Appending does not paper over the cut: the chain goes on from the head.
  write(1);
  EXPECT_FALSE(check().intact);
}

TEST_F(AuditLogTest, AppendsFromManyThreadsFormOneChain) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back([this] { write(10); });
  for (auto& t : threads) t.join();
  const AuditCheck c = check();
  EXPECT_TRUE(c.intact) << c.line << ": " << c.reason;
  EXPECT_EQ(c.lines, 40u);
}

}  // namespace
}  // namespace naskah
