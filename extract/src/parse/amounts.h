// Money amounts in running agreement text: "Rp150.000.000,00", "Rp 150.000.000,-",
// "Rp 1,5 miliar", "IDR 2.000.000", "USD 10,000", "US$ 5.000", "$10", "20€", and amounts in
// words ("lima ratus ribu rupiah", "sepuluh dolar"). Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace naskah::extract::parse {

// One amount; [begin, end) are byte offsets of the amount as printed, currency sign and a
// trailing ",-" included; `text` is that span with white space folded.
struct AmountMatch {
  double value = 0;      // in the currency's units: "Rp 1,5 miliar" -> 1500000000
  std::string currency;  // ISO 4217: IDR, USD ("$" alone too), EUR, GBP, JPY, SGD, ...
  std::string text;
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Every amount with a currency in `text`, in order, not overlapping. A figure needs a
// currency sign or word before or after it; a bare figure counts only as the lower end of
// a range whose upper end names the currency ("10-20 dolar", "antara 1.000 hingga 10.000
// Rupiah"). Amounts in words need a currency word after them. The amount in words in
// parentheses right after a figure ("Rp150.000.000,00 (seratus lima puluh juta rupiah)") is
// the same amount: it is reported once, as the figure. A sign word before words ("min
// seribu rupiah") makes the amount negative.
[[nodiscard]] std::vector<AmountMatch> find_amounts(std::string_view text);

}  // namespace naskah::extract::parse
