// The parser on real signed agreements that no one here wrote (../shared/corpus/real, read by
// a person): score.py runs the real `naskah extract --json` on each and must find the issue's
// bars. Also the eight real Undiksha scans (external/indonesian), whose facts are not given:
// each gets a kind and a signing date, or is flagged for a person to check.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "make_pdf.h"
#include "test_support.h"

namespace naskah {
namespace {

namespace fs = std::filesystem;

TEST(RealCorpus, ScoresTheBarsOfRealAgreements) {
  // Release build only: under ASan its 51 OCRed pages took 130 s of CI's thirty minutes;
  // the sanitizer build reads scans in the dev and hostile corpora's tests. The test material
  // must be there (shared_path says so when it is not).
  if (test::under_sanitizer()) GTEST_SKIP() << "OCR-bound; run in the release build";
  const fs::path out =
      fs::temp_directory_path() / ("naskah-real-score-" + std::to_string(getpid()) + ".json");
  const auto r = test::run({"/usr/bin/python3", test::shared_path("corpus/score.py"), "--corpus",
                            test::shared_path("corpus/real"), "--cmd",
                            std::string(NASKAH_BINARY) + " --quiet extract --json", "--text", "off",
                            "--jobs", "2", "--timeout", "600", "--out", out.string()},
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
  // Release build only: under ASan its eight OCRed scans take four minutes of CI's thirty.
  if (test::under_sanitizer()) GTEST_SKIP() << "OCR-bound; run in the release build";
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


// What the parser doubts reaches the monitoring list: an agreement whose number OCR garbled
// and whose weekday is wrong is listed as suspicious by `naskah report`, with those reasons;
// the record keeps the date, leaves the garbled number out of `numbers` and says why.
TEST(RealCorpus, DoubtfulReadingsAreListedForAPersonToCheck) {
  const fs::path work = fs::temp_directory_path() / ("naskah-review-" + std::to_string(getpid()));
  fs::create_directories(work);
  const std::string pdf = (work / "pks.pdf").string();
  {
    std::ofstream out(pdf, std::ios::binary);
    out << test::make_text_pdf({{
        "PERJANJIAN KERJASAMA", "ANTARA", "LEMBAGA PEMASYARAKATAN PEREMPUAN KELAS IIB BENGKULU",
        "DAN", "UNIVERSITAS BENGKULU", "TENTANG", "PEMBINAAN WARGA BINAAN",
        "NOMOR : WO: PAS. PASto.pk.ot.os - 1205", "NOMOR : 11700/UN.30.7/KS/2020",
        // 26 November 2020 was a Thursday (Kamis), not a Monday (Senin).
        "Pada hari ini Senin tanggal Dua Puluh Enam bulan November tahun Dua Ribu Dua Puluh,",
        "bertempat di Bengkulu, kami yang bertanda tangan di bawah ini:",
        "Perjanjian ini berlaku untuk jangka waktu 2 (dua) tahun sejak ditandatangani."}});
  }
  const auto extracted = test::run_naskah({"--quiet", "extract", "--json", pdf});
  ASSERT_EQ(extracted.exit_code, 0) << extracted.err;
  const auto record = nlohmann::json::parse(extracted.out);
  EXPECT_EQ(record["signed_date"], "2020-11-26");
  EXPECT_EQ(record["numbers"], nlohmann::json::array({"11700/UN.30.7/KS/2020"}));
  EXPECT_LT(record["confidence"]["signed_date"].get<double>(), 0.6);
  bool number_kept_for_review = false;
  for (const auto& f : record["needs_review"]) {
    number_kept_for_review = number_kept_for_review ||
                             (f["code"] == "check.doubtful" && f["field"] == "numbers" &&
                              f["value"] == "WO: PAS. PASto.pk.ot.os - 1205");
  }
  EXPECT_TRUE(number_kept_for_review) << record["needs_review"].dump();

  const std::string data = (work / "data").string();
  const auto ingested = test::run_naskah({"--quiet", "ingest", "--data", data, pdf});
  ASSERT_EQ(ingested.exit_code, 0) << ingested.err;
  const auto report = test::run_naskah({"report", "--data", data, "--format", "json"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const auto listed = nlohmann::json::parse(report.out)["suspicious"];
  ASSERT_EQ(listed.size(), 1U) << report.out;
  EXPECT_EQ(listed[0]["id"], record["sha256"]);
  const auto& reasons = listed[0]["reasons"];
  for (const char* reason : {"doubtful-numbers", "weekday-mismatch-signed_date"}) {
    EXPECT_NE(std::find(reasons.begin(), reasons.end(), reason), reasons.end())
        << reason << " not in " << reasons.dump();
  }
  fs::remove_all(work);
}

}  // namespace
}  // namespace naskah
