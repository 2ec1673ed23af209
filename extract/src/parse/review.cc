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
// The least a word's OCR confidence leaves of a rule's confidence.
constexpr double k_least_factor = 0.3;
// Shorter words are a speck's reading as often as a word's ("an", "ri"): they say nothing.
constexpr std::size_t k_min_unsure_word = 3;
// Codes are no dictionary words: Tesseract reads a clean "625/PKS/KMJ/III/2022" at 34-49,
// and a guessed one ("J205" for "1205", a handwritten "410/UN30.12") under 30.
constexpr double k_full_code_confidence = 50;

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

// How much the page's mean OCR confidence lowers every reading: 1 for a text layer.
double page_factor(const AgreementRecord& r) {
  if (r.text_source == TextSource::text_layer || !r.ocr_confidence) return 1.0;
  return std::clamp(*r.ocr_confidence / k_full_ocr_confidence, 0.5, 1.0);
}

// How much the OCR's confidence lowers a reading from `source`, the words it was read from:
// by the least sure of them where the OCR kept its word confidences, else by the page's.
double ocr_factor(const AgreementRecord& r, std::optional<std::string_view> source,
                  double full = k_full_ocr_confidence) {
  if (!r.unsure_words || !source) return page_factor(r);
  const auto unsure = unsure_reading(r, *source);
  return unsure ? std::clamp(*unsure / full, k_least_factor, 1.0) : 1.0;
}

bool has_digit(std::string_view text) { return std::any_of(text.begin(), text.end(), is_digit); }

// Whether `part` is in `whole` between its ends and separators: "407/un48.10.6/ks/2021" in
// "nomor:407/un48.10.6/ks/2021", "11700" in "11700/un.30.7"; not "univer" in "universitas",
// a line break's fragment of another occurrence.
bool part_of(std::string_view part, std::string_view whole) {
  for (auto at = whole.find(part); at != npos; at = whole.find(part, at + 1)) {
    const std::size_t after = at + part.size();
    const bool open_before = at == 0 || !(is_letter(whole[at - 1]) || is_digit(whole[at - 1]));
    const bool open_after = after == whole.size() || !(is_letter(whole[after]) || is_digit(whole[after]));
    if (open_before && open_after) return true;
  }
  return false;
}

double rounded(double value) { return std::round(value * 100) / 100; }

bool mentions_parties(const std::string& text) {
  const std::string lower = lower_ascii(text);
  return lower.find("pihak pertama") != npos && lower.find("pihak kedua") != npos;
}

}  // namespace

std::optional<double> unsure_reading(const AgreementRecord& r, std::string_view value) {
  if (!r.unsure_words || r.unsure_words->empty()) return std::nullopt;
  std::vector<std::string> tokens;
  for (std::size_t at = 0; at < value.size();) {
    const auto end = std::min(value.find(' ', at), value.size());
    if (std::string token = comparable_word(value.substr(at, end - at)); !token.empty()) {
      tokens.push_back(std::move(token));
    }
    at = end + 1;
  }
  std::optional<double> least;
  // (Not a structured binding: clang 14 cannot capture one in the lambda below.)
  for (const auto& entry : *r.unsure_words) {  // already comparable_word's
    const std::string& word = entry.first;
    const double confidence = entry.second;
    if (word.size() < k_min_unsure_word) continue;
    // A code is cut from the word OCR glued it to ("Nomor:407/UN48...") or folded from
    // several ("11700 / UN.30.7"); a name is read word for word: "hamzah" is not from
    // "l.hamzah", another occurrence's reading.
    const bool read_from = std::any_of(tokens.begin(), tokens.end(), [&](const std::string& t) {
      if (t == word) return true;
      if (!has_digit(t)) return false;
      return (t.size() * 2 >= word.size() && part_of(t, word)) || part_of(word, t);
    });
    if (read_from && (!least || confidence < *least)) least = confidence;
  }
  return least;
}

NumberReading judge_number(std::string_view number) {
  while (!number.empty() && number.back() == ' ') number.remove_suffix(1);
  if (number.empty()) return NumberReading::doubtful;
  for (char c : number) {
    const bool ascii_letter = is_upper(c) || is_lower(c);
    if (!ascii_letter && !is_digit(c) && std::string_view(" ./-()&_").find(c) == npos) {
      return NumberReading::doubtful;  // "WO: PAS.", "K\u015Fj2021": numbers are printed in ASCII
    }
  }
  // Digits on both sides of a bare space: OCR lost the separator ("410/UN30 12/KS/2021"
  // for "410/UN30.12/KS/2021"); printed numbers space only around their separators.
  for (std::size_t i = 1; i + 1 < number.size(); ++i) {
    if (number[i] == ' ' && is_digit(number[i - 1]) && is_digit(number[i + 1])) {
      return NumberReading::doubtful;
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
  // A field's confidence: its rule's, lowered by the OCR's in the words it was read from.
  auto set = [&](const char* field, double rule, std::optional<std::string_view> source = {}) {
    r.confidence[field] = rounded(rule * ocr_factor(r, source));
  };
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
  double numbers_factor = 1.0;  // the least sure of the numbers kept
  for (std::string& number : r.numbers) {
    const NumberReading reading = judge_number(number);
    if (reading != NumberReading::doubtful) {
      const double factor = ocr_factor(r, number, k_full_code_confidence);
      numbers_factor = std::min(numbers_factor, factor);
      // Letters OCR guessed at: kept, for a person to confirm ("8484/UN30/KS/2021" at 43).
      if (k_heading_rule * factor < k_trusted) flag(review::k_doubtful, "numbers", number);
    }
    switch (reading) {
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
  if (!r.numbers.empty()) {
    const double rule = numbers_doubted ? k_doubtful_reading : k_heading_rule;
    r.confidence["numbers"] = rounded(rule * numbers_factor);
  }
  if (r.numbers.empty() && !numbers_doubted) flag(review::k_missing, "numbers");

  if (r.parties.empty()) {
    flag(review::k_missing, "parties");
  } else {
    bool doubted = false;
    double least = 1.0;
    for (const Party& p : r.parties) {
      // The name and who signs; a position's academic titles ("M.Ag.") read low as codes.
      double factor = ocr_factor(r, p.name);
      if (p.signatory) factor = std::min(factor, ocr_factor(r, *p.signatory));
      least = std::min(least, factor);
      if (!doubtful_name(p.name) && k_heading_rule * factor >= k_trusted) continue;
      flag(review::k_doubtful, "parties", p.name);
      doubted = true;
    }
    r.confidence["parties"] = rounded((doubted ? k_doubtful_reading : k_heading_rule) * least);
  }

  if (!r.signed_date) {
    flag(review::k_missing, "signed_date");
  } else if (evidence.weekday_mismatch) {
    // The original's weekday is wrong more often than its date: keep the date, ask.
    set("signed_date", k_doubtful_reading, evidence.signed_text);
    flag(review::k_weekday_mismatch, "signed_date", r.signed_date);
  } else {
    set("signed_date", k_clause_rule, evidence.signed_text);
  }
  if (r.place) set("place", k_clause_rule, *r.place);
  if (r.title) set("title", k_clause_rule, *r.title);
  if (r.effective_date) set("effective_date", k_clause_rule);
  if (r.end_date) set("end_date", k_clause_rule);
  if (r.effective_date && r.end_date && *r.end_date < *r.effective_date) {
    set("end_date", k_doubtful_reading);
    flag(review::k_end_before_start, "end_date", r.end_date);
  }
  if (r.signed_date && r.end_date && *r.end_date < *r.signed_date) {
    flag(review::k_signed_after_end, "signed_date", r.signed_date);
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
