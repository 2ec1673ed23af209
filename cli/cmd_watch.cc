// naskah watch: the always-on inbox (ingest/watcher.h), and the hidden `naskah worker` that
// the watcher starts for each isolated extraction process.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "naskah/ingest/watcher.h"
#include "naskah/ingest/worker.h"
#include "options.h"
#include "signals.h"

namespace naskah::cli {
namespace {

struct WatchArgs {
  std::vector<std::string> inboxes;
  int workers = -1;
  bool until_idle = false;
  bool json = false;
};

int run_watch(const WatchArgs& args, Globals& globals) {
  auto config = globals.load();
  if (!config) return report_error(config.error(), args.json, "configuration");
  ingest::WatchOptions options = watch_options(config->settings());
  if (!args.inboxes.empty()) options.inboxes = args.inboxes;
  if (args.workers >= 0) options.workers = args.workers;
  options.until_idle = args.until_idle;
  options.ingest.worker_command = {"/proc/self/exe", "worker"};
  if (globals.verbose) options.ingest.worker_command.emplace_back("--verbose");
  install_stop_handlers();
  auto stats = ingest::watch(options, stop_requested());
  if (!stats) return report_error(stats.error(), args.json, "watch");
  if (args.json) {
    const nlohmann::ordered_json out = {{"ingested", stats->ingested},
                                        {"present", stats->present},
                                        {"refused", stats->refused},
                                        {"failed", stats->failed}};
    std::cout << out.dump(2) << '\n';
  } else if (!globals.quiet) {
    std::cout << stats->ingested << " ingested, " << stats->present << " already present, "
              << stats->refused << " refused (in failed/), " << stats->failed
              << " to be tried again\n";
  }
  return k_ok;
}

}  // namespace

void add_watch(CLI::App& app, Globals& globals, int& exit_code) {
  auto args = std::make_shared<WatchArgs>();
  CLI::App* cmd = app.add_subcommand(
      "watch",
      "daemon: ingest whatever lands in the inbox folder(s); refused files go to "
      "failed/ with a reason; stops cleanly on SIGTERM");
  globals.add_to(*cmd);
  cmd->add_option("--inbox", args->inboxes,
                  "a folder to watch (repeatable; default: watch.inboxes, else DATA/inbox); "
                  "a sub-folder names the office a file comes from");
  cmd->add_option("--workers", args->workers, "worker processes (default: one per core)")
      ->check(CLI::Range(0, 256));
  cmd->add_flag("--until-idle", args->until_idle,
                "exit once the inbox is empty and every file is done (for batch jobs)");
  cmd->add_flag("--json", args->json, "print the counts at the end as JSON");
  cmd->callback([args, &globals, &exit_code] { exit_code = run_watch(*args, globals); });
}

void add_worker(CLI::App& app, Globals& globals, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("worker", "an isolated extraction process (started by watch)");
  cmd->group("");  // not listed in --help: nobody runs it by hand
  globals.add_to(*cmd);
  cmd->callback([&globals, &exit_code] {
    start_logging(globals.verbose ? "debug" : "info");
    exit_code = ingest::run_worker(STDIN_FILENO, STDOUT_FILENO);
  });
}

}  // namespace naskah::cli
