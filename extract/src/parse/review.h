// What a person should check in a parsed record: a confidence per field, from the rule that
// matched and the OCR's confidence, and needs_review flags (record.h's check codes) for what
// is missing, doubtful or incomplete. Readings not trusted enough leave the field and wait in
// the flag's value. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "naskah/core/record.h"

namespace naskah::extract::parse {

// How the parser came by what it read, beyond the record itself.
struct Evidence {
  bool kind_from_body = false;    // the heading's kind line was lost (heading.h)
  bool weekday_mismatch = false;  // the signing date's weekday is not the calendar's
  std::string signed_text;        // the words the signing date was read from
};

enum class NumberReading { clean, doubtful, incomplete };

// Whether an agreement number as read looks like one as printed: "W21.HM.03.04-" is
// incomplete (left for a hand to fill in); "WO: PAS. PASto.pk.ot.os", "562YUN30.10" and
// "UN30 12" are OCR's garbling (a colon inside, case mixed within a code, a code glued to a
// number, a separator lost between digits).
[[nodiscard]] NumberReading judge_number(std::string_view number);

// The lowest confidence OCR read a word of `value` with, if it was unsure of one
// (record.unsure_words: a word of the value, or a word the value was cut from or glued
// into); nullopt when every word of it was read with confidence.
[[nodiscard]] std::optional<double> unsure_reading(const AgreementRecord& record,
                                                   std::string_view value);

// Fills record.confidence and record.needs_review; moves doubtful numbers into their flags.
// A field's confidence is its rule's, lowered by the OCR's confidence in the words it was
// read from (by the page's mean confidence for a record that kept no word confidences).
void assess(AgreementRecord& record, const Evidence& evidence);

}  // namespace naskah::extract::parse
