// naskah compact: shards merged into one database with Xapian's compaction — the partitions
// of a reindex split over machines (reindex --partition k/n --out DIR), or the shards of
// several ingest nodes. Into a new standalone database (--out), or swapped in as the data
// folder's live index (--install) while searches go on.
#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "naskah/index/shards.h"
#include "naskah/index/store.h"
#include "naskah/ingest/ingester.h"
#include "options.h"

namespace naskah::cli {
namespace {

struct CompactArgs {
  std::vector<std::string> shards;
  std::string out;
  bool install = false;
  bool json = false;
};

struct Merged {
  std::uint64_t documents = 0;
  std::uint64_t dropped = 0;
  std::string database;
};

Result<Merged> merge(index::Builder builder, const std::vector<std::string>& shards,
                     const index::WriteLock* lock) {
  auto dropped = builder.merge_shards(shards);
  if (!dropped) return tl::unexpected(dropped.error());
  Merged merged{builder.count(), *dropped, builder.path()};
  if (auto finished = builder.finish(lock); !finished) return tl::unexpected(finished.error());
  return merged;
}

int run_compact(const CompactArgs& args, Globals& globals) {
  auto config = globals.load();
  if (!config) return report_error(config.error(), args.json, "configuration");
  const auto& settings = config->settings();
  const std::vector<std::string> shards = args.shards.empty() ? settings.index.shards : args.shards;
  const char* subject = "compact";
  if (shards.empty()) {
    return report_error({codes::k_usage_invalid,
                         "name the shards to merge (folders), or list them in index.shards", ""},
                        args.json, subject);
  }
  if (auto checked = index::check_shards(shards); !checked) {
    return report_error(checked.error(), args.json, subject);
  }
  for (const std::string& shard : shards) {
    if (index::parse_remote(shard)) {
      return report_error({codes::k_usage_invalid,
                           "compaction reads database folders, not remote shards: run it where "
                           "the shard's folder is, or copy the folder here",
                           shard},
                          args.json, subject);
    }
  }
  if (args.install == !args.out.empty()) {
    return report_error({codes::k_usage_invalid,
                         "give either --out DIR (a new database) or --install (the data "
                         "folder's index)",
                         ""},
                        args.json, subject);
  }
  const auto started = std::chrono::steady_clock::now();
  Result<Merged> merged;
  if (args.install) {
    const std::string index_dir = DataDir{settings.data_dir}.index();
    auto lock = index::WriteLock::acquire(
        index_dir, std::chrono::seconds(settings.index.lock_timeout_seconds));
    if (!lock) return report_error(lock.error(), args.json, subject);
    auto builder = index::Builder::new_generation(index_dir);
    if (!builder) return report_error(builder.error(), args.json, subject);
    merged = merge(std::move(*builder), shards, &*lock);
  } else {
    auto builder = index::Builder::standalone(args.out);
    if (!builder) return report_error(builder.error(), args.json, subject);
    merged = merge(std::move(*builder), shards, nullptr);
  }
  if (!merged) return report_error(merged.error(), args.json, subject);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (args.json) {
    nlohmann::ordered_json out = {{"shards", shards.size()},
                                  {"documents", merged->documents},
                                  {"duplicates_dropped", merged->dropped},
                                  {"seconds", seconds},
                                  {"database", merged->database}};
    std::cout << out.dump(2) << '\n';
  } else if (!globals.quiet) {
    std::cout << "merged " << shards.size() << " shard(s), " << merged->documents
              << " document(s), in " << seconds << " s into " << merged->database << "\n";
    if (merged->dropped > 0) {
      std::cout << merged->dropped << " document(s) were in more than one shard; kept once\n";
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
