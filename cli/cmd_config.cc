// naskah config show [--json]: every setting, its value and where it came from.
#include <iomanip>
#include <iostream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "commands.h"

namespace naskah::cli {
namespace {

int run_show(Globals& globals, bool json) {
  auto config = globals.load();
  if (!config) return report_error(config.error(), json, "configuration");
  if (json) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& entry : config->entries()) {
      out[entry.key] = {{"value", entry.value}, {"origin", to_string(entry.origin)}};
    }
    std::cout << out.dump(2) << '\n';
    return k_ok;
  }
  for (const auto& entry : config->entries()) {
    std::cout << std::left << std::setw(28) << entry.key << std::setw(20) << entry.value
              << " (" << to_string(entry.origin) << ")  # " << entry.help << '\n';
  }
  return k_ok;
}

}  // namespace

void add_config(CLI::App& app, Globals& globals, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("config", "show the settings in force");
  cmd->require_subcommand(1);
  CLI::App* show =
      cmd->add_subcommand("show", "print every setting, its value and where it came from "
                                  "(default, file, environment, flag)");
  globals.add_to(*cmd);
  globals.add_to(*show);
  auto json = std::make_shared<bool>(false);
  show->add_flag("--json", *json, "print as JSON");
  show->callback([&globals, &exit_code, json] { exit_code = run_show(globals, *json); });
}

}  // namespace naskah::cli
