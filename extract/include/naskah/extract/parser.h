// The agreement parser: reads the fields of CONTRACT.md (type, title, numbers, parties,
// signatories, dates, period, amounts, references, warnings) from a record's text, from
// clean text layers and noisy OCR alike, in Indonesian and English. Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "naskah/core/record.h"

namespace naskah::extract {

struct ParseOptions {
  // Today's date (ISO 8601) for the "already expired" warning; empty = the system clock.
  std::string today;
};

// Fills the agreement fields of `record` from `record.text`. Unknown values stay null or
// empty; nothing is guessed.
void parse_agreement(AgreementRecord& record, const ParseOptions& options = {});

// The version of the parser's rules, stored with archived records so a reindex knows
// which records an improved parser would read differently. 2: real scans' headings,
// confidences and needs_review. 3: confidences from the OCR's words (unsure_words).
// 4: check.signed-after-end. 5: cited numbers with spaces around a dash or slash.
inline constexpr const char* k_parser_version = "5";

}  // namespace naskah::extract
