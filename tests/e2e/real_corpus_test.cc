// The parser on real signed agreements that no one here wrote (../shared/corpus/real, read by
// a person): score.py runs the real `naskah extract --json` on each and must find the issue's
// bars. Also the eight real Undiksha scans (external/indonesian), whose facts are not given:
// each gets a kind and a signing date, or is flagged for a person to check.
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace naskah {
namespace {

namespace fs = std::filesystem;

TEST(RealCorpus, ScoresTheBarsOfRealAgreements) {
  if (!test::have_shared()) GTEST_SKIP() << "no ../shared/corpus";
  // OCR of 51 pages: minutes under the sanitizers, which the unit tests cover for this code.
  if (test::under_sanitizer()) GTEST_SKIP() << "OCR of the real scans is slow under ASan";
  const fs::path out = fs::temp_directory_path() / ("naskah-real-score-" + std::to_string(getpid()) + ".json");
  const auto r = test::run({"/usr/bin/python3", test::shared_path("corpus/score.py"), "--corpus",
                            test::shared_path("corpus/real"), "--cmd",
                            std::string(NASKAH_BINARY) + " --quiet extract --json", "--text", "off",
                            "--jobs", "2", "--out", out.string()},
                           900);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto report = nlohmann::json::parse(test::read_text(out.string()));
  fs::remove(out);
  const auto& overall = report["overall"];
  const auto& fields = report["fields"];
  EXPECT_GE(overall["f1"].get<double>(), 0.90) << r.out;
  EXPECT_GE(overall["precision"].get<double>(), 0.95) << r.out;
  EXPECT_GE(fields["signed_date"]["f1"].get<double>(), 0.95) << r.out;
  EXPECT_EQ(fields["doc_type"]["tp"].get<int>(), 10) << r.out;
}

TEST(RealCorpus, UndikshaScansGetAKindAndASigningDateOrAreFlagged) {
  if (!test::have_shared()) GTEST_SKIP() << "no ../shared/corpus";
  if (test::under_sanitizer()) GTEST_SKIP() << "OCR of the real scans is slow under ASan";
  const std::string folder = test::shared_path("corpus/external/indonesian");
  int scans = 0;
  for (const std::string& file : test::list_files(folder)) {
    const std::string name = fs::path(file).filename().string();
    if (!name.starts_with("undiksha-") || !name.ends_with(".pdf")) continue;
    ++scans;
    const auto r = test::run_naskah({"--quiet", "extract", "--json", file}, 300);
    ASSERT_EQ(r.exit_code, 0) << name << ": " << r.err;
    const auto record = nlohmann::json::parse(r.out);
    // The file name says the kind: "-mou-", "-pks-", and an SPK (surat perjanjian kerja sama).
    const std::string expected = name.find("-mou-") != std::string::npos ? "mou" : "pks";
    const bool flagged = !record["needs_review"].empty();
    EXPECT_TRUE(record["doc_type"] == expected || flagged) << name << ": " << record["doc_type"];
    EXPECT_TRUE(!record["signed_date"].is_null() || flagged) << name;
    if (record["signed_date"].is_null()) {
      bool asks = false;
      for (const auto& f : record["needs_review"]) asks = asks || f["field"] == "signed_date";
      EXPECT_TRUE(asks) << name << ": no signing date and no flag for it";
    }
  }
  EXPECT_EQ(scans, 8);
}

}  // namespace
}  // namespace naskah
