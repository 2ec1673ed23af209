// Refused files leave the inbox for failed/: moved (not copied), with NAME.error.json beside
// them saying, in Indonesian and English, what is wrong and what to do. A file fixed and
// dropped again is simply taken again.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "naskah/core/error.h"

namespace naskah::ingest {

struct Quarantined {
  std::string file;    // failed/NAME
  std::string report;  // failed/NAME.error.json
};

// Writes the report, then moves `path` into `failed_dir` (a new name if NAME is taken: a
// crash between the two steps leaves the file in the inbox, to be refused again). Works
// across file systems (an inbox on a network share): copy, sync, then remove.
[[nodiscard]] Result<Quarantined> quarantine(const std::string& failed_dir, const std::string& path,
                                             const Error& error, const std::string& sha256);

// The report: code, message and what to do in both languages, time, file, sha256.
[[nodiscard]] nlohmann::ordered_json error_report(const Error& error, const std::string& path,
                                                  const std::string& sha256);

// The report (NAME.error.json, as error_report wrote it) of the refused file with this
// sha256 in `failed_dir`; nullopt when there is none.
[[nodiscard]] std::optional<nlohmann::json> find_refusal(const std::string& failed_dir,
                                                         const std::string& sha256);

}  // namespace naskah::ingest
