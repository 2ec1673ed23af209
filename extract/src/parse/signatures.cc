#include "parse/signatures.h"

#include <algorithm>

#include "parse/text_util.h"

namespace naskah::extract::parse {
namespace {

bool starts_block(const std::string& lower) {
  return (lower.starts_with("pihak ") && lower.ends_with(",")) || lower.starts_with("for the ") ||
         (lower.starts_with("for ") && lower.size() > 8 && lower.find(',') != std::string::npos);
}

bool is_id_number(const std::string& lower) {
  return lower.starts_with("nip") || lower.starts_with("nrp") || lower.starts_with("nik ");
}

// Offices English signature blocks name under the signature.
bool is_office(const std::string& lower) {
  static constexpr const char* k_offices[] = {
      "director", "minister", "head ", "chair", "secretary", "ambassador", "rector", "governor",
      "mayor", "regent", "president", "chief", "deputy", "dean", "commissioner", "attorney",
      "vice ", "acting ", "consul", "general manager", "manager"};
  return std::any_of(std::begin(k_offices), std::end(k_offices),
                     [&](const char* o) { return lower.starts_with(o); });
}

bool has_lower_case(const std::string& line) {
  return std::any_of(line.begin(), line.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

std::string trim_commas(std::string s) { return trim_end(std::move(s), ", "); }

Signer read_english(const std::vector<std::string>& block) {
  Signer s;
  // "For <party>," may wrap over lines; it ends at the first line ending with a comma.
  std::size_t i = 0;
  while (i < block.size() && !block[i].ends_with(",")) ++i;
  s.party = trim_commas(join_lines(block, 0, std::min(i + 1, block.size())).substr(4));
  std::size_t name_end = i + 1;
  while (name_end < block.size() && !is_office(lower_ascii(block[name_end]))) ++name_end;
  if (name_end > i + 1) s.signatory = trim_commas(join_lines(block, i + 1, name_end));
  if (name_end < block.size()) s.position = trim_commas(join_lines(block, name_end, block.size()));
  return s;
}

Signer read_indonesian(const std::vector<std::string>& block) {
  Signer s;
  const std::string first = lower_ascii(block[0]);
  if (auto role = role_of(trim_commas(first.substr(6)))) s.role = role;
  std::size_t end = 1;
  while (end < block.size() && !is_id_number(lower_ascii(block[end]))) ++end;
  // The office and party lines come first, in capitals, the last one ending with a comma.
  std::size_t header_end = 1;
  for (std::size_t i = 1; i < end; ++i) {
    if (block[i].ends_with(",") && block[i].find('.') == std::string::npos &&
        !has_lower_case(block[i])) {
      header_end = i + 1;
    }
  }
  if (header_end > 1) s.position = trim_commas(join_lines(block, 1, header_end));
  if (end > header_end) s.signatory = trim_commas(join_lines(block, header_end, end));
  return s;
}

}  // namespace

std::vector<Signer> read_signatures(const std::vector<std::string>& lines, std::size_t from) {
  std::vector<std::size_t> starts;
  for (std::size_t i = from; i < lines.size(); ++i) {
    if (starts_block(lower_ascii(lines[i]))) starts.push_back(i);
  }
  // Only the last run of blocks is the signature block ("PIHAK KEDUA," also opens lines in
  // the body): keep blocks that follow each other within a few lines.
  std::vector<Signer> signers;
  for (std::size_t k = 0; k < starts.size(); ++k) {
    const std::size_t end = k + 1 < starts.size() ? starts[k + 1] : std::min(lines.size(), starts[k] + 12);
    if (end - starts[k] < 2 || end - starts[k] > 12) {
      signers.clear();
      continue;
    }
    std::vector<std::string> block(lines.begin() + static_cast<long>(starts[k]),
                                   lines.begin() + static_cast<long>(end));
    signers.push_back(lower_ascii(block[0]).starts_with("for ") ? read_english(block)
                                                                : read_indonesian(block));
  }
  return signers;
}

}  // namespace naskah::extract::parse
