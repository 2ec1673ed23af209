// The heading of an agreement: its kind, the parties between whom it is made, its subject
// and its numbers, however the lines wrap:
//     PERJANJIAN KERJA SAMA / ANTARA / <party> / DENGAN / <party> / TENTANG / <title> /
//     NOMOR : <number> / NOMOR : <number>
// and the English form (MEMORANDUM OF UNDERSTANDING / BETWEEN / ... / AND / ... / ON ...).
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace naskah::extract::parse {

struct Heading {
  std::optional<std::string> doc_type;  // "mou", "pks", "addendum", "other"
  std::optional<std::string> title;
  std::vector<std::string> parties;     // as printed in the heading (often capitals)
  std::vector<std::string> numbers;
  std::size_t body_line = 0;            // first line after the heading
};

// Reads the heading from the first lines of a prepared text (see prepare.h).
[[nodiscard]] Heading read_heading(const std::vector<std::string>& lines);

// The kind named by a heading line ("NOTA KESEPAHAMAN" -> "mou", "ADENDUM PERTAMA" ->
// "addendum", "PERJANJIAN KERJA SAMA" -> "pks"); nullopt when it names none.
[[nodiscard]] std::optional<std::string> kind_of(const std::string& heading_line);

}  // namespace naskah::extract::parse
