// The naskah binary's command line: help, exit codes and JSON errors (CONTRACT.md).
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace naskah {
namespace {

using test::run_naskah;

TEST(Cli, HelpEverywhere) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--help"}, {"extract", "--help"}, {"config", "--help"}, {"config", "show", "--help"}}) {
    auto r = run_naskah(args);
    EXPECT_EQ(r.exit_code, 0) << args[0];
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << args[0];
  }
  auto r = run_naskah({"--help"});
  EXPECT_NE(r.out.find("extract"), std::string::npos);
  EXPECT_NE(r.out.find("--config"), std::string::npos);
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run_naskah({}).exit_code, 2);
  EXPECT_EQ(run_naskah({"no-such-command"}).exit_code, 2);
  EXPECT_EQ(run_naskah({"extract"}).exit_code, 2);
  EXPECT_EQ(run_naskah({"extract", "--bogus", "x.pdf"}).exit_code, 2);
}

TEST(Cli, RefusedInputExitsThreeWithJsonError) {
  const auto path = std::filesystem::temp_directory_path() / "naskah-cli-test-page.html";
  std::ofstream(path) << "<!DOCTYPE html><html><body>Not Found</body></html>";
  auto r = run_naskah({"extract", "--json", path.string()});
  std::filesystem::remove(path);
  EXPECT_EQ(r.exit_code, 3);
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["error"]["code"], "input.unsupported-type");
  EXPECT_FALSE(json["error"]["message"].get<std::string>().empty());
}

TEST(Cli, RefusedInputWithoutJsonSaysSoOnStderr) {
  const auto path = std::filesystem::temp_directory_path() / "naskah-cli-test-empty.pdf";
  std::ofstream{path};
  auto r = run_naskah({"extract", path.string()});
  std::filesystem::remove(path);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("input.empty"), std::string::npos);
}

TEST(Cli, MissingFileIsAFailureNotARefusal) {
  auto r = run_naskah({"extract", "--json", "/nonexistent/naskah/x.pdf"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(nlohmann::json::parse(r.out)["error"]["code"], "input.unreadable");
}

TEST(Cli, BadConfigIsNamed) {
  const auto path = std::filesystem::temp_directory_path() / "naskah-cli-test.toml";
  std::ofstream(path) << "[limits]\nmax_pages = -4\n";
  auto r = run_naskah({"extract", "--config", path.string(),
                       test::source_path("samples/mou-kanwil-universitas.pdf")});
  std::filesystem::remove(path);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("limits.max_pages"), std::string::npos);
}

TEST(Cli, ConfigShowTellsWhereEachValueCameFrom) {
  const auto path = std::filesystem::temp_directory_path() / "naskah-cli-show.toml";
  std::ofstream(path) << "[extract]\nocr_dpi = 250\n";
  auto r = run_naskah({"config", "show", "--json", "--config", path.string(), "--data", "/tmp/d"});
  std::filesystem::remove(path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["extract.ocr_dpi"]["value"], "250");
  EXPECT_EQ(json["extract.ocr_dpi"]["origin"], "file");
  EXPECT_EQ(json["data_dir"]["value"], "/tmp/d");
  EXPECT_EQ(json["data_dir"]["origin"], "flag");
  EXPECT_EQ(json["limits.max_pages"]["origin"], "default");
}

TEST(Cli, ExtractJsonRecordFollowsTheContract) {
  const std::string file = test::source_path("samples/mou-kanwil-universitas.pdf");
  auto r = run_naskah({"extract", "--json", "--text", file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["schema"], "naskah.agreement/1");
  EXPECT_EQ(json["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(json["source"]["path"], file);
  EXPECT_EQ(json["source"]["mime"], "application/pdf");
  EXPECT_EQ(json["pages"], 2);
  EXPECT_EQ(json["text_source"], "text-layer");
  EXPECT_TRUE(json["ocr_confidence"].is_null());
  EXPECT_EQ(json["language"], "id");
  EXPECT_NE(json["text"].get<std::string>().find('\f'), std::string::npos);
  auto without_text = nlohmann::json::parse(run_naskah({"extract", "--json", file}).out);
  EXPECT_FALSE(without_text.contains("text"));
}

}  // namespace
}  // namespace naskah
