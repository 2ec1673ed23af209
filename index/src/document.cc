#include "naskah/index/document.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "naskah/core/holidays.h"
#include "naskah/core/warnings.h"
#include "naskah/index/party_name.h"
#include "naskah/index/schema.h"
#include "naskah/index/synonyms.h"

namespace naskah::index {
namespace {

const SynonymMatcher& synonym_matcher() {
  static const SynonymMatcher k_matcher(builtin_synonyms());
  return k_matcher;
}

// Words worth suggesting as spelling corrections: plain lower-case words of 4+ letters.
bool spelling_word(const std::string& term) {
  if (term.size() < 4 || term.size() > 30) return false;
  return std::all_of(term.begin(), term.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
  });
}

void add_boolean(Xapian::Document& doc, const char* prefix, const std::string& key) {
  if (!key.empty()) doc.add_boolean_term(prefix + key);
}

void index_field(Xapian::TermGenerator& tg, const std::string& text, const char* field_prefix) {
  // In its own field (for pihak:, tentang:) and in the body (for plain queries), with the
  // synonyms' canonical words so that pihak:lapas finds "Lembaga Pemasyarakatan ...".
  tg.index_text(text, 1, field_prefix);
  tg.increase_termpos();
  tg.index_text(text);
  tg.increase_termpos();
  Xapian::Document doc = tg.get_document();
  for (const std::string& canonical : synonym_matcher().canonicals_in(text)) {
    for (const std::string& term : canonical_terms(canonical, field_prefix)) doc.add_term(term, 0);
  }
}

// A review flag as a suspicion term: "check.doubtful" on "numbers" is "doubtful-numbers";
// a check on the whole record is its code alone: "addendum-without-parent".
std::string review_flag(const ReviewFlag& review) {
  std::string flag = review.code.substr(std::string_view("check.").size());
  return review.field.empty() ? flag : flag + "-" + review.field;
}

}  // namespace

std::vector<std::string> suspicion_flags(const AgreementRecord& r) {
  std::vector<std::string> flags;
  if (r.doc_type && *r.doc_type == "other") {
    // A letter or an article, unless the parser doubts it ("PIHAK PERTAMA" in its text).
    for (const ReviewFlag& review : r.needs_review) {
      if (review.field == "doc_type") flags.push_back(review_flag(review));
    }
    return flags;
  }
  // A field a person confirmed missing (correction.h) is no longer a suspicion.
  auto checked = [&](const char* field) {
    return std::find(r.corrected.begin(), r.corrected.end(), field) != r.corrected.end();
  };
  if (r.not_agreement) return flags;  // a person said what it is
  if (r.parties.empty() && !checked("parties")) flags.emplace_back("no-parties");
  if (!r.signed_date && !checked("signed_date")) flags.emplace_back("no-signed-date");
  if (r.numbers.empty() && !checked("numbers")) flags.emplace_back("no-number");
  if (r.duplicate_of || std::any_of(r.warnings.begin(), r.warnings.end(), [](const std::string& w) {
        return read_warning(w).code == warning::k_possible_duplicate;
      })) {
    flags.emplace_back("duplicate");
  }
  if (r.ocr_confidence && *r.ocr_confidence < k_low_confidence) flags.emplace_back("low-ocr");
  // Offices do not sign on a Sunday or a national holiday: a misread date, or one written
  // after the fact. A date a person confirmed is not in doubt.
  if (r.signed_date && !checked("signed_date")) {
    if (is_sunday(*r.signed_date))
      flags.push_back(review_flag({review::k_signed_on_sunday, "", {}}));
    if (holiday_on(*r.signed_date)) {
      flags.push_back(review_flag({review::k_signed_on_holiday, "", {}}));
    }
  }
  // What the parser asked a person to check (record.h's review codes), as "doubtful-numbers",
  // "incomplete-numbers", "weekday-mismatch-signed_date"...; a missing field is flagged above.
  for (const ReviewFlag& review : r.needs_review) {
    if (review.code == review::k_missing || review.code == review::k_low_ocr_confidence) continue;
    std::string flag = review_flag(review);
    if (std::find(flags.begin(), flags.end(), flag) == flags.end()) {
      flags.push_back(std::move(flag));
    }
  }
  return flags;
}

std::string year_of(const AgreementRecord& record) {
  const auto& date = record.signed_date ? record.signed_date : record.effective_date;
  return date && date->size() >= 4 ? date->substr(0, 4) : std::string{};
}

Prepared prepare(const AgreementRecord& record) {
  thread_local Xapian::TermGenerator tg;
  Prepared out;
  out.id_term = id_term(record.sha256);
  Xapian::Document& doc = out.document;
  tg.set_document(doc);
  tg.set_stemmer(stemmer_for(record.language));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);

  tg.index_text(record.text);
  tg.increase_termpos();
  if (record.title) index_field(tg, *record.title, prefix::k_title_text);
  for (const Party& party : record.parties) {
    index_field(tg, party.name, prefix::k_party_text);
    add_boolean(doc, prefix::k_party, term_key(party.name));
  }
  for (const std::string& number : record.numbers) {
    tg.index_text(number, 1, prefix::k_number_text);
    tg.increase_termpos();
    add_boolean(doc, prefix::k_number, term_key(number));
    add_boolean(doc, prefix::k_family_number, number_key(number));
  }
  for (const std::string& reference : record.references) {
    add_boolean(doc, prefix::k_family_reference, number_key(reference));
  }
  if (record.parent) add_boolean(doc, prefix::k_parent, *record.parent);
  add_boolean(doc, prefix::k_family, record.family_root.value_or(record.sha256));
  for (const std::string& canonical : synonym_matcher().canonicals_in(record.text)) {
    for (const std::string& term : canonical_terms(canonical)) doc.add_term(term, 0);
  }

  out.positions = tg.get_termpos();
  for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if (spelling_word(*t)) out.spelling.push_back(*t);
  }

  doc.add_boolean_term(out.id_term);
  add_boolean(doc, prefix::k_type, record.doc_type.value_or("unknown"));
  const std::string year = year_of(record);
  add_boolean(doc, prefix::k_year, year);
  if (record.office) add_boolean(doc, prefix::k_office, term_key(*record.office));
  if (record.language) add_boolean(doc, prefix::k_language, *record.language);
  for (const std::string& flag : suspicion_flags(record)) add_boolean(doc, prefix::k_flag, flag);

  if (record.signed_date) doc.add_value(slot::k_signed, date_value(*record.signed_date));
  if (record.effective_date) doc.add_value(slot::k_effective, date_value(*record.effective_date));
  if (record.effective_end()) doc.add_value(slot::k_end, date_value(*record.effective_end()));
  if (!record.amounts.empty()) {
    const auto largest = std::max_element(
        record.amounts.begin(), record.amounts.end(),
        [](const Amount& a, const Amount& b) { return a.value < b.value; });
    doc.add_value(slot::k_amount, Xapian::sortable_serialise(largest->value));
  }
  doc.add_value(slot::k_id, record.sha256);
  doc.add_value(slot::k_type, record.doc_type.value_or("unknown"));
  if (!year.empty()) doc.add_value(slot::k_year, year);
  if (record.office) doc.add_value(slot::k_office, facet_name(*record.office));
  if (record.language) doc.add_value(slot::k_language, *record.language);
  if (record.ocr_confidence) {
    doc.add_value(slot::k_confidence, Xapian::sortable_serialise(*record.ocr_confidence));
  }
  // The facets count each body once under its canonical name (party_name.h), which a
  // filter then names: it is filed as a party term too. Debris is not counted.
  std::vector<std::string> counted;
  for (const Party& party : record.parties) {
    std::string name = canonical_party(party.name);
    if (name.empty() || std::find(counted.begin(), counted.end(), name) != counted.end()) continue;
    if (counted.size() == static_cast<std::size_t>(slot::k_party_slots)) break;
    add_boolean(doc, prefix::k_party, term_key(name));
    doc.add_value(slot::k_party_first + static_cast<Xapian::valueno>(counted.size()), name);
    counted.push_back(std::move(name));
  }

  doc.set_data(
      to_json(record, false).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  doc.add_value(slot::k_text, record.text);
  // The generator lets go of the document, so that it may go to another thread: Xapian
  // counts a document's handles without atomics.
  tg.set_document(Xapian::Document());
  return out;
}

Result<AgreementRecord> record_of(const Xapian::Document& document, bool with_text) {
  const std::string data = document.get_data();
  // Indexes made before the text moved to its slot hold it in the data, after a NUL.
  const auto nul = data.find('\0');
  const auto json = nlohmann::json::parse(data.begin(),
                                          nul == std::string::npos
                                              ? data.end()
                                              : data.begin() + static_cast<std::ptrdiff_t>(nul),
                                          nullptr, false);
  if (json.is_discarded()) return fail(codes::k_index_damaged, "a document's data is not JSON");
  auto record = record_from_json(json);
  if (record && with_text) {
    record->text = nul == std::string::npos ? document.get_value(slot::k_text)
                                            : data.substr(nul + 1);
  }
  return record;
}

}  // namespace naskah::index
