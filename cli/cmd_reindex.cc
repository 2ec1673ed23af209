// naskah reindex: a new index generation from the archive, swapped in while search goes on.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "naskah/core/audit.h"
#include "naskah/ingest/reindex.h"
#include "options.h"
#include "progress.h"

namespace naskah::cli {
namespace {

struct ReindexArgs {
  bool ocr = false;
  std::string partition;
  std::optional<std::string> out;
  int threads = 0;
  std::string today;
  bool json = false;
};

int run_reindex(const ReindexArgs& args, Globals& globals) {
  auto config = globals.load();
  if (!config) return report_error(config.error(), args.json, "configuration");
  ingest::ReindexOptions options = reindex_options(config->settings());
  options.ocr = args.ocr;
  options.out = args.out;
  options.threads = args.threads;
  options.today = args.today;
  if (!args.partition.empty()) {
    auto partition = ingest::parse_partition(args.partition);
    if (!partition) return report_error(partition.error(), args.json, "--partition");
    if (!args.out) {
      return report_error({codes::k_usage_invalid,
                           "a partition is a part of the index: give --out DIR for it", ""},
                          args.json, "--partition");
    }
    options.partition = *partition;
  }
  std::unique_ptr<Progress> progress;
  options.progress = [&](std::size_t done, std::size_t total) {
    if (!progress) progress = std::make_unique<Progress>("reindex", total, globals.quiet || args.json);
    progress->update(done);
  };
  auto stats = ingest::reindex(options);
  if (progress) progress->finish();
  if (!stats) return report_error(stats.error(), args.json, "reindex");
  audit_cli(config->settings(), audit::k_reindex, stats->database,
            {{"documents", stats->documents}, {"failed", stats->failed}, {"ocr", args.ocr}});
  const double rate = stats->seconds > 0 ? static_cast<double>(stats->documents) / stats->seconds : 0;
  if (args.json) {
    nlohmann::ordered_json out = {{"documents", stats->documents},
                                  {"failed", stats->failed},
                                  {"words", stats->words},
                                  {"seconds", stats->seconds},
                                  {"database", stats->database}};
    std::cout << out.dump(2) << '\n';
  } else if (!globals.quiet) {
    std::cout << "reindexed " << stats->documents << " record(s) in " << stats->seconds
              << " s (" << static_cast<long>(rate) << " per second) into " << stats->database
              << "\n";
    if (stats->failed > 0) {
      std::cout << stats->failed << " record(s) could not be read; see the log above\n";
    }
  }
  return stats->failed > 0 ? k_failure : k_ok;
}

}  // namespace

void add_reindex(CLI::App& app, Globals& globals, int& exit_code) {
  auto args = std::make_shared<ReindexArgs>();
  CLI::App* cmd = app.add_subcommand(
      "reindex", "rebuild the index from the archive with the current parser (no OCR unless "
                 "--ocr) and swap it in while searches go on");
  globals.add_to(*cmd);
  cmd->add_flag("--ocr", args->ocr, "extract the originals again too (slow)");
  cmd->add_option("--partition", args->partition,
                  "build only the k-th of n ranges of document ids, written k/n (needs --out)");
  cmd->add_option("--out", args->out, "write a standalone database to this new folder");
  cmd->add_option("--threads", args->threads, "term generation threads (default: one per core)")
      ->check(CLI::Range(0, 256));
  cmd->add_option("--today", args->today, "date the parser's warnings are computed for");
  cmd->add_flag("--json", args->json, "print the result as JSON");
  cmd->callback([args, &globals, &exit_code] { exit_code = run_reindex(*args, globals); });
}

}  // namespace naskah::cli
