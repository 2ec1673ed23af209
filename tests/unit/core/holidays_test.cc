#include "naskah/core/holidays.h"

#include <gtest/gtest.h>

namespace naskah {
namespace {

TEST(Holidays, KnowsTheNationalHolidaysOfEachYear) {
  EXPECT_EQ(holiday_on("2023-08-17"), "Hari Kemerdekaan Republik Indonesia");
  EXPECT_TRUE(holiday_on("2024-12-25"));
  EXPECT_TRUE(holiday_on("2024-04-10"));  // Idul Fitri 1445 H
  EXPECT_TRUE(holiday_on("2024-02-14"));  // the general election
  EXPECT_FALSE(holiday_on("2023-08-18"));
  EXPECT_FALSE(holiday_on("not a date"));
}

TEST(Holidays, EveryYearOfTheDataIsThere) {
  const auto [first, last] = holiday_years();
  EXPECT_LE(first, 2010);
  EXPECT_GE(last, 2027);
  for (int year = first; year <= last; ++year) {
    const std::string y = std::to_string(year);
    EXPECT_TRUE(holiday_on(y + "-01-01")) << year;  // Tahun Baru Masehi
    EXPECT_TRUE(holiday_on(y + "-08-17")) << year;
    EXPECT_TRUE(holiday_on(y + "-12-25")) << year;
  }
}

TEST(Holidays, Sundays) {
  EXPECT_TRUE(is_sunday("2023-09-10"));
  EXPECT_TRUE(is_sunday("2000-01-02"));
  EXPECT_FALSE(is_sunday("2023-09-11"));
  EXPECT_FALSE(is_sunday("2024-02-29"));
  EXPECT_FALSE(is_sunday("2024-13-01"));
  EXPECT_FALSE(is_sunday(""));
}

}  // namespace
}  // namespace naskah
