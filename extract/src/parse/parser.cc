// The agreement parser's table of contents: prepare the text, then read the heading, the
// opening, the signature block, the period, money, references and dates, put the record
// together, and say what a person should check.
#include "naskah/extract/parser.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>

#include "naskah/core/clock.h"
#include "naskah/core/warnings.h"
#include "parse/amounts.h"
#include "parse/dates.h"
#include "parse/heading.h"
#include "parse/opening.h"
#include "parse/parties.h"
#include "parse/period.h"
#include "parse/prepare.h"
#include "parse/references.h"
#include "parse/review.h"
#include "parse/signatures.h"
#include "parse/text_util.h"

namespace naskah::extract {
namespace {

using namespace parse;

std::string flatten(const std::vector<std::string>& lines) {
  std::string flat;
  for (const auto& line : lines) {
    if (!flat.empty()) flat += ' ';
    flat += line;
  }
  return flat;
}

// A title as a heading line shows it: without the specks a scan leaves after it (marks, or
// a lone lower-case letter pair in a title printed in capitals, "... PEMASYARAKATAN oo -"),
// and with a capital first letter (the body may repeat it mid-sentence, "tentang
// penyelenggaraan Pendidikan ...").
std::string tidy_title(std::string title) {
  const bool capitals = std::none_of(title.begin(), title.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c));
  });
  for (;;) {
    while (!title.empty() && title.back() == ' ') title.pop_back();
    const auto space = title.rfind(' ');
    if (space == std::string::npos) break;
    const std::string_view last = std::string_view(title).substr(space + 1);
    const bool marks = std::none_of(last.begin(), last.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
    });
    const bool speck = capitals && last.size() <= 2 && last == lower_ascii(std::string(last)) &&
                       std::isalpha(static_cast<unsigned char>(last.front()));
    if (!marks && !speck) break;
    title.erase(space);
  }
  if (!title.empty() && std::islower(static_cast<unsigned char>(title.front()))) {
    title.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(title.front())));
  }
  return title;
}

// The title in the body's own casing when the body repeats it ("... tentang Pelayanan
// Publik, dengan ketentuan ..."), else as the heading printed it.
std::string title_in_body(const std::string& title, const std::string& flat) {
  const std::string lower_title = lower_ascii(title);
  const std::string lower_flat = lower_ascii(flat);
  for (auto at = lower_flat.find(lower_title); at != std::string::npos;
       at = lower_flat.find(lower_title, at + 1)) {
    const std::string candidate = flat.substr(at, title.size());
    if (candidate != title) return candidate;
  }
  return title;
}

// "2 \u20ac" in a noisy scan is a speck read as a euro sign more often than money: agreements
// state their sums with a currency word or code, and in thousands at least.
bool looks_like_ocr_debris(const AmountMatch& amount) {
  constexpr double k_smallest_plain_symbol_amount = 1000;
  const bool symbol_only = amount.text.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") ==
                           std::string::npos;
  return symbol_only && amount.value < k_smallest_plain_symbol_amount;
}

void add_dates(const std::string& flat, AgreementRecord& record) {
  std::set<std::string> seen;
  for (const auto& match : find_dates(flat)) {
    const std::string iso = match.date.iso();
    if (seen.insert(iso).second) record.dates.push_back(FoundDate{iso, match.text});
  }
}

// Effective and end dates: explicit ones first, else counted from the signing date.
void add_period(const Period& period, const std::optional<Date>& signed_on,
                AgreementRecord& record) {
  std::optional<Date> start = period.effective;
  if (!start && period.from_signing) start = signed_on;
  if (start) record.effective_date = start->iso();
  record.duration = period.duration;
  if (period.end) {
    record.end_date = period.end->iso();
  } else if (period.duration && start) {
    const Duration& d = *period.duration;
    if (auto end = parse::add_period(*start, d.years, d.months, d.days)) {
      record.end_date = end->iso();
    }
  }
}

void add_warnings(const Opening& opening, const ParseOptions& options, AgreementRecord& r) {
  auto warn = [&](const char* code, const WarningValues& values = {}) {
    r.warnings.push_back(warning_text(code, values));
  };
  if (r.doc_type == "addendum" && r.end_date)
    warn(warning::k_addendum_end, {{"date", *r.end_date}});
  if (!r.signed_date) {
    warn(opening.date_left_blank ? warning::k_signing_date_blank : warning::k_no_signing_date);
  }
  if (opening.signed_on && opening.signed_on->weekday_mismatch) {
    warn(warning::k_weekday_mismatch, {{"text", opening.signed_on->text}});
  }
  if (r.parties.empty()) warn(warning::k_no_parties);
  if (r.numbers.empty()) warn(warning::k_no_number);
  if (!r.end_date) {
    warn(warning::k_no_end_date);
  } else {
    if (r.effective_date && *r.end_date < *r.effective_date) warn(warning::k_end_before_start);
    const std::string today = options.today.empty() ? today_iso() : options.today;
    if (*r.end_date < today) warn(warning::k_expired, {{"date", *r.end_date}});
  }
}

}  // namespace

void parse_agreement(AgreementRecord& record, const ParseOptions& options) {
  const PreparedText prepared = prepare_text(record.text);
  const std::string flat = flatten(prepared.lines);
  const Heading heading = read_heading(prepared.lines);
  record.doc_type = heading.doc_type;
  add_dates(flat, record);
  if (heading.doc_type == "other") {  // a letter or an article: only its dates count
    assess(record, Evidence{});
    return;
  }

  if (heading.title) record.title = tidy_title(title_in_body(tidy_title(*heading.title), flat));
  record.numbers = heading.numbers;
  const Opening opening = read_opening(flat);
  if (opening.signed_on) record.signed_date = opening.signed_on->date.iso();
  record.place = opening.place;
  const auto signatures = read_signatures(prepared.lines, heading.body_line);
  record.parties = assemble_parties(heading.parties, opening.signers, signatures);
  add_period(read_period(flat),
             opening.signed_on ? std::optional<Date>(opening.signed_on->date) : std::nullopt,
             record);
  for (const auto& amount : find_amounts(flat)) {
    if (looks_like_ocr_debris(amount)) continue;
    record.amounts.push_back(Amount{amount.value, amount.currency, amount.text});
  }
  record.references = read_references(flat, record.numbers);
  add_warnings(opening, options, record);
  assess(record, Evidence{heading.kind_from_body,
                          opening.signed_on && opening.signed_on->weekday_mismatch,
                          opening.signed_on ? opening.signed_on->text : std::string()});
}

}  // namespace naskah::extract
