#include "parse/review.h"

#include <algorithm>
#include <cmath>

#include "parse/text_util.h"

namespace naskah::extract::parse {
namespace {

// A field below this confidence needs a person's eye.
constexpr double k_trusted = 0.6;
// The confidence of each kind of reading on a clean text layer.
constexpr double k_heading_rule = 0.95;   // read from the heading's own lines
constexpr double k_body_rule = 0.7;       // inferred from the body (kind line lost)
constexpr double k_clause_rule = 0.9;     // a clause of the body (opening, period)
constexpr double k_doubtful_reading = 0.4;
// OCR confidence (0..100) at which a reading counts as fully as a text layer's.
constexpr double k_full_ocr_confidence = 90;
constexpr double k_low_ocr_confidence = 60;

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

// One code of a number ("UN30", "PASto", "tS"): case mixed the way OCR mixes it.
bool garbled_code(std::string_view code) {
  if (code == "MoU") return false;  // the one abbreviation printed in mixed case
  for (std::size_t i = 1; i < code.size(); ++i) {
    if (is_upper(code[i]) && is_lower(code[i - 1])) return true;             // "tS", "IlW"
    if (is_lower(code[i]) && i >= 2 && is_upper(code[i - 1]) && is_upper(code[i - 2])) {
      return true;                                                            // "PASto"
    }
  }
  // Three digits and more glued to a code: "562YUN30" for "5629/UN30".
  std::size_t digits = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (is_digit(code[i])) {
      ++digits;
    } else if (is_letter(code[i]) && digits >= 3 && i + 1 < code.size() && is_letter(code[i + 1])) {
      return true;
    } else {
      digits = 0;
    }
  }
  return false;
}

// Characters a party's name is printed with; anything else is OCR's reading of a stamp,
// a logo or a signature.
bool name_character(char c) {
  return is_letter(c) || is_digit(c) || std::string_view(" .,()&-'/").find(c) != npos ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool doubtful_name(const std::string& name) {
  if (!std::all_of(name.begin(), name.end(), name_character)) return true;
  // A name in capitals with a word in small letters among them: a speck read as letters.
  int capital_words = 0;
  int small_words = 0;
  for (std::size_t at = 0; at < name.size();) {
    const auto begin = name.find_first_not_of(' ', at);
    if (begin == npos) break;
    const auto end = std::min(name.find(' ', begin), name.size());
    const std::string_view word(name.data() + begin, end - begin);
    const bool capitals =
        std::all_of(word.begin(), word.end(), [](char c) { return !is_lower(c); });
    const bool small = std::all_of(word.begin(), word.end(), [](char c) { return !is_upper(c); }) &&
                       std::any_of(word.begin(), word.end(), is_lower);
    capital_words += capitals && word.size() >= 3 ? 1 : 0;
    small_words += small ? 1 : 0;
    at = end;
  }
  return capital_words >= 2 && small_words > 0;
}

// How much the OCR's own confidence lowers every reading: 1 for a text layer.
double ocr_factor(const AgreementRecord& r) {
  if (r.text_source == TextSource::text_layer || !r.ocr_confidence) return 1.0;
  return std::clamp(*r.ocr_confidence / k_full_ocr_confidence, 0.5, 1.0);
}

double rounded(double value) { return std::round(value * 100) / 100; }

bool mentions_parties(const std::string& text) {
  const std::string lower = lower_ascii(text);
  return lower.find("pihak pertama") != npos && lower.find("pihak kedua") != npos;
}

}  // namespace

NumberReading judge_number(std::string_view number) {
  while (!number.empty() && number.back() == ' ') number.remove_suffix(1);
  if (number.empty()) return NumberReading::doubtful;
  for (char c : number) {
    const bool ascii_letter = is_upper(c) || is_lower(c);
    if (!ascii_letter && !is_digit(c) && std::string_view(" ./-()&_").find(c) == npos) {
      return NumberReading::doubtful;  // "WO: PAS.", "K\u015Fj2021": numbers are printed in ASCII
    }
  }
  std::size_t begin = 0;
  for (std::size_t i = 0; i <= number.size(); ++i) {
    if (i < number.size() && std::string_view(" ./-").find(number[i]) == npos) continue;
    if (garbled_code(number.substr(begin, i - begin))) return NumberReading::doubtful;
    begin = i + 1;
  }
  const char last = number.back();
  const bool open_end = last == '-' || last == '/' || last == '.';
  return open_end ? NumberReading::incomplete : NumberReading::clean;
}

void assess(AgreementRecord& r, const Evidence& evidence) {
  const double ocr = ocr_factor(r);
  auto set = [&](const char* field, double rule) { r.confidence[field] = rounded(rule * ocr); };
  auto flag = [&](const char* code, const char* field, std::optional<std::string> value = {}) {
    r.needs_review.push_back(ReviewFlag{code, field, std::move(value)});
  };
  if (r.ocr_confidence && *r.ocr_confidence < k_low_ocr_confidence &&
      r.text_source != TextSource::text_layer) {
    flag(review::k_low_ocr_confidence, "text");
  }
  if (r.doc_type == "other") {
    // A letter or an article: nothing else to check, unless it reads like an agreement
    // whose heading OCR could not make out.
    if (mentions_parties(r.text)) {
      set("doc_type", k_doubtful_reading);
      flag(review::k_doubtful, "doc_type", r.doc_type);
    } else {
      set("doc_type", k_clause_rule);
    }
    return;
  }
  set("doc_type", evidence.kind_from_body ? k_body_rule : k_heading_rule);

  std::vector<std::string> kept;
  bool numbers_doubted = false;
  for (std::string& number : r.numbers) {
    switch (judge_number(number)) {
      case NumberReading::doubtful:
        flag(review::k_doubtful, "numbers", std::move(number));
        numbers_doubted = true;
        break;
      case NumberReading::incomplete:
        flag(review::k_incomplete, "numbers", number);
        kept.push_back(std::move(number));
        numbers_doubted = true;
        break;
      case NumberReading::clean: kept.push_back(std::move(number)); break;
    }
  }
  r.numbers = std::move(kept);
  if (!r.numbers.empty()) set("numbers", numbers_doubted ? k_doubtful_reading : k_heading_rule);
  if (r.numbers.empty() && !numbers_doubted) flag(review::k_missing, "numbers");

  if (r.parties.empty()) {
    flag(review::k_missing, "parties");
  } else {
    bool doubted = false;
    for (const Party& p : r.parties) {
      if (!doubtful_name(p.name)) continue;
      flag(review::k_doubtful, "parties", p.name);
      doubted = true;
    }
    set("parties", doubted ? k_doubtful_reading : k_heading_rule);
  }

  if (!r.signed_date) {
    flag(review::k_missing, "signed_date");
  } else if (evidence.weekday_mismatch) {
    // The original's weekday is wrong more often than its date: keep the date, ask.
    set("signed_date", k_doubtful_reading);
    flag(review::k_weekday_mismatch, "signed_date", r.signed_date);
  } else {
    set("signed_date", k_clause_rule);
  }
  for (const auto& [field, value] : {std::pair{"place", r.place}, std::pair{"title", r.title},
                                     std::pair{"effective_date", r.effective_date},
                                     std::pair{"end_date", r.end_date}}) {
    if (value) set(field, k_clause_rule);
  }
  if (r.effective_date && r.end_date && *r.end_date < *r.effective_date) {
    set("end_date", k_doubtful_reading);
    flag(review::k_end_before_start, "end_date", r.end_date);
  }
  // Whatever the rules, a reading the OCR was unsure of is for a person to confirm.
  for (const auto& entry : r.confidence) {  // (clang 14 cannot capture a structured binding)
    const std::string& field = entry.first;
    const bool flagged = std::any_of(r.needs_review.begin(), r.needs_review.end(),
                                     [&](const ReviewFlag& f) { return f.field == field; });
    if (entry.second < k_trusted && !flagged) {
      r.needs_review.push_back(ReviewFlag{review::k_doubtful, field, std::nullopt});
    }
  }
}

}  // namespace naskah::extract::parse
