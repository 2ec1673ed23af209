#include "parse/period.h"

#include <cctype>

#include "parse/numbers.h"
#include "parse/text_util.h"

namespace naskah::extract::parse {
namespace {

constexpr std::size_t k_clause_span = 420;

bool contains(const std::string& lower, std::initializer_list<const char*> phrases) {
  for (const char* p : phrases) {
    if (lower.find(p) != npos) return true;
  }
  return false;
}

// The clause that starts at `at`: up to the end of its sentence or the next numbered ayat.
std::size_t clause_end(const std::string& lower, std::size_t at) {
  std::size_t end = std::min(lower.size(), at + k_clause_span);
  for (std::size_t i = at; i + 2 < end; ++i) {
    const bool sentence = lower[i] == '.' && lower[i + 1] == ' ' &&
                          (lower[i + 2] == '(' || std::isdigit(static_cast<unsigned char>(lower[i + 2])) ||
                           lower.compare(i + 2, 5, "pasal") == 0 || lower.compare(i + 2, 7, "article") == 0);
    if (sentence) return i;
  }
  return end;
}

// The number written just before `at` ("3 (tiga) ", "lima (5) ", "five (5) ", "24 ").
std::optional<long long> number_before(const std::string& clause, std::size_t at) {
  std::size_t e = at;
  while (e > 0 && clause[e - 1] == ' ') --e;
  std::optional<long long> in_brackets;
  if (e > 0 && clause[e - 1] == ')') {
    const auto open = clause.rfind('(', e);
    if (open == npos || e - open > 40) return std::nullopt;
    const std::string inside = clause.substr(open + 1, e - 2 - open);
    in_brackets = parse_numeral(inside) ? std::optional<long long>(static_cast<long long>(*parse_numeral(inside)))
                                        : parse_number_words(inside);
    e = open;
    while (e > 0 && clause[e - 1] == ' ') --e;
  }
  std::size_t b = e;
  while (b > 0 && std::isdigit(static_cast<unsigned char>(clause[b - 1]))) --b;
  if (b < e) return std::stoll(clause.substr(b, e - b));
  // Number words: the longest run of words before `e` that parses.
  std::optional<long long> best;
  std::size_t w = e;
  for (int words = 0; words < 6 && w > 0; ++words) {
    const auto space = clause.rfind(' ', w - 1);
    w = space == npos ? 0 : space + 1;
    if (auto v = parse_number_words(clause.substr(w, e - w))) best = v;
    if (w == 0) break;
    w = space;
  }
  return best ? best : in_brackets;
}

// "paling lambat 3 (tiga) bulan sebelum berakhirnya", "at least six (6) months in advance":
// a notice period, not the length of the agreement.
bool is_notice(const std::string& clause, std::size_t unit_begin, std::size_t unit_end) {
  const std::size_t from = unit_begin > 40 ? unit_begin - 40 : 0;
  const std::string before = clause.substr(from, unit_begin - from);
  const std::string after = clause.substr(unit_end, 25);
  for (const char* w : {"lambat", "least", "sekurang", "dalam waktu", "within"}) {
    if (before.find(w) != npos) return true;
  }
  for (const char* w : {"sebelum", "before", "in advance", "prior"}) {
    if (after.find(w) != npos) return true;
  }
  return false;
}

// OCR's slip in the unit right after a bracketed number ("2 (dua) tahan"): one letter off
// "tahun" or "bulan". Only there: elsewhere "bukan" is a word of its own.
std::optional<PeriodUnit> misread_unit(const std::string& clause, std::size_t b, std::size_t e) {
  std::size_t before = b;
  while (before > 0 && clause[before - 1] == ' ') --before;
  if (before == 0 || clause[before - 1] != ')' || e - b != 5) return std::nullopt;
  const std::string_view word(clause.data() + b, 5);
  for (const auto& [unit_word, unit] : {std::pair{"tahun", PeriodUnit::year},
                                        std::pair{"bulan", PeriodUnit::month}}) {
    int differences = 0;
    for (std::size_t i = 0; i < 5; ++i) differences += word[i] != unit_word[i] ? 1 : 0;
    if (differences == 1) return unit;
  }
  return std::nullopt;
}

// The stated length of the period, from the first "N <unit>" after an anchor phrase.
std::optional<Duration> duration_in(const std::string& clause) {
  static constexpr const char* k_anchors[] = {"jangka waktu", "selama", "period of", "valid for",
                                             "in force for", "berlaku untuk", "for a term of"};
  std::size_t from = npos;
  for (const char* a : k_anchors) from = std::min(from, clause.find(a));
  if (from == npos) return std::nullopt;
  std::size_t i = from;
  while (i < clause.size()) {
    const auto b = clause.find_first_not_of(' ', i);
    if (b == npos) break;
    auto e = clause.find_first_of(" ,.;)", b);
    if (e == npos) e = clause.size();
    auto unit = parse_period_unit(clause.substr(b, e - b));
    if (!unit && e - b > 4) unit = parse_period_unit(clause.substr(b, e - b - 1));  // "tahuni"
    if (!unit) unit = misread_unit(clause, b, e);
    // "Tahun 2009" after a regulation number is a year, not a length.
    const bool year_follows = e + 5 <= clause.size() && std::isdigit(static_cast<unsigned char>(clause[e + 1])) &&
                              std::isdigit(static_cast<unsigned char>(clause[e + 4]));
    if (unit && !year_follows) {
      if (auto n = number_before(clause, b); n && *n > 0 && *n < 1000 && !is_notice(clause, b, e)) {
        Duration d;
        const int v = static_cast<int>(*n);
        switch (*unit) {
          case PeriodUnit::year: d.years = v; break;
          case PeriodUnit::month: d.months = v; break;
          case PeriodUnit::week: d.days = 7 * v; break;
          case PeriodUnit::day: d.days = v; break;
        }
        return d;
      }
    }
    i = e + 1;
  }
  return std::nullopt;
}

void read_range(const std::string& clause, const std::string& lower, Period& p) {
  const auto dates = find_dates(clause);
  const auto until = [&]() {
    for (const char* word : {"sampai dengan", "s.d.", "s/d", "hingga", " until ", " to ", "through"}) {
      if (auto at = lower.find(word); at != npos) return at;
    }
    return npos;
  }();
  if (until == npos) {
    if (!dates.empty() && contains(lower, {"terhitung mulai", "mulai berlaku", "with effect from",
                                           "effective from", "sejak tanggal"})) {
      p.effective = dates.front().date;
    }
    return;
  }
  for (const auto& d : dates) {
    if (d.begin < until && !p.effective) p.effective = d.date;
    if (d.begin > until && !p.end) p.end = d.date;
  }
}

}  // namespace

Period read_period(const std::string& flat) {
  Period from_signing_only;
  const std::string lower = lower_ascii(flat);
  static constexpr const char* k_markers[] = {"berlaku", "come into effect", "come into force",
                                             "remain in force", "valid for", "jangka waktu"};
  for (const char* marker : k_markers) {
    for (auto at = lower.find(marker); at != npos; at = lower.find(marker, at + 1)) {
      const auto end = clause_end(lower, at);
      const std::string clause_lower = lower.substr(at, end - at);
      const std::string clause = flat.substr(at, end - at);
      const auto duration = duration_in(clause_lower);
      Period candidate;
      candidate.duration = duration;
      // "ditanda tangani" and "ditanda-tangani" as typists and OCR split it.
      candidate.from_signing = contains(clause_lower, {"ditandatangani", "penandatanganan",
                                                       "ditanda tangani", "ditanda-tangani",
                                                       "date of signing", "upon signing",
                                                       "date of signature"});
      read_range(clause, clause_lower, candidate);
      if (candidate.duration || candidate.end) return candidate;
      // "Adendum ini berlaku sejak tanggal ditandatangani": a start, but keep looking for
      // a clause that also says how long.
      // "... berlaku efektif pada tanggal ditandatanganinya" too.
      if (candidate.from_signing &&
          contains(clause_lower, {"sejak", "pada tanggal", "from the date", "on the date"}) &&
          !from_signing_only.from_signing) {
        from_signing_only = candidate;
      }
    }
  }
  return from_signing_only;
}

}  // namespace naskah::extract::parse
