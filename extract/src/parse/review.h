// What a person should check in a parsed record: a confidence per field, from the rule that
// matched and the OCR's confidence, and needs_review flags (record.h's check codes) for what
// is missing, doubtful or incomplete. Readings not trusted enough leave the field and wait in
// the flag's value. Thread-safe.
#pragma once

#include <string_view>

#include "naskah/core/record.h"

namespace naskah::extract::parse {

// How the parser came by what it read, beyond the record itself.
struct Evidence {
  bool kind_from_body = false;    // the heading's kind line was lost (heading.h)
  bool weekday_mismatch = false;  // the signing date's weekday is not the calendar's
};

enum class NumberReading { clean, doubtful, incomplete };

// Whether an agreement number as read looks like one as printed: "W21.HM.03.04-" is
// incomplete (left for a hand to fill in); "WO: PAS. PASto.pk.ot.os" and "562YUN30.10" are
// OCR's garbling (a colon inside, case mixed within a code, a code glued to a number).
[[nodiscard]] NumberReading judge_number(std::string_view number);

// Fills record.confidence and record.needs_review; moves doubtful numbers into their flags.
void assess(AgreementRecord& record, const Evidence& evidence);

}  // namespace naskah::extract::parse
