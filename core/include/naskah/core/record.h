// The agreement record (schema "naskah.agreement/1", CONTRACT.md) and its JSON form.
// Plain data; safe to copy between threads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "naskah/core/error.h"

namespace naskah {

inline constexpr const char* k_record_schema = "naskah.agreement/1";

// Where the page text came from: a PDF text layer, OCR, or both across the pages.
enum class TextSource { text_layer, ocr, mixed };
[[nodiscard]] const char* to_string(TextSource source);

struct SourceInfo {
  std::string path;                // as given by the caller
  std::optional<std::string> url;  // set when fetched over HTTP
  std::uint64_t bytes = 0;
  std::string mime;  // sniffed from the bytes, not the name
};

struct Party {
  std::string name;
  std::optional<std::string> role;  // "first", "second", ...
  std::optional<std::string> signatory;
  std::optional<std::string> position;
};

struct Duration {
  int years = 0;
  int months = 0;
  int days = 0;
};

struct Amount {
  double value = 0;
  std::string currency;  // ISO 4217: IDR, USD...
  std::string text;      // as printed
};

struct FoundDate {
  std::string value;  // ISO 8601
  std::string text;   // as printed
};

// Why a person should look at a record (CONTRACT.md "needs_review"): a check code (below)
// and the field it concerns. `value` holds what the parser read but did not trust enough to
// put in the field (an agreement number OCR garbled), for the reviewer to correct.
struct ReviewFlag {
  std::string code;
  std::string field;
  std::optional<std::string> value;
};

// The check codes of needs_review; the UI translates them. The one place they are spelled.
namespace review {
inline constexpr const char* k_missing = "check.missing";      // the field was not found
inline constexpr const char* k_doubtful = "check.doubtful";    // read, but not trusted
inline constexpr const char* k_incomplete = "check.incomplete";  // printed incomplete
inline constexpr const char* k_weekday_mismatch = "check.weekday-mismatch";
inline constexpr const char* k_end_before_start = "check.end-before-start";
// Signed on a day after the period it sets had already ended (dated back, or a misread date).
inline constexpr const char* k_signed_after_end = "check.signed-after-end";
inline constexpr const char* k_low_ocr_confidence = "check.low-ocr-confidence";
// Checks against the other agreements (index/families.h), on the record as a whole (no field):
inline constexpr const char* k_addendum_without_parent = "check.addendum-without-parent";
inline constexpr const char* k_pks_signed_outside_mou = "check.pks-signed-outside-mou";
inline constexpr const char* k_pks_outlives_mou = "check.pks-outlives-mou";
inline constexpr const char* k_number_reused = "check.number-reused";
// Checks the index makes on a record (index/document.h's suspicion_flags):
inline constexpr const char* k_duplicate = "check.duplicate";  // the same agreement twice
inline constexpr const char* k_signed_on_sunday = "check.signed-on-sunday";
inline constexpr const char* k_signed_on_holiday = "check.signed-on-holiday";  // holidays.h
}  // namespace review

struct AgreementRecord {
  std::string sha256;
  SourceInfo source;
  int pages = 0;
  // Degrees each page was turned clockwise to read it upright (OCR's orientation), page by
  // page; empty when none was turned. The web shows page images turned the same way.
  std::vector<int> page_rotations;
  TextSource text_source = TextSource::text_layer;
  std::optional<double> ocr_confidence;  // mean over OCRed pages, 0..100
  // The words OCR read with low confidence, each with the lowest it was read with (0..100):
  // what makes a field read from them doubtful. nullopt when nothing was OCRed (or for a
  // record archived before OCR kept them).
  std::optional<std::map<std::string, double>> unsure_words;
  std::optional<std::string> language;   // "id" or "en"
  std::optional<std::string> doc_type;   // "mou", "pks", "addendum", "other"
  std::optional<std::string> title;
  std::vector<std::string> numbers;
  std::vector<Party> parties;
  std::optional<std::string> signed_date;
  std::optional<std::string> place;
  std::optional<std::string> office;  // the unit or regional office that sent it, if known
  std::optional<std::string> effective_date;
  std::optional<std::string> end_date;
  std::optional<Duration> duration;
  std::vector<Amount> amounts;
  std::vector<std::string> references;
  std::vector<FoundDate> dates;
  std::vector<std::string> warnings;
  // How sure the parser is of each field it read, 0..1 (from the rule that matched and the
  // OCR's confidence); fields it did not read are absent.
  std::map<std::string, double> confidence;
  std::vector<ReviewFlag> needs_review;  // empty: nothing for a person to check
  // Set by people (correction.h): the fields a person corrected or confirmed, and two
  // verdicts on the document as a whole.
  std::vector<std::string> corrected;
  bool not_agreement = false;               // not an agreement at all (a letter, a form...)
  std::optional<std::string> duplicate_of;  // the id of the agreement this one repeats
  // The family (index/families.h): the agreement this one amends or implements, found from
  // the numbers it cites or set by a person ("parent" in corrected), the ones that amend or
  // implement it, and the family's oldest member. Kept by the index, not the archive.
  std::optional<std::string> parent;
  std::vector<std::string> children;
  std::optional<std::string> family_root;
  // The end of the period after the addenda (an extension moves it); unset: end_date.
  std::optional<std::string> effective_end_date;
  std::string text;  // pages separated by '\f'

  // The end date status is computed from: after the addenda, else as read.
  [[nodiscard]] const std::optional<std::string>& effective_end() const {
    return effective_end_date ? effective_end_date : end_date;
  }
};

// The record as CONTRACT.md JSON; `with_text` adds the "text" member.
[[nodiscard]] nlohmann::ordered_json to_json(const AgreementRecord& record, bool with_text);

// The record back from its JSON (members it does not know are ignored; missing ones stay
// unknown). Fails with record.invalid when a member has the wrong type.
[[nodiscard]] Result<AgreementRecord> record_from_json(const nlohmann::json& json);
[[nodiscard]] Result<AgreementRecord> record_from_json(const nlohmann::ordered_json& json);

}  // namespace naskah
