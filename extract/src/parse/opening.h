// The opening of an agreement: when and where it was signed, and who signs for whom.
//     Pada hari ini Senin tanggal enam belas bulan Januari tahun dua ribu dua puluh tiga
//     (16/01/2023), bertempat di Manado, yang bertanda tangan di bawah ini:
//     1. <name, titles> : <position>, dalam hal ini bertindak untuk dan atas nama <party>,
//        ... selanjutnya disebut PIHAK PERTAMA;
// and the English closing "Signed in Bali on 11 June 2019". Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parse/dates.h"

namespace naskah::extract::parse {

struct Signer {
  std::optional<std::string> party;      // "untuk dan atas nama <party>"
  std::optional<std::string> role;       // "first", "second", ...
  std::optional<std::string> signatory;  // the name with its titles
  std::optional<std::string> position;
};

struct Opening {
  std::optional<DateMatch> signed_on;
  std::optional<std::string> place;
  bool date_left_blank = false;  // "Pada hari ini ...... tanggal ......"
  std::vector<Signer> signers;
};

// Reads the opening from the flat text (lines joined with spaces) of a prepared document.
[[nodiscard]] Opening read_opening(const std::string& flat);

// "first", "second"... for an Indonesian or English ordinal word ("KEDUA", "Second").
[[nodiscard]] std::optional<std::string> role_of(const std::string& ordinal);

}  // namespace naskah::extract::parse
