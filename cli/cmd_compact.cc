// naskah compact: shards merged into one database (index/compact.h), into a new standalone
// database (--out), or swapped in as the data folder's live index (--install) while
// searches go on.
#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "naskah/core/data_dir.h"
#include "naskah/index/compact.h"
#include "options.h"

namespace naskah::cli {
namespace {

struct CompactArgs {
  std::vector<std::string> shards;
  std::string out;
  bool install = false;
  bool json = false;
};

int run_compact(const CompactArgs& args, Globals& globals) {
  auto config = globals.load();
  if (!config) return report_error(config.error(), args.json, "configuration");
  const auto& settings = config->settings();
  const std::vector<std::string> shards = args.shards.empty() ? settings.index.shards : args.shards;
  const char* subject = "compact";
  if (args.install == !args.out.empty()) {
    return report_error({codes::k_usage_invalid,
                         "give either --out DIR (a new database) or --install (the data "
                         "folder's index)",
                         ""},
                        args.json, subject);
  }
  const auto started = std::chrono::steady_clock::now();
  auto merged =
      index::compact({shards, args.install ? DataDir{settings.data_dir}.index() : args.out,
                      args.install, std::chrono::seconds(settings.index.lock_timeout_seconds)});
  if (!merged) return report_error(merged.error(), args.json, subject);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (args.json) {
    nlohmann::ordered_json out = {{"shards", shards.size()},
                                  {"documents", merged->documents},
                                  {"duplicates_dropped", merged->duplicates_dropped},
                                  {"seconds", seconds},
                                  {"database", merged->database}};
    std::cout << out.dump(2) << '\n';
  } else if (!globals.quiet) {
    std::cout << "merged " << shards.size() << " shard(s), " << merged->documents
              << " document(s), in " << seconds << " s into " << merged->database << "\n";
    if (merged->duplicates_dropped > 0) {
      std::cout << merged->duplicates_dropped
                << " document(s) were in more than one shard; kept once\n";
    }
  }
  return k_ok;
}

}  // namespace

void add_compact(CLI::App& app, Globals& globals, int& exit_code) {
  auto args = std::make_shared<CompactArgs>();
  CLI::App* cmd =
      app.add_subcommand("compact",
                         "merge shards (partitions of a reindex, indexes of other nodes) into one "
                         "database with Xapian's compaction");
  globals.add_to(*cmd);
  cmd->add_option("SHARD", args->shards,
                  "index or database folders to merge (default: index.shards)");
  cmd->add_option("--out", args->out, "write the merged database to this new folder");
  cmd->add_flag("--install", args->install,
                "make the merged database the data folder's live index (a new generation, "
                "swapped in while searches go on)");
  cmd->add_flag("--json", args->json, "print the result as JSON");
  cmd->callback([args, &globals, &exit_code] { exit_code = run_compact(*args, globals); });
}

}  // namespace naskah::cli
