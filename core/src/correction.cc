#include "naskah/core/correction.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace naskah {
namespace {

using Value = nlohmann::json;

enum class Kind { text, date, doc_type, language, text_list, parties, duration, amounts, flag, id };

struct Field {
  const char* name;
  Kind kind;
};

// Every correctable member, with how its values are checked: the one table.
constexpr Field k_fields[] = {
    {"doc_type", Kind::doc_type}, {"title", Kind::text},          {"numbers", Kind::text_list},
    {"parties", Kind::parties},   {"signed_date", Kind::date},    {"place", Kind::text},
    {"office", Kind::text},       {"effective_date", Kind::date}, {"end_date", Kind::date},
    {"duration", Kind::duration}, {"amounts", Kind::amounts},     {"references", Kind::text_list},
    {"language", Kind::language}, {"not_agreement", Kind::flag},  {"duplicate_of", Kind::id},
    {"parent", Kind::id},
};

constexpr std::size_t k_max_text = 1000;

const Field* find_field(const std::string& name) {
  for (const Field& f : k_fields) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

tl::unexpected<Error> invalid(const std::string& field, const std::string& what) {
  return fail(codes::k_usage_invalid, field + ": " + what);
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool is_iso_date(const std::string& s) {
  int y = 0;
  int m = 0;
  int d = 0;
  char tail = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' ||
      std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) {
    return false;
  }
  constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= k_days[m - 1] + (m == 2 && is_leap(y) ? 1 : 0);
}

Result<Value> checked_text(const std::string& field, const Value& value) {
  if (!value.is_string()) return invalid(field, "must be text");
  std::string text = trimmed(value.get<std::string>());
  if (text.empty()) return invalid(field, "must not be empty (send null to clear it)");
  if (text.size() > k_max_text) return invalid(field, "is too long (at most 1000 characters)");
  return Value(text);
}

Result<Value> checked_optional_text(const Value& item, const std::string& field, const char* key) {
  if (!item.contains(key) || item[key].is_null()) return Value(nullptr);
  return checked_text(field + "." + key, item[key]);
}

Result<Value> checked(const Field& f, const Value& value) {
  const std::string field = f.name;
  if (value.is_null() && f.kind != Kind::flag) {
    // Lists are cleared to empty lists, the rest to null.
    const bool list =
        f.kind == Kind::text_list || f.kind == Kind::parties || f.kind == Kind::amounts;
    return list ? Value::array() : Value(nullptr);
  }
  switch (f.kind) {
    case Kind::text: return checked_text(field, value);
    case Kind::date: {
      if (!value.is_string() || !is_iso_date(trimmed(value.get<std::string>()))) {
        return invalid(field, "must be a date written YYYY-MM-DD, e.g. 2024-03-31");
      }
      return Value(trimmed(value.get<std::string>()));
    }
    case Kind::doc_type: {
      for (const char* type : {"mou", "pks", "addendum", "other"}) {
        if (value == type) return value;
      }
      return invalid(field, "must be one of mou, pks, addendum, other");
    }
    case Kind::language: {
      if (value == "id" || value == "en") return value;
      return invalid(field, "must be id or en");
    }
    case Kind::text_list: {
      if (!value.is_array()) return invalid(field, "must be a list of texts");
      Value out = Value::array();
      for (const Value& item : value) {
        auto text = checked_text(field, item);
        if (!text) return tl::unexpected(text.error());
        out.push_back(*text);
      }
      return out;
    }
    case Kind::parties: {
      if (!value.is_array()) return invalid(field, "must be a list of parties");
      Value out = Value::array();
      for (const Value& item : value) {
        if (!item.is_object() || !item.contains("name")) {
          return invalid(field, "each party needs at least a name");
        }
        Value party = Value::object();
        auto name = checked_text(field + ".name", item["name"]);
        if (!name) return tl::unexpected(name.error());
        party["name"] = *name;
        for (const char* key : {"role", "signatory", "position"}) {
          auto text = checked_optional_text(item, field, key);
          if (!text) return tl::unexpected(text.error());
          party[key] = *text;
        }
        out.push_back(party);
      }
      return out;
    }
    case Kind::duration: {
      if (!value.is_object()) return invalid(field, "must be {\"years\", \"months\", \"days\"}");
      Value out = Value::object();
      for (const char* key : {"years", "months", "days"}) {
        const Value part = value.value(key, Value(0));
        if (!part.is_number_integer() || part.get<int>() < 0 || part.get<int>() > 100 * 366) {
          return invalid(field, std::string(key) + " must be a whole number, 0 or more");
        }
        out[key] = part;
      }
      return out;
    }
    case Kind::amounts: {
      if (!value.is_array()) return invalid(field, "must be a list of amounts");
      Value out = Value::array();
      for (const Value& item : value) {
        if (!item.is_object() || !item.contains("value") || !item["value"].is_number() ||
            item["value"].get<double>() < 0) {
          return invalid(field, "each amount needs a value of 0 or more");
        }
        const std::string currency = item.value("currency", std::string("IDR"));
        if (currency.size() != 3 || !std::all_of(currency.begin(), currency.end(),
                                                 [](char c) { return c >= 'A' && c <= 'Z'; })) {
          return invalid(field, "a currency is three capital letters, e.g. IDR");
        }
        out.push_back({{"value", item["value"].get<double>()},
                       {"currency", currency},
                       {"text", item.value("text", std::string())}});
      }
      return out;
    }
    case Kind::flag:
      if (!value.is_boolean()) return invalid(field, "must be true or false");
      return value;
    case Kind::id: {
      // One copy of the text: begin() and end() of two copies would be two strings.
      const std::string id = value.is_string() ? value.get<std::string>() : std::string();
      const bool hex = id.size() == 64 && std::all_of(id.begin(), id.end(), [](char c) {
                         return std::isxdigit(static_cast<unsigned char>(c)) &&
                                !std::isupper(static_cast<unsigned char>(c));
                       });
      if (!hex) return invalid(field, "must be the id (64 hex digits) of another agreement");
      return value;
    }
  }
  return invalid(field, "cannot be corrected");
}

}  // namespace

const std::vector<std::string>& correctable_fields() {
  static const std::vector<std::string> k_names = [] {
    std::vector<std::string> names;
    for (const Field& f : k_fields) names.emplace_back(f.name);
    return names;
  }();
  return k_names;
}

Result<Value> checked_value(const std::string& field, const Value& value) {
  const Field* f = find_field(field);
  if (f == nullptr) {
    std::string known;
    for (const Field& k : k_fields) known += (known.empty() ? "" : ", ") + std::string(k.name);
    return fail(codes::k_usage_invalid, "'" + field + "' cannot be corrected; these can: " + known);
  }
  return checked(*f, value);
}

Result<Value> value_from_text(const std::string& field, const std::string& text) {
  const Field* f = find_field(field);
  if (f == nullptr) return checked_value(field, nullptr);
  const std::string t = trimmed(text);
  if (t == "null") return checked(*f, nullptr);
  switch (f->kind) {
    case Kind::text:
    case Kind::date:
    case Kind::doc_type:
    case Kind::language:
    case Kind::id: return checked(*f, Value(t));
    case Kind::flag:
      if (t == "true" || t == "ya") return Value(true);
      if (t == "false" || t == "tidak") return Value(false);
      return invalid(field, "must be true or false");
    case Kind::text_list:
    case Kind::parties:
    case Kind::duration:
    case Kind::amounts: {
      const Value parsed = Value::parse(t, nullptr, false);
      if (parsed.is_discarded()) {
        return invalid(field, "write it as JSON, e.g. " +
                                  std::string(f->kind == Kind::parties
                                                  ? R"([{"name": "...", "role": "first"}])"
                                              : f->kind == Kind::duration ? R"({"years": 2})"
                                              : f->kind == Kind::amounts
                                                  ? R"([{"value": 150000000, "currency": "IDR"}])"
                                                  : R"(["W13-HH.05.05-1234"])"));
      }
      return checked(*f, parsed);
    }
  }
  return checked(*f, Value(t));
}

Value field_value(const AgreementRecord& record, const std::string& field) {
  const auto all = to_json(record, false);
  const auto it = all.find(field);
  return it == all.end() ? Value(nullptr) : Value(*it);
}

Result<AgreementRecord> apply_corrections(const AgreementRecord& parsed,
                                          const std::vector<Correction>& corrections) {
  if (corrections.empty()) return parsed;
  nlohmann::ordered_json j = to_json(parsed, true);
  std::vector<std::string> corrected;
  for (const Correction& c : corrections) {
    if (find_field(c.field) == nullptr) continue;  // a field of a newer naskah
    j[c.field] = c.value;
    if (std::find(corrected.begin(), corrected.end(), c.field) == corrected.end()) {
      corrected.push_back(c.field);
    }
  }
  auto record = record_from_json(j);
  if (!record) return record;
  record->corrected = corrected;
  for (const std::string& field : corrected) record->confidence[field] = 1.0;
  // A period a person set: its parts read by the parser are no longer in doubt either.
  std::erase_if(record->needs_review, [&](const ReviewFlag& flag) {
    return std::find(corrected.begin(), corrected.end(), flag.field) != corrected.end();
  });
  return record;
}

Result<void> check_period(const AgreementRecord& record) {
  const auto& start = record.effective_date ? record.effective_date : record.signed_date;
  if (start && record.end_date && *record.end_date < *start) {
    return fail(codes::k_usage_invalid, "the end date " + *record.end_date +
                                            " is before the start " + *start +
                                            "; an agreement must end after it starts");
  }
  return {};
}

nlohmann::ordered_json to_json(const Correction& c) {
  nlohmann::ordered_json out = {{"field", c.field},
                                {"value", c.value},
                                {"old", c.old_value},
                                {"who", c.who},
                                {"when", c.when}};
  if (!c.reason.empty()) out["reason"] = c.reason;
  return out;
}

Result<Correction> correction_from_json(const Value& j) {
  if (!j.is_object() || !j.contains("field") || !j["field"].is_string() || !j.contains("value")) {
    return fail("record.invalid", "not a correction line");
  }
  Correction c;
  c.field = j["field"].get<std::string>();
  c.value = j["value"];
  c.old_value = j.value("old", Value(nullptr));
  c.who = j.value("who", std::string());
  c.when = j.value("when", std::string());
  c.reason = j.value("reason", std::string());
  return c;
}

}  // namespace naskah
