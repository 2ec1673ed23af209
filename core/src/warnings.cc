#include "naskah/core/warnings.h"

#include <array>
#include <optional>

namespace naskah {

namespace {

struct WarningKind {
  const char* code;
  const char* english;
};

// In the order a reader meets them. A placeholder is {name}; a sentence is matched as its
// literal pieces in order with the values between them.
constexpr std::array<WarningKind, 13> k_kinds{{
    {warning::k_addendum_end, "addendum: the agreement it amends now ends on {date}"},
    {warning::k_signing_date_blank, "no signing date: the date in the opening was left blank"},
    {warning::k_no_signing_date, "no signing date found"},
    {warning::k_weekday_mismatch, "the weekday in \"{text}\" does not match the date"},
    {warning::k_no_parties, "no parties found"},
    {warning::k_no_number, "no agreement number found"},
    {warning::k_no_end_date, "no end date: the duration clause was not found"},
    {warning::k_end_before_start, "the end date is before the start date"},
    {warning::k_expired, "expired on {date}"},
    {warning::k_no_text, "no text found: the pages are blank or unreadable"},
    {warning::k_low_ocr, "low OCR confidence ({confidence}): check the text against the scan"},
    {warning::k_possible_duplicate, "possible duplicate of {id}"},
    {warning::k_shard_left_out, "shard {shard} left out, results are partial: {why}"},
}};

// A template as its literal pieces and the names between them: pieces.size() == names.size() + 1.
struct Shape {
  std::vector<std::string_view> pieces;
  std::vector<std::string_view> names;
};

Shape shape_of(std::string_view english) {
  Shape s;
  std::size_t at = 0;
  for (;;) {
    const auto open = english.find('{', at);
    const auto close = open == std::string_view::npos ? open : english.find('}', open);
    if (close == std::string_view::npos) break;
    s.pieces.push_back(english.substr(at, open - at));
    s.names.push_back(english.substr(open + 1, close - open - 1));
    at = close + 1;
  }
  s.pieces.push_back(english.substr(at));
  return s;
}

// Each kind's shape, in the table's order: the templates are read once, not per warning.
const std::vector<Shape>& shapes() {
  static const std::vector<Shape> k_shapes = [] {
    std::vector<Shape> out;
    for (const WarningKind& k : k_kinds) out.push_back(shape_of(k.english));
    return out;
  }();
  return k_shapes;
}

// The values of `text` in the shape, or nothing when it does not have it. A value is never
// empty and reaches to the next piece's first occurrence (the last value to the end).
std::optional<WarningValues> match(const Shape& s, std::string_view text) {
  if (!text.starts_with(s.pieces.front())) return std::nullopt;
  if (s.names.empty()) {
    if (text != s.pieces.front()) return std::nullopt;
    return WarningValues{};
  }
  if (!text.ends_with(s.pieces.back()) ||
      text.size() < s.pieces.front().size() + s.pieces.back().size()) {
    return std::nullopt;
  }
  WarningValues values;
  std::string_view rest = text.substr(
      s.pieces.front().size(), text.size() - s.pieces.front().size() - s.pieces.back().size());
  for (std::size_t i = 0; i < s.names.size(); ++i) {
    std::size_t end = rest.size();
    if (i + 1 < s.names.size()) {
      end = rest.find(s.pieces[i + 1]);
      if (end == std::string_view::npos) return std::nullopt;
    }
    if (end == 0) return std::nullopt;
    values.emplace_back(s.names[i], rest.substr(0, end));
    rest.remove_prefix(i + 1 < s.names.size() ? end + s.pieces[i + 1].size() : end);
  }
  return values;
}

}  // namespace

std::string warning_text(std::string_view code, const WarningValues& values) {
  for (std::size_t i_kind = 0; i_kind < k_kinds.size(); ++i_kind) {
    if (code != k_kinds[i_kind].code) continue;
    const Shape& s = shapes()[i_kind];
    std::string out(s.pieces.front());
    for (std::size_t i = 0; i < s.names.size(); ++i) {
      for (const auto& [name, value] : values) {
        if (name == s.names[i]) out += value;
      }
      out += s.pieces[i + 1];
    }
    return out;
  }
  for (const auto& [name, value] : values) {
    if (name == "text") return value;
  }
  return std::string(code);
}

ReadWarning read_warning(std::string_view text) {
  for (std::size_t i = 0; i < k_kinds.size(); ++i) {
    if (auto values = match(shapes()[i], text)) return {k_kinds[i].code, std::move(*values)};
  }
  return {warning::k_other, {{"text", std::string(text)}}};
}

std::vector<std::string> warning_codes() {
  std::vector<std::string> out;
  for (const WarningKind& k : k_kinds) out.emplace_back(k.code);
  return out;
}

nlohmann::ordered_json warnings_json(const std::vector<std::string>& warnings) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const std::string& w : warnings) {
    const ReadWarning read = read_warning(w);
    nlohmann::ordered_json values = nlohmann::ordered_json::object();
    for (const auto& [name, value] : read.values) values[name] = value;
    out.push_back({{"code", read.code}, {"params", std::move(values)}});
  }
  return out;
}

}  // namespace naskah
