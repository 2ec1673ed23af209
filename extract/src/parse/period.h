// The period of validity: "berlaku untuk jangka waktu 3 (tiga) tahun terhitung sejak
// tanggal ditandatangani", "terhitung mulai tanggal 1 April 2018 sampai dengan tanggal
// 31 Maret 2021", "berlaku sejak tanggal ditandatangani sampai dengan ... tanggal 14 Juli
// 2022", "shall remain in force for a period of five (5) years". Thread-safe.
#pragma once

#include <optional>

#include "naskah/core/record.h"
#include "parse/dates.h"

namespace naskah::extract::parse {

struct Period {
  std::optional<Date> effective;  // an explicit start
  std::optional<Date> end;        // an explicit end
  std::optional<Duration> duration;
  bool from_signing = false;      // counted from the date of signing
};

// Reads the validity clause from the flat text of a prepared document.
[[nodiscard]] Period read_period(const std::string& flat);

}  // namespace naskah::extract::parse
