#include "parse/numbers.h"
#include "parse/text_util.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace naskah::extract::parse {
namespace {

TEST(NumbersWords, IndonesianUnitsTeensTens) {
  const std::vector<std::pair<std::string, long long>> cases{
      {"nol", 0},
      {"satu", 1},
      {"Dua", 2},
      {"sembilan", 9},
      {"sepuluh", 10},
      {"sebelas", 11},
      {"dua belas", 12},
      {"sembilan belas", 19},
      {"dua puluh", 20},
      {"dua puluh satu", 21},
      {"sembilan puluh sembilan", 99},
      {"SEPULUH", 10},
      {"Tiga Puluh Satu", 31},
      {"kosong", 0},
  };
  for (const auto& [text, value] : cases) EXPECT_EQ(parse_number_words(text), value) << text;
}

TEST(NumbersWords, IndonesianHundredsAndScales) {
  const std::vector<std::pair<std::string, long long>> cases{
      {"seratus", 100},
      {"seratus satu", 101},
      {"seratus sebelas", 111},
      {"dua ratus", 200},
      {"seribu", 1000},
      {"seribu sembilan ratus sembilan puluh sembilan", 1999},
      {"dua ribu", 2000},
      {"dua ribu dua puluh satu", 2021},
      {"sepuluh ribu sebelas", 10011},
      {"dua ratus ribu", 200000},
      {"sejuta", 1000000},
      {"satu juta seribu", 1001000},
      {"seratus lima puluh juta", 150000000},
      {"satu miliar dua ratus juta", 1200000000},
      {"dua milyar", 2000000000},
      {"sepuluh triliun", 10000000000000},
      {"satu kuintiliun", 1000000000000000000},
  };
  for (const auto& [text, value] : cases) EXPECT_EQ(parse_number_words(text), value) << text;
}

TEST(NumbersWords, ToleratesSpacingHyphensAndSeparatedSe) {
  EXPECT_EQ(parse_number_words("se ratus"), 100);
  EXPECT_EQ(parse_number_words("se-ribu"), 1000);
  EXPECT_EQ(parse_number_words("  dua   puluh\n satu "), 21);
  EXPECT_EQ(parse_number_words("dua-puluh-satu"), 21);
  EXPECT_EQ(parse_number_words("seratus\u00a0ribu"), 100000);
}

TEST(NumbersWords, English) {
  const std::vector<std::pair<std::string, long long>> cases{
      {"zero", 0},
      {"five", 5},
      {"Eleven", 11},
      {"twenty-one", 21},
      {"ninety nine", 99},
      {"one hundred", 100},
      {"one hundred and five", 105},
      {"one hundred fifty million", 150000000},
      {"two thousand and twenty-one", 2021},
      {"two thousand twenty two", 2022},
      {"three billion four hundred thousand", 3000400000},
  };
  for (const auto& [text, value] : cases) EXPECT_EQ(parse_number_words(text), value) << text;
}

TEST(NumbersWords, RejectsWhatIsNotOneNumber) {
  for (const char* text : {"", "   ", "satu dua", "ribu", "puluh", "belas", "se", "dua ratus tahun",
                           "tahun", "dua ribu tiga ribu", "seratus juta juta", "and", "one and",
                           "nol satu", "12", "duaa", "twenty-", "sembilan ratus kuintiliun"}) {
    EXPECT_EQ(parse_number_words(text), std::nullopt) << '"' << text << '"';
  }
}

TEST(NumbersToWords, Indonesian) {
  const std::vector<std::pair<long long, std::string>> cases{
      {0, "nol"},
      {7, "tujuh"},
      {10, "sepuluh"},
      {11, "sebelas"},
      {15, "lima belas"},
      {20, "dua puluh"},
      {99, "sembilan puluh sembilan"},
      {100, "seratus"},
      {110, "seratus sepuluh"},
      {999, "sembilan ratus sembilan puluh sembilan"},
      {1000, "seribu"},
      {1001, "seribu satu"},
      {2021, "dua ribu dua puluh satu"},
      {11000, "sebelas ribu"},
      {100000, "seratus ribu"},
      {1000000, "satu juta"},
      {150000000, "seratus lima puluh juta"},
      {1200000000, "satu miliar dua ratus juta"},
      {-5, "min lima"},
  };
  for (const auto& [value, text] : cases) EXPECT_EQ(number_to_words(value), text) << value;
}

TEST(NumbersToWords, RoundTripsThroughTheParser) {
  for (long long v : {0LL, 1LL, 19LL, 101LL, 1010LL, 1999LL, 12345LL, 700001LL, 987654321LL,
                      1000000000000LL, 9223372036854775807LL}) {
    EXPECT_EQ(parse_number_words(number_to_words(v)), v) << v;
  }
  for (long long v = 0; v < 3000; v += 7) {
    ASSERT_EQ(parse_number_words(number_to_words(v)), v) << number_to_words(v);
  }
}

TEST(NumbersNumeral, IndonesianGrouping) {
  EXPECT_EQ(parse_numeral("150.000.000,00"), 150000000.0);
  EXPECT_EQ(parse_numeral("1,5"), 1.5);
  EXPECT_EQ(parse_numeral("10.000"), 10000.0);
  EXPECT_EQ(parse_numeral("1.200.000"), 1200000.0);
  EXPECT_EQ(parse_numeral("0,77"), 0.77);
  EXPECT_EQ(parse_numeral(",77"), 0.77);
  EXPECT_EQ(parse_numeral("01,10"), 1.1);
  EXPECT_EQ(parse_numeral("29,99"), 29.99);
  EXPECT_EQ(parse_numeral("0,500"), 0.5);
}

TEST(NumbersNumeral, PlainAndEnglish) {
  EXPECT_EQ(parse_numeral("2021"), 2021.0);
  EXPECT_EQ(parse_numeral("0033"), 33.0);
  EXPECT_EQ(parse_numeral("10,000.50"), 10000.5);
  EXPECT_EQ(parse_numeral("10,000"), 10000.0);
  EXPECT_EQ(parse_numeral("1,000,000"), 1000000.0);
  EXPECT_EQ(parse_numeral("3.14"), 3.14);
}

TEST(NumbersNumeral, Rejects) {
  for (const char* text : {"", ".", ",", "1.00.000", "1.000.00", "1,000,00.5", "1.000,000,5", "12a",
                           "1..0", "1.", "1,", "-5", " 5", "10.000.000,00,00"}) {
    EXPECT_EQ(parse_numeral(text), std::nullopt) << '"' << text << '"';
  }
}

TEST(NumbersAny, SignsDecimalsAndBothForms) {
  EXPECT_EQ(parse_number("- 1.200.000"), -1200000.0);
  EXPECT_EQ(parse_number("minus 1.200.000"), -1200000.0);
  EXPECT_EQ(parse_number("negatif 1200000"), -1200000.0);
  EXPECT_EQ(parse_number("min dua puluh"), -20.0);
  EXPECT_EQ(parse_number("lima koma lima"), 5.5);
  EXPECT_EQ(parse_number("dua belas koma dua tiga empat"), 12.234);
  EXPECT_EQ(parse_number("nol koma nol nol tujuh"), 0.007);
  EXPECT_EQ(parse_number("tiga ratus koma empat puluh dua"), 300.42);
  EXPECT_EQ(parse_number("one point five"), 1.5);
  EXPECT_EQ(parse_number("150.000.000,00"), 150000000.0);
  EXPECT_EQ(parse_number("5 ribu"), 5000.0);
  EXPECT_EQ(parse_number("1,5 miliar"), 1500000000.0);
  EXPECT_EQ(parse_number("2.5 million"), 2500000.0);
  EXPECT_EQ(parse_number("5 orang"), std::nullopt);
  EXPECT_EQ(parse_number("5 ribu juta"), std::nullopt);
  EXPECT_EQ(parse_number("koma lima"), std::nullopt);
  EXPECT_EQ(parse_number("lima koma"), std::nullopt);
  EXPECT_EQ(parse_number("minus"), std::nullopt);
}

TEST(NumbersOrdinal, IndonesianAndEnglish) {
  const std::vector<std::pair<std::string, long long>> cases{
      {"ke-4", 4},
      {"ke 4", 4},
      {"ke-00003", 3},
      {"keempat", 4},
      {"Kesepuluh", 10},
      {"pertama", 1},
      {"PERTAMA", 1},
      {"kesatu", 1},
      {"kedua", 2},
      {"ketiga", 3},
      {"kesebelas", 11},
      {"kedua belas", 12},
      {"keseratus satu", 101},
      {"keseribu", 1000},
      {"first", 1},
      {"second", 2},
      {"third", 3},
      {"fourth", 4},
      {"fifth", 5},
      {"eighth", 8},
      {"ninth", 9},
      {"twelfth", 12},
      {"twentieth", 20},
      {"twenty-first", 21},
      {"1st", 1},
      {"2nd", 2},
      {"3rd", 3},
      {"12th", 12},
  };
  for (const auto& [text, value] : cases) EXPECT_EQ(parse_ordinal(text), value) << text;
}

TEST(NumbersOrdinal, Rejects) {
  for (const char* text : {"", "ke", "ke-", "ke-0", "kemarin", "keadaan", "month", "fourths", "12",
                           "satu", "0th", "12xx", "kenol"}) {
    EXPECT_EQ(parse_ordinal(text), std::nullopt) << '"' << text << '"';
  }
}

TEST(NumbersScan, FindsRunsInRunningText) {
  const std::string text = "jangka waktu 3 (tiga) tahun, dua belas bulan Oktober";
  const auto found = find_number_words(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].value, 3);
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin), "tiga");
  EXPECT_EQ(found[1].value, 12);
  EXPECT_EQ(text.substr(found[1].begin, found[1].end - found[1].begin), "dua belas");
}

TEST(NumbersScan, SplitsRunsThatAreNotOneNumber) {
  const std::string text = "satu dua, seribu dua ribu; two thousand and then";
  const auto found = find_number_words(text);
  ASSERT_EQ(found.size(), 5u);
  EXPECT_EQ(found[0].value, 1);
  EXPECT_EQ(found[1].value, 2);
  EXPECT_EQ(found[2].value, 1000);
  EXPECT_EQ(found[3].value, 2000);
  EXPECT_EQ(found[4].value, 2000);
  EXPECT_EQ(text.substr(found[4].begin, found[4].end - found[4].begin), "two thousand");
}

TEST(NumbersScan, IgnoresWordsThatOnlyContainNumberWords) {
  EXPECT_TRUE(find_number_words("duanya satunya sejak seperti ketiga lebih-lebih").empty());
  EXPECT_TRUE(find_number_words("Sepuluhan donee tentang").empty());
  EXPECT_TRUE(find_number_words("").empty());
  const auto found = find_number_words("nilai\nlima ratus ribu rupiah");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].value, 500000);
  EXPECT_EQ(found[0].begin, 6u);
}

TEST(NumbersScan, NonAsciiAround) {
  const std::string text = "waktu\u00a0tiga\u00a0tahun, \u201clima\u201d, caf\u00e9dua, dua\u00e9";
  const auto found = find_number_words(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].value, 3);
  EXPECT_EQ(found[1].value, 5);
  EXPECT_TRUE(letter_at("caf\u00e9", 4));
  EXPECT_TRUE(letter_at("caf\u00e9", 3));
  EXPECT_FALSE(letter_at("a\u00a0", 2));
  EXPECT_FALSE(letter_at("a\u2019", 3));
  EXPECT_FALSE(letter_at("5\u20ac", 1));
  EXPECT_FALSE(letter_at("-", 0));
}

TEST(NumbersScan, AtPosition) {
  const std::string text = "tahun dua ribu dua puluh satu.";
  const auto m = number_words_at(text, 6);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->value, 2021);
  EXPECT_EQ(m->end, text.size() - 1);
  EXPECT_EQ(number_words_at(text, 0), std::nullopt);
  EXPECT_EQ(number_words_at(text, 7), std::nullopt);  // inside a word
  EXPECT_EQ(number_words_at(text, 500), std::nullopt);
}

}  // namespace
}  // namespace naskah::extract::parse
