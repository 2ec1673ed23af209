#include "naskah/core/file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>

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

TEST_F(ReadFile, TakeFileFollowsNoLinkOnTheWayOrAtTheEnd) {
  const std::string base = (m_dir / "inbox").string();
  std::filesystem::create_directories(base + "/kanwil");
  const std::string outside = write("outside.pdf", "%PDF-1.4 outside");
  std::filesystem::create_symlink(outside, base + "/link.pdf");
  std::filesystem::create_symlink(base + "/nowhere.pdf", base + "/dangling.pdf");
  std::filesystem::create_directory_symlink(m_dir, base + "/linked");
  std::ofstream(base + "/kanwil/ok.pdf") << "%PDF-1.4 ok";
  auto ok = take_file(base, base + "/kanwil/ok.pdf", 100);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->bytes, "%PDF-1.4 ok");
  EXPECT_EQ(ok->stamp, stamp_of(base + "/kanwil/ok.pdf"));
  for (const char* name :
       {"/link.pdf", "/dangling.pdf", "/linked/outside.pdf", "/linked", "/kanwil/../link.pdf"}) {
    auto r = take_file(base, base + name, 100);
    ASSERT_FALSE(r) << name;
    EXPECT_EQ(r.error().code, "input.symlink") << name;
    EXPECT_TRUE(r.error().is_refusal());
  }
  // Named by an operator (no base), a link is followed as before.
  EXPECT_TRUE(take_file("", base + "/link.pdf", 100));
}

TEST_F(ReadFile, PipesAndDevicesAreNeverOpened) {
  const std::string base = m_dir.string();
  ASSERT_EQ(::mkfifo((base + "/pipe.pdf").c_str(), 0644), 0);
  // No writer ever comes: opening the pipe for reading would block for good.
  auto pipe = take_file(base, base + "/pipe.pdf", 100);
  ASSERT_FALSE(pipe);
  EXPECT_EQ(pipe.error().code, "input.not-a-file");
  EXPECT_EQ(read_file(base + "/pipe.pdf", 100).error().code, "input.not-a-file");
  auto device = take_file("/dev", "/dev/zero", 100);
  ASSERT_FALSE(device);
  EXPECT_EQ(device.error().code, "input.not-a-file");
}

TEST_F(ReadFile, AFileStillOpenForWritingIsNotTaken) {
  const std::string path = write("growing.pdf", "%PDF-1.4 first half");
  {
    std::ofstream writer(path, std::ios::app);  // a copy that paused, its file still open
    auto r = take_file(m_dir.string(), path, 1000);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "file.changed");
    EXPECT_FALSE(r.error().is_refusal()) << "taken again later, not refused";
    writer << " and the rest";
  }
  auto whole = take_file(m_dir.string(), path, 1000);
  ASSERT_TRUE(whole) << whole.error().message;
  EXPECT_EQ(whole->bytes, "%PDF-1.4 first half and the rest");
}

TEST(Printable, KeepsUtf8AndEscapesWhatIsNot) {
  EXPECT_EQ(printable("Perjanjian Kerja Sama.pdf"), "Perjanjian Kerja Sama.pdf");
  EXPECT_EQ(printable("Sel\xC3\xA9sai \xE2\x80\x94 ok"), "Sel\xC3\xA9sai \xE2\x80\x94 ok");
  EXPECT_EQ(printable("bad\xff\xfe.pdf"), "bad\\xff\\xfe.pdf");
  EXPECT_EQ(printable("x\nINFO forged line"), "x\\x0aINFO forged line");
  EXPECT_EQ(printable("\xC3"), "\\xc3");                    // cut short
  EXPECT_EQ(printable("\xC0\xAF"), "\\xc0\\xaf");           // an overlong '/'
  EXPECT_EQ(printable("\xED\xA0\x80"), "\\xed\\xa0\\x80");  // a surrogate
}

TEST_F(ReadFile, SavingUnderATakenNameNeverReplacesAFile) {
  const std::string folder = m_dir.string();
  write("scan.pdf", "first");
  write("scan (2).pdf", "second");
  const std::string temp = write(".incoming", "third");
  auto name = rename_to_free_name(temp, folder, "scan.pdf");
  ASSERT_TRUE(name) << name.error().message;
  EXPECT_EQ(*name, "scan (3).pdf");
  EXPECT_EQ(numbered_name("README", 2), "README (2)");
  EXPECT_EQ(numbered_name(".hidden", 2), ".hidden (2)");
  std::ifstream first(folder + "/scan.pdf");
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(first), {}), "first");
  EXPECT_EQ(rename_no_replace(folder + "/scan (3).pdf", folder + "/scan.pdf"), EEXIST);
}

TEST(SafeFileName, OneComponentValidUtf8NothingHidden) {
  EXPECT_EQ(safe_file_name("scan.pdf"), "scan.pdf");
  EXPECT_EQ(safe_file_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(safe_file_name("C:\\Users\\x\\scan.pdf"), "scan.pdf");
  EXPECT_EQ(safe_file_name("a<b>c:d\"e|f?g*h.pdf"), "a_b_c_d_e_f_g_h.pdf");
  EXPECT_EQ(safe_file_name("tab\there\n.pdf"), "tab_here_.pdf");
  EXPECT_EQ(safe_file_name("bad\xFFutf8.pdf"), "bad_utf8.pdf");
  EXPECT_EQ(safe_file_name("Perjanjian \xE2\x80\x93 2021.pdf"), "Perjanjian \xE2\x80\x93 2021.pdf");
  EXPECT_EQ(safe_file_name("  name.pdf. . "), "name.pdf");
  for (const char* refused : {"", ".", "..", "../", ".hidden", "   ", "a/..", "x/.git"}) {
    EXPECT_EQ(safe_file_name(refused), "") << refused;
  }
  const std::string long_name = std::string(300, 'a') + ".pdf";
  const std::string cut = safe_file_name(long_name);
  EXPECT_EQ(cut.size(), 200u);
  EXPECT_TRUE(cut.ends_with(".pdf"));
  // Never cut inside a UTF-8 sequence.
  std::string accents;
  for (int i = 0; i < 150; ++i) accents += "\xC3\xA9";
  const std::string cut_accents = safe_file_name(accents + ".pdf");
  EXPECT_LE(cut_accents.size(), 200u);
  EXPECT_EQ(safe_file_name(cut_accents), cut_accents);  // still valid UTF-8
}

}  // namespace
}  // namespace naskah
