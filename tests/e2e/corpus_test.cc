// naskah extract on the shared test corpus (../shared/corpus): the dev agreements in every
// scan quality (text recovered, measured as character error rate), the bad inputs (each
// refused with its code, or read) and the hostile files (never a crash or a hang).
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace naskah {
namespace {

using Row = std::map<std::string, std::string>;

// The rows of a TSV file with a header line, as column -> value.
std::vector<Row> read_tsv(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::vector<std::string> header;
  std::vector<Row> rows;
  auto split = [](const std::string& s) {
    std::vector<std::string> cells;
    std::stringstream ss(s);
    std::string cell;
    while (std::getline(ss, cell, '\t')) cells.push_back(cell);
    return cells;
  };
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (header.empty()) {
      header = split(line);
      continue;
    }
    const auto cells = split(line);
    Row row;
    for (std::size_t i = 0; i < header.size(); ++i) row[header[i]] = i < cells.size() ? cells[i] : "";
    rows.push_back(row);
  }
  return rows;
}

std::string test_name(const std::string& file) {
  std::string name;
  for (char c : file) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name.substr(0, 80);
}

std::vector<Row> rows_or_empty(const std::string& relative) {
  return test::have_shared() ? read_tsv(test::shared_path(relative)) : std::vector<Row>{};
}

// ---- dev: text recovered from every variant -------------------------------------------

// The most character error one file of a variant may have (the means are far lower: see
// score.py). Scanned variants are measured against the whole document; a photo against
// its page 1. Raw pdftoppm + tesseract averages 0.24 on scan200noisy.
double max_cer(const std::string& variant) {
  static const std::map<std::string, double> k_limits = {
      {"digital", 0.02}, {"mixed", 0.06},  {"scan300", 0.06},
      {"tiff", 0.06},    {"scan200noisy", 0.20}, {"photo", 0.15}};
  const auto it = k_limits.find(variant);
  return it == k_limits.end() ? 0.10 : it->second;
}

std::string first_page(const std::string& text) { return text.substr(0, text.find('\f')); }

class DevCorpus : public ::testing::TestWithParam<Row> {};

TEST_P(DevCorpus, TextIsRecovered) {
  const Row& row = GetParam();
  const std::string dir = test::shared_path("corpus/dev/");
  auto r = test::run_naskah({"extract", "--json", "--text", dir + row.at("file")}, 600);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  const auto json = nlohmann::json::parse(r.out);
  const std::string variant = row.at("variant");
  EXPECT_EQ(json["pages"], std::stoi(row.at("pages")));
  EXPECT_EQ(json["text_source"], row.at("text_source"));
  EXPECT_EQ(json["sha256"], row.at("sha256"));
  std::string truth = test::read_text(dir + "text/" + row.at("doc_id") + ".txt");
  if (variant == "photo") truth = first_page(truth);
  const double cer = test::char_error_rate(truth, json["text"].get<std::string>());
  RecordProperty("cer", std::to_string(cer));
  EXPECT_LT(cer, max_cer(variant)) << row.at("file");
  // The parser's headline fields against the truth record (score.py measures them all).
  const auto expected = nlohmann::json::parse(test::read_text(dir + row.at("truth")));
  EXPECT_EQ(json["doc_type"], expected["doc_type"]);
  EXPECT_EQ(json["language"], expected["language"]);
  if (expected["doc_type"] != "other") {
    EXPECT_EQ(json["signed_date"], expected["signed_date"]);
    EXPECT_EQ(json["parties"].size(), expected["parties"].size());
    EXPECT_EQ(json["effective_date"], expected["effective_date"]);
  }
}

// Every file in the optimised build. Under the sanitizers, where the time goes into
// Tesseract (not instrumented) rather than into naskah's code, the first two documents of
// each variant: every code path still runs on real scans, in a fifth of the time.
std::vector<Row> dev_rows() {
  std::vector<Row> rows = rows_or_empty("corpus/dev/manifest.tsv");
  if (!test::under_sanitizer()) return rows;
  std::map<std::string, int> taken;
  std::erase_if(rows, [&](const Row& row) { return ++taken[row.at("variant")] > 2; });
  return rows;
}

INSTANTIATE_TEST_SUITE_P(Dev, DevCorpus, ::testing::ValuesIn(dev_rows()),
                         [](const auto& param_info) { return test_name(param_info.param.at("file")); });

// ---- bad: each refused with the expected code, or read -------------------------------

class BadCorpus : public ::testing::TestWithParam<Row> {};

TEST_P(BadCorpus, GetsWhatACarefulProgramGives) {
  const Row& row = GetParam();
  auto r = test::run_naskah({"extract", "--json", test::shared_path("corpus/bad/" + row.at("file"))},
                            300, 4096);
  ASSERT_FALSE(r.timed_out);
  ASSERT_EQ(r.signal, 0) << r.err;
  const std::string expect = row.at("expect");
  if (expect == "ok") {
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  } else if (expect == "refused") {
    EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  } else {
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 3) << r.exit_code << r.err;
  }
  const auto json = nlohmann::json::parse(r.out);
  if (r.exit_code == 3) {
    EXPECT_EQ(json["error"]["code"], row.at("code"));
    EXPECT_GT(json["error"]["message"].get<std::string>().size(), 30u);
  } else {
    EXPECT_EQ(json["schema"], "naskah.agreement/1");
  }
}

INSTANTIATE_TEST_SUITE_P(Bad, BadCorpus, ::testing::ValuesIn(rows_or_empty("corpus/bad/expect.tsv")),
                         [](const auto& param_info) { return test_name(param_info.param.at("file")); });

// ---- hostile: never a crash, a hang, or an exit code other than 0 or 3 ----------------

std::vector<std::string> hostile_files() {
  std::vector<std::string> files;
  if (!test::have_shared()) return files;
  for (const auto& path : test::list_files(test::shared_path("corpus/external/hostile"))) {
    if (path.ends_with(".tsv")) continue;
    files.push_back(path.substr(path.rfind('/') + 1));
  }
  return files;
}

class HostileCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(HostileCorpus, RefusedOrReadNeverCrashed) {
  auto r = test::run_naskah(
      {"extract", "--json", test::shared_path("corpus/external/hostile/" + GetParam())}, 300, 4096);
  ASSERT_FALSE(r.timed_out);
  ASSERT_EQ(r.signal, 0) << r.err;
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 3) << r.exit_code << r.err;
  const auto json = nlohmann::json::parse(r.out);
  if (r.exit_code == 3) {
    EXPECT_TRUE(json["error"]["code"].is_string());
  } else {
    EXPECT_EQ(json["schema"], "naskah.agreement/1");
  }
}

INSTANTIATE_TEST_SUITE_P(Hostile, HostileCorpus, ::testing::ValuesIn(hostile_files()),
                         [](const auto& param_info) { return test_name(param_info.param); });

}  // namespace
}  // namespace naskah
