// The monitoring list leaders open every Monday: agreements expiring within N days, those
// already expired (both by their period after the addenda), and the suspicious ones (each
// finding of the checks, core/checks.h), as of a given day. Each row: "reasons" (the
// findings' flags) and "checks" (each with its code and reason in Indonesian and English).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "naskah/core/error.h"
#include "naskah/core/record.h"
#include "naskah/search/search.h"

namespace naskah::search {

struct ReportRow {
  AgreementRecord record;  // text cleared
  std::string status;
  std::vector<std::string> reasons;  // suspicious: flags, "no-parties", "duplicate"...
};

// Reasons (flags) as core/checks.h explains them: [{"flag", "code", "field", "reason"}].
[[nodiscard]] nlohmann::ordered_json findings_json(const std::vector<std::string>& reasons);

struct Report {
  std::string today;
  int days = 90;
  std::vector<ReportRow> expiring;    // soonest first
  std::vector<ReportRow> expired;     // most recently ended first
  std::vector<ReportRow> suspicious;  // most reasons first
  std::vector<std::string> warnings;  // shards left out: the lists are partial
};

// `today` empty = the system clock.
[[nodiscard]] Result<Report> make_report(Searcher& searcher, std::string today, int days);

[[nodiscard]] nlohmann::ordered_json to_json(const Report& report);
// One line per row: the columns of export.h's report_table.
[[nodiscard]] std::string to_csv(const Report& report);

}  // namespace naskah::search
