// Corrections: what a person set or confirmed in an agreement's record. They are data beside
// the original (archive/ab/<sha256>.corrections.jsonl, one line per change, append-only) and
// are applied over the parsed record, so they outlive reindexes, OCR runs and parser
// upgrades, while the parsed value stays visible in the history. A correction that sets a
// field to the value it has is a confirmation: the field is then marked corrected too.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "naskah/core/error.h"
#include "naskah/core/record.h"

namespace naskah {

struct Correction {
  std::string field;         // a CONTRACT.md record member (correctable_fields())
  nlohmann::json value;      // its new value in the record's JSON form; null clears it
  nlohmann::json old_value;  // the value it had just before (parsed or corrected)
  std::string who;           // a user name, or "cli:<login>"
  std::string when;          // ISO 8601 UTC
  std::string reason;        // optional
};

// The members a person may set: every parsed field of the record, the office, and the two
// verdicts "not_agreement" (true: not an agreement at all) and "duplicate_of" (an id), and
// "parent" (the id of the agreement this one amends or implements; null: it has none).
[[nodiscard]] const std::vector<std::string>& correctable_fields();

// `value` for `field` checked and normalised (text trimmed, dates real ISO dates, a known
// type, parties each with a name...); usage.invalid with a message saying what is wrong.
[[nodiscard]] Result<nlohmann::json> checked_value(const std::string& field,
                                                   const nlohmann::json& value);

// A value typed on the command line: JSON for lists and objects (and `null`), the text
// itself for text fields, true/false (ya/tidak) for not_agreement.
[[nodiscard]] Result<nlohmann::json> value_from_text(const std::string& field,
                                                     const std::string& text);

// The value `field` has in `record`, in the record's JSON form.
[[nodiscard]] nlohmann::json field_value(const AgreementRecord& record, const std::string& field);

// `parsed` with `corrections` applied in order: each field set, listed in `corrected`, its
// confidence 1, and its review flags gone.
[[nodiscard]] Result<AgreementRecord> apply_corrections(const AgreementRecord& parsed,
                                                        const std::vector<Correction>& corrections);

// What must hold of a record a person corrected: an end date not before the start (the
// effective date, else the signing date). usage.invalid naming the dates otherwise.
[[nodiscard]] Result<void> check_period(const AgreementRecord& record);

[[nodiscard]] nlohmann::ordered_json to_json(const Correction& correction);
[[nodiscard]] Result<Correction> correction_from_json(const nlohmann::json& json);

}  // namespace naskah
