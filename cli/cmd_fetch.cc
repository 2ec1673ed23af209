// naskah fetch URL...: download each file with libcurl (ingest/fetch.h), then ingest it as
// `ingest` does; refused files go to failed/ with their reason, as from the inbox.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "naskah/ingest/fetch.h"
#include "naskah/ingest/pipeline.h"
#include "naskah/ingest/watcher.h"
#include "options.h"

namespace naskah::cli {
namespace {

struct FetchArgs {
  std::vector<std::string> urls;
  std::optional<std::string> office;
  bool json = false;
};

// One URL's outcome: downloaded and ingested (or present, refused...), not modified, or
// not downloaded at all.
struct UrlResult {
  std::string url;
  std::string result;  // "ingested", "already present", "refused", "failed", "not modified"
  std::optional<ingest::FileResult> file;
  std::optional<Error> error;
  std::string where;
};

int run_fetch(const FetchArgs& args, Globals& globals) {
  auto config = globals.load();
  if (!config) return report_error(config.error(), args.json, "configuration");
  const config::Settings& settings = config->settings();
  ingest::Options options = ingest_options(settings);
  options.office = args.office;
  // Downloads land in a folder of their own, not the inbox, so a running watcher does not
  // take them at the same time; they leave it like inbox files do.
  const std::string folder = DataDir{settings.data_dir}.fetched();

  ingest::Fetcher fetcher(fetch_options(settings));
  std::unique_ptr<ingest::Pipeline> pipeline;
  std::vector<UrlResult> results;
  for (const std::string& url : args.urls) {
    UrlResult r{url, {}, {}, {}, {}};
    auto fetched = ingest::fetch_into(fetcher, url, folder);
    if (!fetched) {
      r.result = fetched.error().is_refusal() ? "refused" : "failed";
      r.error = fetched.error();
    } else if (fetched->status == ingest::Fetched::Status::not_modified) {
      r.result = "not modified";
    } else {
      if (!pipeline) pipeline = std::make_unique<ingest::Pipeline>(options);
      // A download is the pipeline's to put away, like an inbox file.
      ingest::FileResult file = pipeline->submit({fetched->path, folder, std::nullopt, true});
      r.where = file.where;
      r.result = ingest::to_string(file.outcome);
      r.error = file.error;
      r.file = std::move(file);
    }
    results.push_back(std::move(r));
  }

  bool refused = false;
  bool failed_any = false;
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const UrlResult& r : results) {
    refused = refused || r.result == "refused";
    failed_any = failed_any || r.result == "failed";
    nlohmann::ordered_json item = {{"url", r.url}, {"result", r.result}};
    if (r.file) {
      item["id"] = r.file->sha256;
      item["pages"] = r.file->pages;
    }
    if (!r.where.empty() && r.where != "archive") item["failed"] = r.where;
    if (r.error) item["error"] = {{"code", r.error->code}, {"message", r.error->message}};
    out.push_back(item);
    if (!args.json && !globals.quiet) {
      std::cout << r.url << ": " << r.result;
      if (r.error) std::cout << ": " << r.error->message << " [" << r.error->code << "]";
      std::cout << '\n';
    }
  }
  if (args.json) std::cout << nlohmann::ordered_json{{"files", out}}.dump(2) << '\n';
  if (failed_any) return k_failure;
  return refused ? k_refused : k_ok;
}

}  // namespace

void add_fetch(CLI::App& app, Globals& globals, int& exit_code) {
  auto args = std::make_shared<FetchArgs>();
  CLI::App* cmd = app.add_subcommand(
      "fetch",
      "download files over http(s) with libcurl, then archive and index them; an "
      "unchanged file is not downloaded again");
  globals.add_to(*cmd);
  cmd->add_option("URL", args->urls, "http:// or https:// addresses of scans")->required();
  cmd->add_option("--office", args->office, "the unit or regional office the files come from");
  cmd->add_flag("--json", args->json, "print the outcome of each URL as JSON");
  cmd->callback([args, &globals, &exit_code] { exit_code = run_fetch(*args, globals); });
}

}  // namespace naskah::cli
