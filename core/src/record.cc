#include "naskah/core/record.h"

#include <nlohmann/json.hpp>

namespace naskah {
namespace {

using json = nlohmann::ordered_json;

template <typename T>
json or_null(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json party_json(const Party& party) {
  return {{"name", party.name},
          {"role", or_null(party.role)},
          {"signatory", or_null(party.signatory)},
          {"position", or_null(party.position)}};
}

}  // namespace

const char* to_string(TextSource source) {
  switch (source) {
    case TextSource::text_layer: return "text-layer";
    case TextSource::ocr: return "ocr";
    case TextSource::mixed: return "mixed";
  }
  return "text-layer";
}

nlohmann::ordered_json to_json(const AgreementRecord& r, bool with_text) {
  json parties = json::array();
  for (const Party& party : r.parties) parties.push_back(party_json(party));
  json amounts = json::array();
  for (const Amount& a : r.amounts) {
    amounts.push_back({{"value", a.value}, {"currency", a.currency}, {"text", a.text}});
  }
  json dates = json::array();
  for (const FoundDate& d : r.dates) dates.push_back({{"value", d.value}, {"text", d.text}});
  json review = json::array();
  for (const ReviewFlag& flag : r.needs_review) {
    // A check on the record as a whole has no field.
    json item = {{"code", flag.code},
                 {"field", flag.field.empty() ? json(nullptr) : json(flag.field)}};
    if (flag.value) item["value"] = *flag.value;
    review.push_back(std::move(item));
  }
  json duration = nullptr;
  if (r.duration) {
    duration = {{"years", r.duration->years},
                {"months", r.duration->months},
                {"days", r.duration->days}};
  }
  json out = {
      {"schema", k_record_schema},
      {"sha256", r.sha256},
      {"source",
       {{"path", r.source.path},
        {"url", or_null(r.source.url)},
        {"bytes", r.source.bytes},
        {"mime", r.source.mime}}},
      {"pages", r.pages},
      {"page_rotations", r.page_rotations},
      {"text_source", to_string(r.text_source)},
      {"ocr_confidence", or_null(r.ocr_confidence)},
      {"unsure_words", or_null(r.unsure_words)},
      {"language", or_null(r.language)},
      {"doc_type", or_null(r.doc_type)},
      {"title", or_null(r.title)},
      {"numbers", r.numbers},
      {"parties", parties},
      {"signed_date", or_null(r.signed_date)},
      {"place", or_null(r.place)},
      {"office", or_null(r.office)},
      {"effective_date", or_null(r.effective_date)},
      {"end_date", or_null(r.end_date)},
      {"duration", duration},
      {"amounts", amounts},
      {"references", r.references},
      {"dates", dates},
      {"warnings", r.warnings},
      {"confidence", r.confidence},
      {"needs_review", review},
      {"corrected", r.corrected},
      {"not_agreement", r.not_agreement},
      {"duplicate_of", or_null(r.duplicate_of)},
      {"parent", or_null(r.parent)},
      {"children", r.children},
      {"family_root", or_null(r.family_root)},
      {"effective_end_date", or_null(r.effective_end())},
  };
  if (with_text) out["text"] = r.text;
  return out;
}

namespace {

template <typename Json>
std::optional<std::string> optional_string(const Json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->template get<std::string>();
}

template <typename Json>
std::string string_or_empty(const Json& j, const char* key) {
  return optional_string(j, key).value_or("");
}

template <typename Json>
std::vector<std::string> string_list(const Json& j, const char* key) {
  std::vector<std::string> out;
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out;
  for (const auto& item : *it) out.push_back(item.template get<std::string>());
  return out;
}

template <typename Json>
const Json& list_or_empty(const Json& j, const char* key) {
  static const Json k_empty = Json::array();
  const auto it = j.find(key);
  return it == j.end() || it->is_null() ? k_empty : *it;
}

TextSource text_source_from(const std::string& text) {
  if (text == "ocr") return TextSource::ocr;
  if (text == "mixed") return TextSource::mixed;
  return TextSource::text_layer;
}

template <typename Json>
AgreementRecord read_record(const Json& j) {
  AgreementRecord r;
  r.sha256 = string_or_empty(j, "sha256");
  if (const auto it = j.find("source"); it != j.end() && it->is_object()) {
    r.source.path = string_or_empty(*it, "path");
    r.source.url = optional_string(*it, "url");
    r.source.bytes = it->value("bytes", std::uint64_t{0});
    r.source.mime = string_or_empty(*it, "mime");
  }
  r.pages = j.value("pages", 0);
  for (const auto& degrees : list_or_empty(j, "page_rotations")) {
    if (degrees.is_number_integer()) r.page_rotations.push_back(degrees.template get<int>());
  }
  r.text_source = text_source_from(string_or_empty(j, "text_source"));
  if (const auto it = j.find("ocr_confidence"); it != j.end() && !it->is_null()) {
    r.ocr_confidence = it->template get<double>();
  }
  if (const auto it = j.find("unsure_words"); it != j.end() && it->is_object()) {
    auto& words = r.unsure_words.emplace();
    for (const auto& [word, value] : it->items()) words[word] = value.template get<double>();
  }
  r.language = optional_string(j, "language");
  r.doc_type = optional_string(j, "doc_type");
  r.title = optional_string(j, "title");
  r.numbers = string_list(j, "numbers");
  for (const auto& p : list_or_empty(j, "parties")) {
    r.parties.push_back({string_or_empty(p, "name"), optional_string(p, "role"),
                         optional_string(p, "signatory"), optional_string(p, "position")});
  }
  r.signed_date = optional_string(j, "signed_date");
  r.place = optional_string(j, "place");
  r.office = optional_string(j, "office");
  r.effective_date = optional_string(j, "effective_date");
  r.end_date = optional_string(j, "end_date");
  if (const auto it = j.find("duration"); it != j.end() && it->is_object()) {
    r.duration = Duration{it->value("years", 0), it->value("months", 0), it->value("days", 0)};
  }
  for (const auto& a : list_or_empty(j, "amounts")) {
    r.amounts.push_back({a.value("value", 0.0), string_or_empty(a, "currency"),
                         string_or_empty(a, "text")});
  }
  r.references = string_list(j, "references");
  for (const auto& d : list_or_empty(j, "dates")) {
    r.dates.push_back({string_or_empty(d, "value"), string_or_empty(d, "text")});
  }
  r.warnings = string_list(j, "warnings");
  if (const auto it = j.find("confidence"); it != j.end() && it->is_object()) {
    for (const auto& [field, value] : it->items()) r.confidence[field] = value.template get<double>();
  }
  for (const auto& f : list_or_empty(j, "needs_review")) {
    r.needs_review.push_back(
        {string_or_empty(f, "code"), string_or_empty(f, "field"), optional_string(f, "value")});
  }
  r.corrected = string_list(j, "corrected");
  r.not_agreement = j.value("not_agreement", false);
  r.duplicate_of = optional_string(j, "duplicate_of");
  r.parent = optional_string(j, "parent");
  r.children = string_list(j, "children");
  r.family_root = optional_string(j, "family_root");
  r.effective_end_date = optional_string(j, "effective_end_date");
  if (r.effective_end_date == r.end_date) r.effective_end_date.reset();  // as written
  r.text = string_or_empty(j, "text");
  return r;
}

template <typename Json>
Result<AgreementRecord> checked_read(const Json& j) {
  if (!j.is_object()) return fail("record.invalid", "an agreement record must be a JSON object");
  try {
    return read_record(j);
  } catch (const nlohmann::json::exception& e) {
    return fail("record.invalid", std::string("a member has the wrong type: ") + e.what());
  }
}

}  // namespace

Result<AgreementRecord> record_from_json(const nlohmann::json& json) { return checked_read(json); }

Result<AgreementRecord> record_from_json(const nlohmann::ordered_json& json) {
  return checked_read(json);
}

}  // namespace naskah
