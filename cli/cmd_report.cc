// naskah report: what expires soon, what has expired, what looks suspicious.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "commands.h"
#include "naskah/core/checks.h"
#include "naskah/search/export.h"
#include "naskah/search/report.h"
#include "options.h"

namespace naskah::cli {
namespace {

struct ReportArgs {
  std::optional<int> days;
  std::string format = "table";
  std::string today;
  bool json = false;
};

void print_rows(const char* heading, const std::vector<search::ReportRow>& rows) {
  std::cout << heading << " (" << rows.size() << ")\n";
  for (const search::ReportRow& row : rows) {
    const AgreementRecord& r = row.record;
    std::string parties;
    for (const Party& p : r.parties) parties += (parties.empty() ? "" : "; ") + p.name;
    std::cout << "  " << r.end_date.value_or("          ") << "  " << r.doc_type.value_or("?")
              << "  " << (r.numbers.empty() ? "-" : r.numbers.front()) << "  "
              << (parties.empty() ? r.title.value_or("-") : parties);
    if (!row.reasons.empty()) {
      std::string reasons;
      for (const auto& reason : row.reasons) {
        reasons += (reasons.empty() ? "" : "; ") + explain(reason).en;
      }
      std::cout << "  [" << reasons << "]";
    }
    std::cout << "\n    " << r.source.path << "  " << r.sha256.substr(0, 12) << "\n";
  }
  std::cout << "\n";
}

int run_report(const ReportArgs& args, Globals& globals) {
  const bool json = args.json || args.format == "json";
  auto config = globals.load();
  if (!config) return report_error(config.error(), json, "configuration");
  const auto& settings = config->settings();
  auto shards = search_shards(settings);
  if (!shards) return report_error(shards.error(), json, "configuration");
  search::Searcher searcher(std::move(*shards), shard_options(settings));
  auto report = search::make_report(searcher, args.today,
                                    args.days.value_or(settings.search.expiring_days));
  if (!report) return report_error(report.error(), json, "report");
  if (json) {
    std::cout << search::to_json(*report).dump(2) << '\n';
  } else if (args.format == "csv") {
    std::cout << search::to_csv(*report);
  } else if (args.format == "xlsx") {
    auto workbook = search::to_xlsx(search::report_table(*report), "report");
    if (!workbook) return report_error(workbook.error(), false, "report");
    std::cout << *workbook;
  } else {
    std::cout << "as of " << report->today << "\n\n";
    print_rows(("expiring within " + std::to_string(report->days) + " days").c_str(),
               report->expiring);
    print_rows("expired", report->expired);
    print_rows("suspicious", report->suspicious);
  }
  return k_ok;
}

}  // namespace

void add_report(CLI::App& app, Globals& globals, int& exit_code) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "report", "the monitoring list: agreements expiring soon, expired, and suspicious ones "
                "(missing parties, dates or numbers, duplicates, low OCR confidence)");
  globals.add_to(*cmd);
  cmd->add_option("--days", args->days, "expiring within this many days (default: "
                                        "search.expiring_days, 90)")
      ->check(CLI::Range(1, 3650));
  cmd->add_option("--format", args->format,
                  "table, csv, json, or xlsx (a workbook on standard output: redirect it)")
      ->check(CLI::IsMember({"table", "csv", "json", "xlsx"}));
  cmd->add_option("--today", args->today, "as of this date (YYYY-MM-DD)");
  cmd->add_flag("--json", args->json, "same as --format json");
  cmd->callback([args, &globals, &exit_code] { exit_code = run_report(*args, globals); });
}

}  // namespace naskah::cli
