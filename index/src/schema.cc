#include "naskah/index/schema.h"

#include <cctype>

namespace naskah::index {
namespace {

// Xapian refuses terms over 245 bytes; leave room for the longest prefix.
constexpr std::size_t k_max_key_bytes = 200;

std::string cut_utf8(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text;
}

}  // namespace

std::string date_value(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return {};
  std::string out;
  for (const char c : iso) {
    if (c == '-') continue;
    if (!std::isdigit(static_cast<unsigned char>(c))) return {};
    out += c;
  }
  return out;
}

std::string display_name(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string term_key(std::string_view text) {
  return cut_utf8(Xapian::Unicode::tolower(display_name(text)), k_max_key_bytes);
}

Xapian::Stem stemmer_for(const std::optional<std::string>& language) {
  return Xapian::Stem(language && *language == "en" ? "english" : "indonesian");
}

std::string id_term(std::string_view sha256) {
  return std::string(prefix::k_id) + std::string(sha256);
}

}  // namespace naskah::index
