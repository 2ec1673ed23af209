// Staff correct what the parser read (core/correction.h): the changes are checked, kept in the
// archive beside the original, and the agreement is indexed again at once, so that search,
// facets, status and reports show what a person said.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "naskah/core/data_dir.h"
#include "naskah/core/error.h"
#include "naskah/core/record.h"

namespace naskah::ingest {

struct CorrectionRequest {
  std::string id;  // the agreement's sha256
  // Field and new value (the record's JSON form; the value it has already: a confirmation).
  std::vector<std::pair<std::string, nlohmann::json>> changes;
  std::string who;
  std::string reason;
};

// Applies `request` as one: every change is checked and the corrected record must hold (an
// end not before the start) before any is kept; then the record is indexed again (waiting
// up to `lock_timeout` for the index's writer). Returns the record as it is now. Fails with
// usage.invalid (a bad field or value), archive.missing, index.locked.
[[nodiscard]] Result<AgreementRecord> correct(const DataDir& data, const CorrectionRequest& request,
                                              std::chrono::milliseconds lock_timeout);

// The history of an agreement: for each field a person may correct, the value the parser
// read and every correction with who, when and why; and the effective record's values.
//   {"id", "fields": {"signed_date": {"parsed": ..., "now": ..., "corrections": [...]}, ...}}
[[nodiscard]] Result<nlohmann::ordered_json> history(const DataDir& data, const std::string& id);

}  // namespace naskah::ingest
