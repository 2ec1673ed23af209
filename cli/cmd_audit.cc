// naskah audit [--since DATE] [--format csv|json] and naskah audit verify: read the audit
// log of who did what (core/audit.h), and check its hash chain.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "naskah/core/audit.h"
#include "naskah/core/data_dir.h"

namespace naskah::cli {
namespace {

struct AuditArgs {
  std::string since;
  std::string format = "text";
  std::string action;
  std::string who;
};

int run_read(const AuditArgs& args, Globals& globals) {
  auto config = globals.load();
  if (!config) return report_error(config.error(), args.format == "json", "configuration");
  auto lines = AuditLog(DataDir{config->settings().data_dir}.audit())
                   .read({args.since, args.action, args.who});
  if (!lines) return report_error(lines.error(), args.format == "json", "audit");
  if (args.format == "json") {
    std::cout << nlohmann::ordered_json{{"events", *lines}}.dump(2) << '\n';
  } else if (args.format == "csv") {
    std::cout << audit_csv(*lines);
  } else {
    for (const auto& e : *lines) {
      std::cout << e.value("time", "") << "  " << e.value("action", "") << "  "
                << e.value("who", "");
      if (!e.value("subject", "").empty()) std::cout << "  " << e.value("subject", "");
      if (!e.value("address", "").empty()) std::cout << "  from " << e.value("address", "");
      std::cout << '\n';
    }
  }
  return k_ok;
}

int run_verify(Globals& globals) {
  auto config = globals.load();
  if (!config) return report_error(config.error(), false, "configuration");
  auto check = AuditLog(DataDir{config->settings().data_dir}.audit()).verify();
  if (!check) return report_error(check.error(), false, "audit verify");
  if (check->intact) {
    if (!globals.quiet) std::cout << "audit log intact: " << check->lines << " line(s)\n";
    return k_ok;
  }
  std::cout << "audit log NOT intact: " << check->file;
  if (check->line > 0) std::cout << " line " << check->line;
  std::cout << " " << check->reason << '\n';
  return k_failure;
}

}  // namespace

void add_audit(CLI::App& app, Globals& globals, int& exit_code) {
  auto args = std::make_shared<AuditArgs>();
  CLI::App* cmd = app.add_subcommand(
      "audit",
      "read the audit log of who did what (sign-ins, uploads, views, corrections, user "
      "changes, reindexes); `audit verify` checks its hash chain");
  globals.add_to(*cmd);
  cmd->add_option("--since", args->since, "from this day on (YYYY-MM-DD)");
  cmd->add_option("--format", args->format, "text (default), csv or json")
      ->check(CLI::IsMember({"text", "csv", "json"}));
  cmd->add_option("--action", args->action, "only this action (e.g. agreement.view)");
  cmd->add_option("--who", args->who, "only what this user did");
  cmd->callback([args, &globals, &exit_code, cmd] {
    if (cmd->got_subcommand("verify")) return;
    exit_code = run_read(*args, globals);
  });
  CLI::App* verify = cmd->add_subcommand(
      "verify", "check the log's hash chain: exit 0 when intact, 1 naming the first bad line");
  globals.add_to(*verify);
  verify->callback([&globals, &exit_code] { exit_code = run_verify(globals); });
}

}  // namespace naskah::cli
