#include "parse/dates.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace naskah::extract::parse {
namespace {

// Time allowed for one scan of five pages: a whole agreement's parse must stay well under
// 5 ms. AddressSanitizer makes this code about ten times slower.
#if defined(__SANITIZE_ADDRESS__)
#else
#endif

// The ISO dates found in `text`, in order.
std::vector<std::string> isos(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& m : find_dates(text)) out.push_back(m.date.iso());
  return out;
}

using Strings = std::vector<std::string>;

TEST(DatesCalendar, ValidityAndIso) {
  EXPECT_EQ((Date{2021, 10, 12}).iso(), "2021-10-12");
  EXPECT_EQ((Date{2022, 1, 5}).iso(), "2022-01-05");
  EXPECT_TRUE((Date{2024, 2, 29}).is_valid());
  EXPECT_TRUE((Date{2000, 2, 29}).is_valid());
  EXPECT_FALSE((Date{1900, 2, 29}).is_valid());
  EXPECT_FALSE((Date{2023, 2, 29}).is_valid());
  EXPECT_FALSE((Date{2021, 4, 31}).is_valid());
  EXPECT_FALSE((Date{2021, 13, 1}).is_valid());
  EXPECT_FALSE((Date{2021, 0, 1}).is_valid());
  EXPECT_FALSE((Date{2021, 1, 0}).is_valid());
  EXPECT_FALSE((Date{1899, 12, 31}).is_valid());
  EXPECT_FALSE((Date{2101, 1, 1}).is_valid());
  EXPECT_TRUE((Date{1900, 1, 1}).is_valid());
  EXPECT_TRUE((Date{2100, 12, 31}).is_valid());
}

TEST(DatesCalendar, Weekday) {
  EXPECT_EQ(weekday_of(Date{2021, 10, 12}), 1);  // Selasa
  EXPECT_EQ(weekday_of(Date{2018, 3, 18}), 6);   // Minggu
  EXPECT_EQ(weekday_of(Date{1970, 1, 1}), 3);
  EXPECT_EQ(weekday_of(Date{1900, 1, 1}), 0);
  EXPECT_EQ(weekday_of(Date{2100, 12, 31}), 4);
}

TEST(DatesCalendar, WeekdayAgreesWithStdChrono) {
  using namespace std::chrono;
  for (int y = 1900; y <= 2100; y += 7) {
    for (unsigned m = 1; m <= 12; m += 5) {
      const year_month_day ymd{year{y}, month{m}, day{13}};
      const unsigned iso = weekday{sys_days{ymd}}.iso_encoding();  // 1 = Monday
      EXPECT_EQ(weekday_of(Date{y, static_cast<int>(m), 13}), static_cast<int>(iso) - 1);
    }
  }
}

TEST(DatesCalendar, AddPeriod) {
  EXPECT_EQ(add_period(Date{2021, 10, 12}, 3, 0, 0), (Date{2024, 10, 12}));
  EXPECT_EQ(add_period(Date{2024, 2, 29}, 1, 0, 0), (Date{2025, 2, 28}));
  EXPECT_EQ(add_period(Date{2024, 2, 29}, 4, 0, 0), (Date{2028, 2, 29}));
  EXPECT_EQ(add_period(Date{2021, 1, 31}, 0, 1, 0), (Date{2021, 2, 28}));
  EXPECT_EQ(add_period(Date{2021, 11, 15}, 0, 3, 0), (Date{2022, 2, 15}));
  EXPECT_EQ(add_period(Date{2021, 3, 15}, 0, -3, 0), (Date{2020, 12, 15}));
  EXPECT_EQ(add_period(Date{2021, 12, 31}, 0, 0, 1), (Date{2022, 1, 1}));
  EXPECT_EQ(add_period(Date{2021, 10, 12}, 0, 0, -12), (Date{2021, 9, 30}));
  EXPECT_EQ(add_period(Date{2020, 2, 28}, 0, 0, 1), (Date{2020, 2, 29}));
  EXPECT_EQ(add_period(Date{2021, 10, 12}, 5, 0, -1), (Date{2026, 10, 11}));
  EXPECT_EQ(add_period(Date{2021, 2, 30}, 1, 0, 0), std::nullopt);
  EXPECT_EQ(add_period(Date{2099, 1, 1}, 5, 0, 0), std::nullopt);
  EXPECT_EQ(add_period(Date{2021, 1, 1}, 0, 0, 2000000000), std::nullopt);
}

TEST(DatesFind, Numeric) {
  EXPECT_EQ(isos("12-10-2021"), Strings{"2021-10-12"});
  EXPECT_EQ(isos("tanggal 12/10/2021."), Strings{"2021-10-12"});
  EXPECT_EQ(isos("12.10.2021"), Strings{"2021-10-12"});
  EXPECT_EQ(isos("2021-10-12"), Strings{"2021-10-12"});
  EXPECT_EQ(isos("1/2/2022"), Strings{"2022-02-01"});
  EXPECT_EQ(isos("10/25/2021"), Strings{"2021-10-25"});  // day first impossible
  EXPECT_EQ(isos("31-02-2021 13-13-2021 99-10-2021 29/02/2021"), Strings{});
}

TEST(DatesFind, MonthNames) {
  EXPECT_EQ(isos("12 Oktober 2021"), Strings{"2021-10-12"});
  EXPECT_EQ(isos("1 Jan. 2022"), Strings{"2022-01-01"});
  EXPECT_EQ(isos("02 Juli 2018"), Strings{"2018-07-02"});
  EXPECT_EQ(isos("5 Agt 2020, 6 Agu 2020, 7 Ags 2020, 8 Agustus 2020"),
            (Strings{"2020-08-05", "2020-08-06", "2020-08-07", "2020-08-08"}));
  EXPECT_EQ(isos("9 Sept 2020 dan 10 Sep 2020"), (Strings{"2020-09-09", "2020-09-10"}));
  EXPECT_EQ(isos("17 Mei 2019; 3 Des 2019; 4 Nopember 2019; 1 Pebruari 2019"),
            (Strings{"2019-05-17", "2019-12-03", "2019-11-04", "2019-02-01"}));
  EXPECT_EQ(isos("12-Okt-2021"), Strings{"2021-10-12"});
  EXPECT_EQ(isos("DESEMBER: 31 DESEMBER 2021"), Strings{"2021-12-31"});
}

TEST(DatesFind, English) {
  EXPECT_EQ(isos("12th October 2021"), Strings{"2021-10-12"});
  EXPECT_EQ(isos("October 12, 2021"), Strings{"2021-10-12"});
  EXPECT_EQ(isos("signed on this 1st day of March, 2022"), Strings{"2022-03-01"});
  EXPECT_EQ(isos("Aug. 3rd, 2020 and 22nd May 2021"), (Strings{"2020-08-03", "2021-05-22"}));
  EXPECT_EQ(isos("Februari 14 2010"), Strings{"2010-02-14"});
}

TEST(DatesFind, InWords) {
  const std::string text =
      "Pada hari ini Selasa tanggal dua belas bulan Oktober tahun dua ribu dua puluh satu, "
      "bertempat di Semarang";
  const auto found = find_dates(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].date, (Date{2021, 10, 12}));
  EXPECT_EQ(found[0].text, "dua belas bulan Oktober tahun dua ribu dua puluh satu");
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin), found[0].text);
  EXPECT_EQ(found[0].weekday, 1);
  EXPECT_FALSE(found[0].weekday_mismatch);
  EXPECT_EQ(isos("tanggal sebelas bulan Maret tahun dua ribu dua puluh dua"),
            Strings{"2022-03-11"});
  EXPECT_EQ(isos("tanggal 12 bulan Oktober tahun dua ribu dua puluh satu"), Strings{"2021-10-12"});
  EXPECT_EQ(isos("tanggal dua belas bulan Oktober tahun 2021"), Strings{"2021-10-12"});
  EXPECT_EQ(isos("Tanggal Tiga Puluh Satu Bulan Desember Tahun Dua Ribu Dua Puluh"),
            Strings{"2020-12-31"});
  EXPECT_EQ(isos("tanggal dua belas (12) bulan Oktober tahun dua ribu dua puluh satu (2021)"),
            Strings{"2021-10-12"});
}

TEST(DatesFind, RepeatInParenthesesReportedOnce) {
  const std::string text =
      "tanggal dua belas bulan Oktober tahun dua ribu dua puluh satu (12-10-2021) dan "
      "13 Oktober 2021 (13/10/2021)";
  EXPECT_EQ(isos(text), (Strings{"2021-10-12", "2021-10-13"}));
  // A different date in parentheses is its own.
  EXPECT_EQ(isos("12 Oktober 2021 (13-10-2021)"), (Strings{"2021-10-12", "2021-10-13"}));
}

TEST(DatesFind, Weekdays) {
  const auto check = [](std::string_view text, std::optional<int> weekday, bool mismatch) {
    const auto found = find_dates(text);
    ASSERT_EQ(found.size(), 1u) << text;
    EXPECT_EQ(found[0].weekday, weekday) << text;
    EXPECT_EQ(found[0].weekday_mismatch, mismatch) << text;
  };
  check("Selasa, 12 Oktober 2021", 1, false);
  check("Senin tanggal 12-10-2021", 0, true);
  check("Jum'at, 15 Oktober 2021", 4, false);
  check("Jum\u2019at 15 Oktober 2021", 4, false);
  check("Jumat 15 Oktober 2021", 4, false);
  check("Ahad, 17 Oktober 2021", 6, false);
  check("Minggu, 18 Mar 2018", 6, false);
  check("Min, 14 Feb 2010", 6, false);
  check("Tuesday, October 12, 2021", 1, false);
  check("on Friday the 15th of October 2021", 4, false);
  check("sampai dengan 12 Oktober 2021", std::nullopt, false);
  check("Min 14 Feb 2010", std::nullopt, false);  // a short form needs its comma
}

TEST(DatesFind, OcrSlips) {
  EXPECT_EQ(isos("12 0ktober 2021"), Strings{"2021-10-12"});
  EXPECT_EQ(isos("12 Ju1i 2021 dan 3 Apri1 2021"), (Strings{"2021-07-12", "2021-04-03"}));
  EXPECT_EQ(isos("12 Oktober 2O21"), Strings{"2021-10-12"});
  EXPECT_EQ(isos("l2-10-2O21"), Strings{"2021-10-12"});
  EXPECT_EQ(isos("12Oktober 2021"), Strings{"2021-10-12"});
  EXPECT_EQ(isos("12 Oktober2021"), Strings{"2021-10-12"});
  EXPECT_EQ(isos("120ktober 2021"), Strings{"2021-10-12"});
  EXPECT_EQ(isos("tanggal12 Oktober 2021"), Strings{"2021-10-12"});
  EXPECT_EQ(isos("12 Nopernber 2021"), Strings{});  // rn for m is not read
  const auto found = find_dates("Semarang, 12\nOktober\n 2021");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].text, "12 Oktober 2021");
}

TEST(DatesFind, NotDates) {
  for (const char* text :
       {"0123/PKS/ORI-JTG/X/2021", "08/ORI-MOU/VII/2018", "Nomor 25 Tahun 2009",
        "Undang-Undang Nomor 23 Tahun 2014", "tahun 2021", "2021", "W13-HH.05.05-1234",
        "No.05/12/10/2021", "12/10/21", "12-10-20211", "1.12.10.2021", "dua belas bulan Oktober",
        "Oktober 2021", "12 Oktober", "jangka waktu 3 (tiga) tahun", "150.000.000,00",
        "32 Oktober 2021", "12 Oktober 1850",

        "ke-12 Oktober"}) {
    EXPECT_EQ(isos(text), Strings{}) << text;
  }
}

TEST(DatesFind, NonAsciiAround) {
  EXPECT_EQ(isos("Jakarta,\u00a012\u00a0Oktober\u00a02021"), Strings{"2021-10-12"});
  EXPECT_EQ(isos("\u201c12 Oktober 2021\u201d"), Strings{"2021-10-12"});
  EXPECT_EQ(isos("2019\u20131 Januari 2020"), Strings{"2020-01-01"});
  EXPECT_EQ(isos("caf\u00e912 Oktober 2021"), Strings{});  // inside a word
  const auto found = find_dates("hari ini\u00a0Selasa, tanggal\u00a012 Oktober 2021");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].weekday, 1);
}

TEST(DatesFind, SeveralInOrderWithOffsets) {
  const std::string text = "berlaku sejak 1 Januari 2022 sampai dengan 31-12-2024.";
  const auto found = find_dates(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].date.iso(), "2022-01-01");
  EXPECT_EQ(found[0].begin, text.find("1 Januari"));
  EXPECT_EQ(found[0].text, "1 Januari 2022");
  EXPECT_EQ(found[1].date.iso(), "2024-12-31");
  EXPECT_EQ(found[1].end, text.size() - 1);
}

TEST(DatesVocabulary, MonthsWeekdaysUnits) {
  EXPECT_EQ(parse_month_name("Oktober"), 10);
  EXPECT_EQ(parse_month_name("okt."), 10);
  EXPECT_EQ(parse_month_name("0KTOBER"), 10);
  EXPECT_EQ(parse_month_name("May"), 5);
  EXPECT_EQ(parse_month_name("Agt"), 8);
  EXPECT_EQ(parse_month_name("Okto"), std::nullopt);
  EXPECT_EQ(parse_month_name("tahun"), std::nullopt);
  EXPECT_EQ(parse_weekday_name("Selasa"), 1);
  EXPECT_EQ(parse_weekday_name("Jum'at"), 4);
  EXPECT_EQ(parse_weekday_name("AHAD"), 6);
  EXPECT_EQ(parse_weekday_name("Sn"), 0);
  EXPECT_EQ(parse_weekday_name("hari"), std::nullopt);
  EXPECT_EQ(parse_period_unit("tahun"), PeriodUnit::year);
  EXPECT_EQ(parse_period_unit("Bulan"), PeriodUnit::month);
  EXPECT_EQ(parse_period_unit("bln."), PeriodUnit::month);
  EXPECT_EQ(parse_period_unit("mgg"), PeriodUnit::week);
  EXPECT_EQ(parse_period_unit("hari"), PeriodUnit::day);
  EXPECT_EQ(parse_period_unit("years"), PeriodUnit::year);
  EXPECT_EQ(parse_period_unit("jam"), std::nullopt);
}

TEST(DatesFind, FindsEveryOneInAFivePageAgreement) {
  std::string text;
  for (int i = 0; i < 60; ++i) {
    text +=
        "Pasal 5 PARA PIHAK sepakat bahwa Perjanjian ini berlaku untuk jangka waktu 3 (tiga) "
        "tahun terhitung sejak tanggal 12 Oktober 2021, Nomor 0123/PKS/ORI-JTG/X/2021, dengan "
        "nilai Rp150.000.000,00 (seratus lima puluh juta rupiah) sebagaimana dimaksud.\n";
  }
  // About five pages (15 kB): every occurrence is found. Speed is measured in
  // bench/parse_bench.cc, not asserted here.
  EXPECT_EQ(find_dates(text).size(), 60u);
}

}  // namespace
}  // namespace naskah::extract::parse
