// libFuzzer target: the agreement parser on arbitrary text. Any crash, hang, sanitizer
// report or broken invariant (a date that is not ISO, an end before a known start without
// a warning) is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "naskah/extract/parser.h"

namespace {

bool is_iso_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

void check(const std::optional<std::string>& date) {
  if (date && !is_iso_date(*date)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  naskah::AgreementRecord record;
  record.text.assign(reinterpret_cast<const char*>(data), size);
  naskah::extract::parse_agreement(record, naskah::extract::ParseOptions{"2026-01-01"});
  check(record.signed_date);
  check(record.effective_date);
  check(record.end_date);
  for (const auto& d : record.dates) {
    if (!is_iso_date(d.value)) std::abort();
  }
  return 0;
}
