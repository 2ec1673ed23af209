// reparse: the agreement parser alone, on records extracted before (`naskah extract --json
// --text`), so that a parser change can be scored in seconds instead of re-running OCR:
//   reparse RECORD.json            prints the record read again by today's parser
// bench/parse_score.sh runs score.py with it over a corpus. Exit 1 when the file is not a
// record with text.
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "naskah/core/record.h"
#include "naskah/extract/record_builder.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: reparse RECORD.json\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  const auto json = nlohmann::json::parse(in, nullptr, false);
  auto record = json.is_discarded() ? naskah::Result<naskah::AgreementRecord>()
                                    : naskah::record_from_json(json);
  if (json.is_discarded() || !record || record->text.empty()) {
    std::cerr << "reparse: " << argv[1] << " is not a record with text\n";
    return 1;
  }
  // What extraction found is kept; everything the parser reads is read again.
  const naskah::AgreementRecord fresh = naskah::extract::reread_record(*record);
  std::cout << naskah::to_json(fresh, false).dump(2) << '\n';
  return 0;
}
