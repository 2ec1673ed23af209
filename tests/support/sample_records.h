// Small agreement records with known contents, for the index, ingest and search tests.
#pragma once

#include <string>

#include "naskah/core/record.h"

namespace naskah::test {

// A record with an id made from `key` (sha256 of it), the given fields and a short text
// naming the parties and title; language "id" unless set afterwards.
[[nodiscard]] AgreementRecord make_record(const std::string& key, const std::string& doc_type,
                                          const std::string& title,
                                          const std::vector<std::string>& parties,
                                          const std::vector<std::string>& numbers,
                                          const std::string& signed_date,
                                          const std::string& end_date,
                                          const std::string& body = {});

// A fresh empty folder under the system's temporary folder, removed by the caller.
[[nodiscard]] std::string temp_folder(const std::string& name);

}  // namespace naskah::test
