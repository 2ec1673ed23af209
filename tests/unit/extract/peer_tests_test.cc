// Runs the parser's numbers, dates and amounts on the test tables of other projects
// (Duckling, dateparser, moment.js, num2words, n2words), collected in
// ../shared/corpus/external/peer-tests/. Rows an agreement parser need not read (relative
// dates, times of day, metric suffixes) are left out of the count, each with its reason.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "parse/amounts.h"
#include "parse/dates.h"
#include "parse/numbers.h"
#include "test_support.h"

namespace naskah::extract::parse {
namespace {

using Row = std::map<std::string, std::string>;

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (std::size_t at = line.find(separator); at != std::string::npos;
       at = line.find(separator, start)) {
    fields.push_back(line.substr(start, at - start));
    start = at + 1;
  }
  fields.push_back(line.substr(start));
  return fields;
}

// The rows of a peer-test table, each keyed by the header's column names.
std::vector<Row> read_table(const std::string& file) {
  const auto lines =
      split(test::read_text(test::shared_path("corpus/external/peer-tests/" + file)), '\n');
  const auto header = split(lines.at(0), '\t');
  std::vector<Row> rows;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    const auto fields = split(lines[i], '\t');
    Row row;
    for (std::size_t c = 0; c < header.size() && c < fields.size(); ++c) row[header[c]] = fields[c];
    rows.push_back(row);
  }
  return rows;
}

// Why a row is left out, or "" when it applies; and whether it passes.
struct Verdict {
  std::string left_out;
  bool pass = false;
  std::string got;
};

Verdict leave_out(std::string reason) {
  return Verdict{std::move(reason), false, ""};
}

struct Tally {
  int applicable = 0;
  int passed = 0;
};

// Runs `judge` on every row of `file`, prints the counts and failures, returns the tally.
Tally run_table(const std::string& file, const std::function<Verdict(const Row&)>& judge) {
  Tally tally;
  std::map<std::string, int> left_out;
  std::string failures;
  for (const Row& row : read_table(file)) {
    const Verdict v = judge(row);
    if (!v.left_out.empty()) {
      ++left_out[v.left_out];
      continue;
    }
    ++tally.applicable;
    if (v.pass) {
      ++tally.passed;
    } else {
      failures += "  FAIL \"" + (row.contains("text") ? row.at("text") : row.at("token")) +
                  "\" -> " + v.got + "\n";
    }
  }
  std::cout << "peer tests " << file << ": " << tally.passed << " of " << tally.applicable
            << " pass\n"
            << failures;
  for (const auto& [reason, count] : left_out) {
    std::cout << "  left out " << count << " rows: " << reason << "\n";
  }
  return tally;
}

bool same(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b));
}

std::string show(const std::optional<double>& v) {
  return v ? std::to_string(*v) : std::string("nothing");
}

bool has_metric_suffix(const std::string& text) {
  for (std::size_t i = 1; i < text.size(); ++i) {
    const char c = text[i];
    const bool digit_before = std::isdigit(static_cast<unsigned char>(text[i - 1])) != 0;
    if ((c == 'K' || c == 'k' || c == 'M' || c == 'G') && digit_before) return true;
  }
  return false;
}

constexpr const char* k_metric =
    "metric suffixes (10K, 3M, ,0012G): not written in agreements, and Indonesian money uses "
    "\"M\" for miliar, not million";

// The spellings of the peer tables that number_to_words writes differently.
std::string standard_spelling(std::string text) {
  for (const auto& [from, to] :
       std::vector<std::pair<std::string, std::string>>{{"milyar", "miliar"},
                                                        {"quintiliun", "kuintiliun"},
                                                        {"kuantiliun", "kuintiliun"},
                                                        {"quadriliun", "kuadriliun"},
                                                        {"negatif ", "min "}}) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
      text.replace(at, from.size(), to);
    }
  }
  return text;
}

TEST(PeerTests, Numbers) {
  int generated = 0;
  int generated_exact = 0;
  const Tally t = run_table("id_numbers.tsv", [&](const Row& row) {
    const std::string& text = row.at("text");
    if (has_metric_suffix(text)) return leave_out(k_metric);
    const double want = std::stod(row.at("value"));
    const auto got = parse_number(text);
    bool pass = got && same(*got, want);
    // Past 2^53 a double cannot tell the integers apart: check the exact integer too.
    const bool integral = row.at("value").find('.') == std::string::npos;
    if (integral && std::isalpha(static_cast<unsigned char>(text[0])) &&
        text.find("koma") == std::string::npos && !text.starts_with("min") &&
        !text.starts_with("negatif")) {
      pass = pass && parse_number_words(text) == std::stoll(row.at("value"));
    }
    if (integral && row.at("original_direction") == "value->text") {
      const std::string words = number_to_words(std::stoll(row.at("value")));
      ++generated;
      generated_exact += words == text ? 1 : 0;
      EXPECT_EQ(words, standard_spelling(text)) << "number_to_words(" << row.at("value") << ")";
    }
    return Verdict{"", pass, show(got)};
  });
  std::cout << "  number_to_words writes " << generated_exact << " of " << generated
            << " value->text rows word for word; the others only in standard spelling "
               "(miliar, kuintiliun, kuadriliun, min)\n";
  EXPECT_EQ(t.passed, t.applicable);
  EXPECT_EQ(t.applicable, 232);  // 243 rows, 11 with metric suffixes
  EXPECT_GT(generated, 150);
}

TEST(PeerTests, Ordinals) {
  const Tally t = run_table("id_ordinals.tsv", [](const Row& row) {
    const auto got = parse_ordinal(row.at("text"));
    const bool pass = got == std::stoll(row.at("value"));
    return Verdict{"", pass, got ? std::to_string(*got) : "nothing"};
  });
  EXPECT_EQ(t.passed, t.applicable);
  EXPECT_EQ(t.applicable, 32);
}

TEST(PeerTests, Dates) {
  int with_time = 0;
  const Tally t = run_table("id_dates.tsv", [&with_time](const Row& row) {
    const std::string& want = row.at("expected");
    if (row.at("kind") == "relative") {
      return leave_out(
          "relative dates (\"kemarin\", \"3 minggu yang lalu\"): need a reference day");
    }
    if (want.starts_with("T")) return leave_out("a time of day without a date");
    // Only the date is read; a time after it ("pukul 15.25") is not.
    with_time += want.size() > 10 ? 1 : 0;
    const auto found = find_dates(row.at("text"));
    std::string got;
    for (const auto& m : found) got += m.date.iso() + (m.weekday_mismatch ? "(weekday!) " : " ");
    const bool pass = found.size() == 1 && found[0].date.iso() == want.substr(0, 10) &&
                      !found[0].weekday_mismatch;
    return Verdict{"", pass, got.empty() ? "nothing" : got};
  });
  std::cout << "  (" << with_time << " of these rows have a time after the date: only the date "
            << "is checked)\n";
  EXPECT_EQ(t.passed, t.applicable);
  EXPECT_EQ(t.applicable, 15);  // 29 rows, 13 relative, 1 a time only
}

// A sentence with a date on the weekday `iso_weekday` (1 = Monday) after `token`.
std::string weekday_sentence(const std::string& token, int iso_weekday) {
  return token + ", " + std::to_string(10 + iso_weekday) + " Oktober 2021";  // 11 Okt = Senin
}

Verdict judge_vocabulary(const Row& row) {
  const std::string& token = row.at("token");
  const std::string& category = row.at("category");
  const std::string& value = row.at("value");
  if (category == "month") {
    const auto found = find_dates("12 " + token + " 2021");
    const bool pass = parse_month_name(token) == std::stoi(value) && found.size() == 1 &&
                      found[0].date.month == std::stoi(value);
    return Verdict{"", pass, found.empty() ? "nothing" : found[0].date.iso()};
  }
  if (category == "weekday") {
    const auto found = find_dates(weekday_sentence(token, std::stoi(value)));
    const bool pass =
        found.size() == 1 && found[0].weekday == std::stoi(value) - 1 && !found[0].weekday_mismatch;
    return Verdict{
        "", pass,
        found.empty() || !found[0].weekday ? "nothing" : std::to_string(*found[0].weekday)};
  }
  if (category == "unit") {
    const std::map<std::string, PeriodUnit> units{{"year", PeriodUnit::year},
                                                  {"month", PeriodUnit::month},
                                                  {"week", PeriodUnit::week},
                                                  {"day", PeriodUnit::day}};
    if (!units.contains(value)) return leave_out("units under a day (jam, menit, detik): times");
    const auto got = parse_period_unit(token);
    return Verdict{"", got == units.at(value), got ? "a unit" : "nothing"};
  }
  if (token == "tanggal" || token == "pukul") {
    // The marker is read past: the date alone is found, the time after it is not a date.
    const auto found = find_dates("tanggal 12 Oktober 2021 pukul 10.00");
    const bool pass = found.size() == 1 && found[0].text == "12 Oktober 2021";
    return Verdict{"", pass, found.empty() ? "nothing" : found[0].text};
  }
  return leave_out("markers of relative dates (lalu, dalam, yang): need a reference day");
}

TEST(PeerTests, DateVocabulary) {
  const Tally t = run_table("id_date_vocabulary.tsv", judge_vocabulary);
  EXPECT_EQ(t.passed, t.applicable);
  EXPECT_EQ(t.applicable, 72);  // 83 rows, 11 times and relative markers
}

Verdict judge_amount(const Row& row) {
  const std::string& text = row.at("text");
  if (has_metric_suffix(text)) return leave_out(k_metric);
  const std::string& kind = row.at("kind");
  std::string currency = row.at("currency");
  if (currency == "USD-or-$") currency = "USD";
  // For "under" and "above" the bound is checked; the comparison itself ("kurang dari") is
  // a query's business, not an agreement record's.
  std::vector<double> want;
  if (!row.at("value_or_min").empty()) want.push_back(std::stod(row.at("value_or_min")));
  if (!row.at("max").empty()) want.push_back(std::stod(row.at("max")));
  const auto found = find_amounts(text);
  std::string got;
  bool pass = found.size() == want.size() && (kind == "between") == (want.size() == 2);
  for (std::size_t i = 0; i < found.size(); ++i) {
    got += std::to_string(found[i].value) + " " + found[i].currency + "; ";
    pass =
        pass && i < want.size() && same(found[i].value, want[i]) && found[i].currency == currency;
  }
  return Verdict{"", pass, got.empty() ? "nothing" : got};
}

TEST(PeerTests, Amounts) {
  const Tally t = run_table("id_amounts.tsv", judge_amount);
  std::cout << "  (\"under\"/\"above\" rows: the bound is checked, not the comparison word)\n";
  EXPECT_EQ(t.passed, t.applicable);
  EXPECT_EQ(t.applicable, 73);  // 75 rows, 2 with metric suffixes
}

}  // namespace
}  // namespace naskah::extract::parse
