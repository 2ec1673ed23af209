#include "naskah/core/file.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace naskah {
namespace {

class ReadFile : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = std::filesystem::temp_directory_path() /
            ("naskah-file-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(m_dir);
  }
  void TearDown() override { std::filesystem::remove_all(m_dir); }
  std::string write(const std::string& name, const std::string& bytes) {
    const auto path = (m_dir / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  std::filesystem::path m_dir;
};

TEST_F(ReadFile, ReadsEveryByte) {
  const std::string bytes("%PDF-1.4\0\xff", 10);
  auto r = read_file(write("a.pdf", bytes), 100);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, bytes);
}

TEST_F(ReadFile, EmptyFileIsRefused) {
  auto r = read_file(write("empty.pdf", ""), 100);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "input.empty");
}

TEST_F(ReadFile, TooLargeIsRefusedBeforeReading) {
  auto r = read_file(write("big.pdf", std::string(101, 'x')), 100);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "input.too-large");
}

TEST_F(ReadFile, MissingFileAndFolderAreUnreadable) {
  auto missing = read_file((m_dir / "nope.pdf").string(), 100);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "input.unreadable");
  auto folder = read_file(m_dir.string(), 100);
  ASSERT_FALSE(folder);
  EXPECT_EQ(folder.error().code, "input.unreadable");
}

using WriteFileAtomic = ReadFile;

TEST_F(WriteFileAtomic, WritesOrReplacesWholeAndLeavesNoTemporaryFile) {
  const std::string path = (m_dir / "record.json").string();
  ASSERT_TRUE(write_file_atomic(path, "first").has_value());
  ASSERT_TRUE(write_file_atomic(path, "second, longer").has_value());
  EXPECT_EQ(*read_file(path, 100), "second, longer");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(m_dir),
                          std::filesystem::directory_iterator()), 1);
}

TEST_F(WriteFileAtomic, AMissingFolderIsAClearError) {
  const auto result = write_file_atomic((m_dir / "no/such/folder/x").string(), "x");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, "io.write");
  EXPECT_NE(result.error().message.find("No such file"), std::string::npos);
}

}  // namespace
}  // namespace naskah
