#include "parse/amounts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace naskah::extract::parse {
namespace {

// Time allowed for one scan of five pages: a whole agreement's parse must stay well under
// 5 ms. AddressSanitizer makes this code about ten times slower.
#if defined(__SANITIZE_ADDRESS__)
#else
#endif

struct Expected {
  const char* text;
  double value;
  const char* currency;
  const char* printed;
};

// `text` holds exactly one amount, the expected one.
void expect_one(const Expected& e) {
  const auto found = find_amounts(e.text);
  ASSERT_EQ(found.size(), 1u) << e.text;
  EXPECT_DOUBLE_EQ(found[0].value, e.value) << e.text;
  EXPECT_EQ(found[0].currency, e.currency) << e.text;
  EXPECT_EQ(found[0].text, e.printed) << e.text;
}

TEST(AmountsFind, RupiahFigures) {
  for (const Expected& e : std::vector<Expected>{
           {"Rp150.000.000,00", 150000000, "IDR", "Rp150.000.000,00"},
           {"sebesar Rp 150.000.000,- untuk", 150000000, "IDR", "Rp 150.000.000,-"},
           {"Rp. 150.000.000.", 150000000, "IDR", "Rp. 150.000.000"},
           {"RP 25.000", 25000, "IDR", "RP 25.000"},
           {"Rp 150 juta", 150000000, "IDR", "Rp 150 juta"},
           {"Rp 1,5 miliar", 1500000000, "IDR", "Rp 1,5 miliar"},
           {"Rp 2 jt.", 2000000, "IDR", "Rp 2 jt."},
           {"IDR 2.000.000", 2000000, "IDR", "IDR 2.000.000"},
           {"IDR33000", 33000, "IDR", "IDR33000"},
           {"150 juta rupiah", 150000000, "IDR", "150 juta rupiah"},
           {"20Rp", 20, "IDR", "20Rp"},
           {"Rp\n150.000.000,00", 150000000, "IDR", "Rp 150.000.000,00"},
           {"sebesar\u00a0Rp\u00a0150.000.000,00", 150000000, "IDR", "Rp 150.000.000,00"},
           {"\u201cRp 5.000\u201d", 5000, "IDR", "Rp 5.000"},
       }) {
    expect_one(e);
  }
}

TEST(AmountsFind, OtherCurrencies) {
  for (const Expected& e : std::vector<Expected>{
           {"USD 10,000", 10000, "USD", "USD 10,000"},
           {"USD 10,000.50", 10000.5, "USD", "USD 10,000.50"},
           {"US$ 5.000", 5000, "USD", "US$ 5.000"},
           {"$10", 10, "USD", "$10"},
           {"10$", 10, "USD", "10$"},
           {"USD 2.5 million", 2500000, "USD", "USD 2.5 million"},
           {"20\u20ac", 20, "EUR", "20\u20ac"},
           {"EUR29,99", 29.99, "EUR", "EUR29,99"},
           {"\u00a39", 9, "GBP", "\u00a39"},
           {"10 yen", 10, "JPY", "10 yen"},
           {"S$ 300", 300, "SGD", "S$ 300"},
           {"5 dolar Singapura", 5, "SGD", "5 dolar Singapura"},
           {"RM 40", 40, "MYR", "RM 40"},
       }) {
    expect_one(e);
  }
}

TEST(AmountsFind, Words) {
  for (const Expected& e : std::vector<Expected>{
           {"lima ratus ribu rupiah", 500000, "IDR", "lima ratus ribu rupiah"},
           {"sepuluh dolar", 10, "USD", "sepuluh dolar"},
           {"dua puluh Euro", 20, "EUR", "dua puluh Euro"},
           {"sembilan pound sterling", 9, "GBP", "sembilan pound sterling"},
           {"Seratus Lima Puluh Juta Rupiah", 150000000, "IDR", "Seratus Lima Puluh Juta Rupiah"},
           {"min seribu rupiah", -1000, "IDR", "min seribu rupiah"},
           {"five hundred dollars", 500, "USD", "five hundred dollars"},
       }) {
    expect_one(e);
  }
}

TEST(AmountsFind, WordsInParenthesesAfterAFigureAreTheSameAmount) {
  expect_one(
      {"Rp150.000.000,00 (seratus lima puluh juta rupiah)", 150000000, "IDR", "Rp150.000.000,00"});
  expect_one({"Rp 150.000.000,- (Terbilang: seratus lima puluh juta rupiah)", 150000000, "IDR",
              "Rp 150.000.000,-"});
  expect_one({"USD 5,000 (five thousand US dollars)", 5000, "USD", "USD 5,000"});
  const std::string text =
      "biaya sebesar Rp 10.000.000,00 (sepuluh juta rupiah) dan Rp 5.000.000,00 (lima juta "
      "rupiah) ditanggung PIHAK KEDUA";
  const auto found = find_amounts(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].value, 10000000);
  EXPECT_EQ(found[1].value, 5000000);
  EXPECT_EQ(text.substr(found[1].begin, found[1].end - found[1].begin), "Rp 5.000.000,00");
}

TEST(AmountsFind, Ranges) {
  const auto check = [](const char* text, double low, double high, const char* currency) {
    const auto found = find_amounts(text);
    ASSERT_EQ(found.size(), 2u) << text;
    EXPECT_EQ(found[0].value, low) << text;
    EXPECT_EQ(found[1].value, high) << text;
    EXPECT_EQ(found[0].currency, currency) << text;
    EXPECT_EQ(found[1].currency, currency) << text;
  };
  check("10-20 dolar", 10, 20, "USD");
  check("antara 1.000 hingga 10.000 Rupiah", 1000, 10000, "IDR");
  check("Rp1.000 sampai dengan Rp10.000", 1000, 10000, "IDR");
  check("antara 10 sampai 20 juta rupiah", 10000000, 20000000, "IDR");
  check("Rp 5 s.d. Rp 7", 5, 7, "IDR");
  check("kira-kira 1.000\u201310.000 Rupiah", 1000, 10000, "IDR");
  // A figure before a spaced dash is not the lower end of a range.
  ASSERT_EQ(find_amounts("Pasal 5 - Rp 100.000").size(), 1u);
  EXPECT_EQ(find_amounts("Pasal 5 - Rp 100.000")[0].value, 100000);
}

TEST(AmountsFind, NotAmounts) {
  for (const char* text :
       {"Pasal 10", "jangka waktu 3 (tiga) tahun", "Nomor 25 Tahun 2009", "12 Oktober 2021", "Rp",
        "Rp.", "USD", "$", "lima ratus ribu", "sepuluh orang", "RPJMN 2020-2024", "SARANA 100",
        "0123/PKS/ORI-JTG/X/2021", "100%", "10-20 orang", "rupiah", "Rp 1.00.000"}) {
    EXPECT_TRUE(find_amounts(text).empty()) << text;
  }
}

TEST(AmountsFind, OffsetsAndOrder) {
  const std::string text = "nilai kontrak USD 1,000 dan Rp 2.000.000";
  const auto found = find_amounts(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].begin, text.find("USD"));
  EXPECT_EQ(found[0].end, text.find(" dan"));
  EXPECT_EQ(found[1].begin, text.find("Rp"));
  EXPECT_EQ(found[1].end, text.size());
}

TEST(AmountsFind, FindsEveryOneInAFivePageAgreement) {
  std::string text;
  for (int i = 0; i < 60; ++i) {
    text +=
        "Pasal 5 PARA PIHAK sepakat bahwa Perjanjian ini berlaku untuk jangka waktu 3 (tiga) "
        "tahun terhitung sejak tanggal 12 Oktober 2021, Nomor 0123/PKS/ORI-JTG/X/2021, dengan "
        "nilai Rp150.000.000,00 (seratus lima puluh juta rupiah) sebagaimana dimaksud.\n";
  }
  // About five pages (15 kB): every occurrence is found. Speed is measured in
  // bench/parse_bench.cc, not asserted here.
  EXPECT_EQ(find_amounts(text).size(), 60u);
}

}  // namespace
}  // namespace naskah::extract::parse
