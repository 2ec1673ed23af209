// naskah ingest PATH...: archive and index files and folders; idempotent by content.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "naskah/ingest/pipeline.h"
#include "options.h"
#include "progress.h"

namespace naskah::cli {
namespace {

struct IngestArgs {
  std::vector<std::string> paths;
  std::optional<std::string> office;
  int workers = -1;
  bool json = false;
};

void print_summary(const std::vector<ingest::FileResult>& results, std::ostream& out) {
  std::size_t counts[4] = {0, 0, 0, 0};
  for (const auto& r : results) ++counts[static_cast<int>(r.outcome)];
  out << results.size() << " file(s): " << counts[0] << " ingested, " << counts[1]
      << " already present, " << counts[2] << " refused, " << counts[3] << " failed\n";
  for (const auto& r : results) {
    if (!r.error) continue;
    out << "  " << ingest::to_string(r.outcome) << ": " << r.path << ": " << r.error->message
        << " [" << r.error->code << "]\n";
  }
}

nlohmann::ordered_json summary_json(const std::vector<ingest::FileResult>& results) {
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  std::map<std::string, std::size_t> counts{
      {"ingested", 0}, {"already present", 0}, {"refused", 0}, {"failed", 0}};
  for (const auto& r : results) {
    ++counts[ingest::to_string(r.outcome)];
    nlohmann::ordered_json file = {{"path", r.path},
                                   {"result", ingest::to_string(r.outcome)},
                                   {"id", r.sha256.empty() ? nullptr : nlohmann::ordered_json(r.sha256)},
                                   {"pages", r.pages},
                                   {"seconds", r.seconds}};
    if (r.error) {
      file["error"] = {
          {"code", r.error->code}, {"message", r.error->message}, {"stage", to_string(r.stage)}};
    }
    files.push_back(file);
  }
  return {{"ingested", counts["ingested"]},
          {"present", counts["already present"]},
          {"refused", counts["refused"]},
          {"failed", counts["failed"]},
          {"files", files}};
}

int run_ingest(const IngestArgs& args, Globals& globals) {
  if (args.workers >= 0) globals.flags["extract.workers"] = std::to_string(args.workers);
  auto config = globals.load();
  if (!config) return report_error(config.error(), args.json, "configuration");
  ingest::Options options = ingest_options(config->settings());
  options.office = args.office;

  const std::vector<ingest::Found> files = ingest::collect_files(args.paths);
  ingest::Pipeline pipeline(options);
  std::vector<ingest::FileResult> results;
  Progress progress("ingest", files.size(), globals.quiet || args.json);
  for (std::size_t i = 0; i < files.size(); ++i) {
    progress.update(i, printable(files[i].path));
    // An operator's own files: archived and indexed, left where they are.
    results.push_back(pipeline.submit({files[i].path, files[i].base, std::nullopt, false}));
    const auto& r = results.back();
    // One line per file in the log (stderr), whatever the outcome.
    spdlog::debug("{}: {} ({} pages, {}, {:.2f} s)", r.path, ingest::to_string(r.outcome),
                  r.pages, r.text_source, r.seconds);
  }
  progress.update(files.size());
  progress.finish();

  if (args.json) {
    std::cout << summary_json(results).dump(2) << '\n';
  } else if (!globals.quiet) {
    print_summary(results, std::cout);
  }
  bool refused = false;
  for (const auto& r : results) {
    if (r.outcome == ingest::Outcome::failed) return k_failure;
    refused = refused || r.outcome == ingest::Outcome::refused;
  }
  return refused ? k_refused : k_ok;
}

}  // namespace

void add_ingest(CLI::App& app, Globals& globals, int& exit_code) {
  auto args = std::make_shared<IngestArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ingest", "archive and index files or folders (recursively); the same bytes twice are "
                "archived once");
  globals.add_to(*cmd);
  cmd->add_option("PATH", args->paths, "files or folders (PDF, TIFF, PNG, JPEG)")->required();
  cmd->add_option("--office", args->office,
                  "the unit or regional office the files come from (a facet and a filter)");
  cmd->add_option("--workers", args->workers, "OCR threads (default: one per core)")
      ->check(CLI::Range(0, 256));
  cmd->add_flag("--json", args->json, "print the summary as JSON");
  cmd->callback([args, &globals, &exit_code] { exit_code = run_ingest(*args, globals); });
}

}  // namespace naskah::cli
