// naskah correct ID FIELD VALUE and naskah history ID: a person's correction of what the
// parser read (ingest/corrections.h), and every value an agreement's fields have had.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "naskah/core/audit.h"
#include "naskah/core/correction.h"
#include "naskah/ingest/corrections.h"
#include "options.h"

namespace naskah::cli {
namespace {

struct CorrectArgs {
  std::string id;
  std::string field;
  std::string value;
  std::string reason;
  std::string as;
  bool json = false;
};

std::string shown(const nlohmann::json& value) {
  if (value.is_null()) return "(none)";
  return value.is_string() ? value.get<std::string>() : value.dump();
}

int run_correct(const CorrectArgs& args, Globals& globals) {
  auto config = globals.load();
  if (!config) return report_error(config.error(), args.json, "configuration");
  const config::Settings& settings = config->settings();
  auto value = value_from_text(args.field, args.value);
  if (!value) return report_error(value.error(), args.json, "correct");
  const std::string who = args.as.empty() ? command_line_user() : args.as;
  auto before = ingest::history(DataDir{settings.data_dir}, args.id);
  if (!before) return report_error(before.error(), args.json, "correct");
  auto record = ingest::correct(DataDir{settings.data_dir},
                                {args.id, {{args.field, *value}}, who, args.reason},
                                std::chrono::seconds(settings.index.lock_timeout_seconds));
  if (!record) return report_error(record.error(), args.json, "correct");
  const nlohmann::json old = before->at("fields").at(args.field).at("now");
  audit_cli(settings, audit::k_correct, args.id,
            {{"field", args.field}, {"old", old}, {"new", *value}, {"as", who}});
  if (args.json) {
    std::cout << to_json(*record, false).dump(2) << '\n';
  } else if (!globals.quiet) {
    std::cout << args.field << ": " << shown(old) << " -> " << shown(*value) << " (" << who
              << ")\n";
  }
  return k_ok;
}

int run_history(const CorrectArgs& args, Globals& globals) {
  auto config = globals.load();
  if (!config) return report_error(config.error(), args.json, "configuration");
  auto history = ingest::history(DataDir{config->settings().data_dir}, args.id);
  if (!history) return report_error(history.error(), args.json, "history");
  if (args.json) {
    std::cout << history->dump(2) << '\n';
    return k_ok;
  }
  for (const auto& [field, entry] : history->at("fields").items()) {
    const auto& corrections = entry.at("corrections");
    if (corrections.empty() && entry.at("parsed").is_null()) continue;
    std::cout << field << ": " << shown(entry.at("now")) << '\n';
    std::cout << "    read by the parser: " << shown(entry.at("parsed")) << '\n';
    for (const auto& c : corrections) {
      std::cout << "    " << c.value("when", "") << " " << c.value("who", "") << ": "
                << shown(c.at("value"));
      if (c.contains("reason")) std::cout << "  (" << c.at("reason").get<std::string>() << ")";
      std::cout << '\n';
    }
  }
  return k_ok;
}

}  // namespace

void add_correct(CLI::App& app, Globals& globals, int& exit_code) {
  auto args = std::make_shared<CorrectArgs>();
  CLI::App* cmd = app.add_subcommand(
      "correct",
      "record a person's correction of one field of an archived agreement; it "
      "outlives reindexes and parser upgrades (the same value again: a confirmation)");
  globals.add_to(*cmd);
  cmd->add_option("ID", args->id, "the agreement's id (sha256)")->required();
  std::string fields;
  for (const std::string& f : correctable_fields()) fields += (fields.empty() ? "" : ", ") + f;
  cmd->add_option("FIELD", args->field, "one of " + fields)->required();
  cmd->add_option("VALUE", args->value,
                  "the value: text, a date YYYY-MM-DD, JSON for lists (parties, numbers...), "
                  "null to clear")
      ->required();
  cmd->add_option("--reason", args->reason, "why (kept in the history)");
  cmd->add_option("--as", args->as, "the person it is recorded for (default: cli:<login>)");
  cmd->add_flag("--json", args->json, "print the corrected record as JSON");
  cmd->callback([args, &globals, &exit_code] { exit_code = run_correct(*args, globals); });

  auto history_args = std::make_shared<CorrectArgs>();
  CLI::App* history = app.add_subcommand(
      "history",
      "every value an agreement's fields have had: what the parser read, and each "
      "correction with who and when");
  globals.add_to(*history);
  history->add_option("ID", history_args->id, "the agreement's id (sha256)")->required();
  history->add_flag("--json", history_args->json, "print as JSON");
  history->callback(
      [history_args, &globals, &exit_code] { exit_code = run_history(*history_args, globals); });
}

}  // namespace naskah::cli
