// Numbers as agreements write them: Indonesian and English number words ("dua ribu dua puluh
// satu", "one hundred fifty million"), digit groups in Indonesian ("150.000.000,00") and
// English ("10,000.50") style, and ordinals ("ke-4", "keempat", "pertama", "third").
// Pure functions over their arguments; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace naskah::extract::parse {

// The value of a whole phrase of cardinal number words, ASCII case ignored, words separated by
// spaces, line breaks or hyphens: "dua belas" -> 12, "seratus lima puluh juta" -> 150000000,
// "se ratus" -> 100, "twenty-one" -> 21, "two thousand and twenty-one" -> 2021, "nol" -> 0.
// Scales go up to kuintiliun / quintillion (10^18). Returns nullopt when the phrase is empty,
// holds anything but number words, is not one well-formed number ("satu dua"), or overflows.
[[nodiscard]] std::optional<long long> parse_number_words(std::string_view words);

// `value` in Indonesian words, lower case: 11 -> "sebelas", 1000 -> "seribu",
// 2021 -> "dua ribu dua puluh satu", 1000000 -> "satu juta", 0 -> "nol", -5 -> "min lima".
[[nodiscard]] std::string number_to_words(long long value);

// A figure without sign: "150.000.000,00" -> 150000000, "1,5" -> 1.5, "10.000" -> 10000,
// "10,000.50" -> 10000.5, ",77" -> 0.77, "0033" -> 33. With both separators the last one is
// the decimal mark. With one kind only, several of it are thousands groups; a single one is
// a thousands group when exactly three digits follow and one to three precede ("10.000",
// "10,000"), else the decimal mark ("1,5", "1.25"). Returns nullopt for anything else,
// including malformed groups ("1.00.000") and leading or trailing separators other than ",77".
[[nodiscard]] std::optional<double> parse_numeral(std::string_view digits);

// Any one number: a figure, possibly with one scale word after it ("5 ribu", "1,5 miliar"), or
// number words, with an optional sign ("-", "min", "minus", "negatif", "negative") and, for
// words, a decimal part after "koma" / "point" read digit by digit ("dua belas koma dua tiga
// empat" -> 12.234) or as a number ("koma empat puluh dua" -> .42). Returns nullopt when
// `text` is anything else.
[[nodiscard]] std::optional<double> parse_number(std::string_view text);

// An ordinal: "ke-4", "ke 4", "keempat", "Kesepuluh", "kedua belas", "pertama" (1), "1st",
// "21st", "first", "twenty-first". Returns nullopt for anything else and for zero.
[[nodiscard]] std::optional<long long> parse_ordinal(std::string_view text);

// A run of cardinal number words inside running text; [begin, end) are byte offsets.
struct NumberMatch {
  long long value;
  std::size_t begin;
  std::size_t end;
};

// The longest run of number words forming one number that starts at the word at `pos`
// (which must not be preceded by a letter), or nullopt. Runs stop at any character other
// than white space or a hyphen between words, and before "and" that no number follows.
[[nodiscard]] std::optional<NumberMatch> number_words_at(std::string_view text, std::size_t pos);

// Every maximal run of number words in `text`, in order, not overlapping: in
// "jangka waktu 3 (tiga) tahun" -> {3, "tiga"}; "satu dua" gives two runs.
[[nodiscard]] std::vector<NumberMatch> find_number_words(std::string_view text);

}  // namespace naskah::extract::parse
