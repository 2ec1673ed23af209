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
  bool kind_from_body = false;          // the kind line was lost: the body named the kind
};

// Reads the heading from the first lines of a prepared text (see prepare.h).
[[nodiscard]] Heading read_heading(const std::vector<std::string>& lines);

// The kind named by a heading line ("NOTA KESEPAHAMAN" -> "mou", "ADENDUM PERTAMA" ->
// "addendum", "PERJANJIAN KERJA SAMA" -> "pks"); nullopt when it names none.
[[nodiscard]] std::optional<std::string> kind_of(const std::string& heading_line);

// The kind an agreement gives itself in its body ("Nota Kesepahaman ini ...", "Addendum
// ... ini dibuat"), for a heading whose kind line OCR lost; nullopt when the body names
// none. An addendum names the agreement it amends too: any self-reference as an addendum
// wins; else the kind named most often.
[[nodiscard]] std::optional<std::string> kind_named_by_body(const std::vector<std::string>& lines);

}  // namespace naskah::extract::parse
