// What each finding of the checks means, in Indonesian and English: the one table that the
// report, its CSV and spreadsheet, the dashboard and the agreement page explain them from.
//
// A finding is filed in the index as a flag (index/document.h's suspicion_flags): a check
// code of record.h's review namespace without "check.", then "-" and the field it concerns
// when it concerns one ("doubtful-numbers", "weekday-mismatch-signed_date",
// "addendum-without-parent"), or one of the older short names ("no-parties", "duplicate",
// "low-ocr").
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace naskah {

struct Finding {
  std::string flag;
  std::string code;   // "check.missing"
  std::string field;  // "parties"; empty for the record as a whole
  std::string id;     // the reason in Indonesian
  std::string en;     // and in English
};

// The finding a flag stands for; an unknown flag (of a newer naskah) explains itself.
[[nodiscard]] Finding explain(std::string_view flag);

// Every check code there is, in the order of the table.
[[nodiscard]] const std::vector<std::string>& check_codes();

// {"flag", "code", "field" (or null), "reason": {"id", "en"}}.
[[nodiscard]] nlohmann::ordered_json to_json(const Finding& finding);

}  // namespace naskah
