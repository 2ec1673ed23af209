#include "naskah/search/report.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "naskah/index/store.h"
#include "sample_records.h"

namespace naskah::search {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

TEST(Report, ListsExpiringExpiredAndSuspicious) {
  const std::string dir = test::temp_folder("report") + "/index";
  {
    auto writer = index::Writer::open(dir, 1s);
    auto put = [&](const AgreementRecord& r) { ASSERT_TRUE(writer->put(r)); };
    put(test::make_record("soon", "pks", "Soon", {"A"}, {"1"}, "2021-01-04", "2024-07-01"));
    put(test::make_record("later", "pks", "Later", {"A"}, {"2"}, "2021-01-04", "2024-08-15"));
    put(test::make_record("ended", "mou", "Ended", {"B"}, {"3"}, "2019-01-02", "2022-01-01"));
    put(test::make_record("far", "mou", "Far", {"C"}, {"4"}, "2021-01-04", "2030-01-01"));
    put(test::make_record("bare", "pks", "Bare", {}, {}, "", ""));
    put(test::make_record("dup1", "pks", "Dup", {"D"}, {"9/2020"}, "2020-02-03", "2030-01-01"));
    put(test::make_record("dup2", "pks", "Dup", {"D"}, {"9/2020"}, "2020-02-03", "2030-01-01"));
    ASSERT_TRUE(writer->commit());
  }
  Searcher searcher(dir);
  auto report = make_report(searcher, "2024-06-01", 90);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  std::vector<std::string> expiring;
  for (const auto& row : report->expiring) expiring.push_back(*row.record.title);
  EXPECT_EQ(expiring, (std::vector<std::string>{"Soon", "Later"}));
  ASSERT_EQ(report->expired.size(), 1u);
  EXPECT_EQ(*report->expired[0].record.title, "Ended");
  ASSERT_EQ(report->suspicious.size(), 3u);
  EXPECT_EQ(*report->suspicious[0].record.title, "Bare");
  EXPECT_EQ(report->suspicious[0].reasons,
            (std::vector<std::string>{"no-number", "no-parties", "no-signed-date"}));
  EXPECT_EQ(report->suspicious[1].reasons, std::vector<std::string>{"duplicate"});

  const std::string csv = to_csv(*report);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "list,id,doc_type,title,parties,numbers,signed_date,end_date,effective_end_date,"
            "status,reasons,alasan");
  EXPECT_NE(csv.find("Pihak tidak ditemukan"), std::string::npos) << csv;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 2 + 1 + 3);
  const auto json = to_json(*report);
  EXPECT_EQ(json.at("expiring").size(), 2u);
  EXPECT_EQ(json.at("today"), "2024-06-01");
  // Each reason with its check code and both languages (core/checks.h).
  const auto& checks = json.at("suspicious")[0].at("checks");
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_EQ(checks[0].at("code"), "check.missing");
  EXPECT_EQ(checks[0].at("field"), "numbers");
  EXPECT_EQ(checks[0].at("reason").at("id"), "Nomor naskah tidak ditemukan");
  EXPECT_EQ(checks[0].at("reason").at("en"), "No agreement number found");
  EXPECT_FALSE(make_report(searcher, "June 1", 90).has_value());
  fs::remove_all(fs::path(dir).parent_path());
}

}  // namespace
}  // namespace naskah::search
