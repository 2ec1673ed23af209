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
      {"text_source", to_string(r.text_source)},
      {"ocr_confidence", or_null(r.ocr_confidence)},
      {"language", or_null(r.language)},
      {"doc_type", or_null(r.doc_type)},
      {"title", or_null(r.title)},
      {"numbers", r.numbers},
      {"parties", parties},
      {"signed_date", or_null(r.signed_date)},
      {"place", or_null(r.place)},
      {"effective_date", or_null(r.effective_date)},
      {"end_date", or_null(r.end_date)},
      {"duration", duration},
      {"amounts", amounts},
      {"references", r.references},
      {"dates", dates},
      {"warnings", r.warnings},
  };
  if (with_text) out["text"] = r.text;
  return out;
}

}  // namespace naskah
