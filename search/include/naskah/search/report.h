// The monitoring list leaders open every Monday: agreements expiring within N days, those
// already expired, and the suspicious ones (missing parties, signing date or number, a
// possible duplicate, low OCR confidence), as of a given day.
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
  std::vector<std::string> reasons;  // suspicious: "no-parties", "duplicate"...
};

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
// One line per row: list,id,doc_type,title,parties,numbers,signed,end,status,reasons.
[[nodiscard]] std::string to_csv(const Report& report);

}  // namespace naskah::search
