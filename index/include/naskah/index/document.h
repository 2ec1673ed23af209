// A record -> its Xapian document (schema.h), and back. Term generation needs no database,
// so any number of threads can prepare documents for the one writer. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "naskah/core/error.h"
#include "naskah/core/record.h"

namespace naskah::index {

struct Prepared {
  std::string id_term;  // "Q" + sha256
  Xapian::Document document;
  std::vector<std::string> spelling;  // words for the spelling dictionary, each once
  std::size_t positions = 0;          // word positions indexed: what a writer buffers
};

// Terms, values and data (the record as JSON, text included) of `record`.
[[nodiscard]] Prepared prepare(const AgreementRecord& record);

// The record stored in a document (its text left empty unless `with_text`).
[[nodiscard]] Result<AgreementRecord> record_of(const Xapian::Document& document,
                                                bool with_text = true);

// Mean OCR confidence below which a record is flagged "low-ocr".
inline constexpr double k_low_confidence = 60.0;

// What makes a record suspicious, as flags (core/checks.h explains each): "no-parties",
// "no-signed-date", "no-number", "duplicate", "low-ocr", "signed-on-sunday",
// "signed-on-holiday", and every needs_review item but missing fields ("doubtful-numbers",
// "addendum-without-parent"). Agreements only (doc_type "other" is not an agreement).
[[nodiscard]] std::vector<std::string> suspicion_flags(const AgreementRecord& record);

// The year a record is filed under: of the signing date, else of the effective date.
[[nodiscard]] std::string year_of(const AgreementRecord& record);

}  // namespace naskah::index
