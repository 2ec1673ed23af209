#include "synthetic_agreements.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

#include "naskah/core/sha256.h"
#include "naskah/ingest/reindex.h"
#include "synthetic_words.h"

namespace naskah::bench {
namespace {

using namespace words;

constexpr std::uint64_t k_seed = 0x6e61736b61685f31ULL;

// ---- deterministic randomness -------------------------------------------------------------

// The stream of record `i` for one purpose (`salt`): records can be made in any order.
Rng rng_for(std::size_t i, std::uint64_t salt) {
  Rng mixer(k_seed ^ salt ^ (static_cast<std::uint64_t>(i) * 0xd1342543de82ef95ULL));
  return Rng(mixer.next());
}

// ---- words ----------------------------------------------------------------------------------

constexpr const char* k_syllables[] = {
    "ba",  "be",  "bi",   "bu",   "da",  "de",  "di",  "du",  "ga",  "gi",  "gu",   "ja",
    "ju",  "ka",  "ke",   "ki",   "ku",  "la",  "li",  "lu",  "ma",  "me",  "mi",   "mu",
    "na",  "ne",  "ni",   "nu",   "pa",  "pe",  "pi",  "pu",  "ra",  "re",  "ri",   "ru",
    "sa",  "se",  "si",   "su",   "ta",  "te",  "ti",  "tu",  "wa",  "ya",  "ngan", "nya",
    "tan", "ran", "lang", "dang", "sar", "tar", "bah", "jar", "kum", "mas", "pan",  "rin"};

// A made-up word that looks Indonesian: the long tail of names, places and rare terms.
std::string made_up_word(Rng& rng) {
  static constexpr const char* k_prefixes[] = {"", "", "", "me", "pe", "ber", "di", "ter", "ke"};
  static constexpr const char* k_suffixes[] = {"", "", "", "an", "kan", "nya", "i"};
  std::string word = rng.pick(k_prefixes);
  for (int n = rng.between(2, 3); n > 0; --n) word += rng.pick(k_syllables);
  return word + rng.pick(k_suffixes);
}

std::string join_words(const std::string& a, const std::string& b) {
  return b.empty() ? a : a + " " + b;
}

// 1234 -> "seribu dua ratus tiga puluh empat", as agreements spell out numbers and dates.
std::string terbilang(std::uint64_t n) {
  static constexpr const char* k_units[] = {"",        "satu",     "dua",     "tiga",
                                            "empat",   "lima",     "enam",    "tujuh",
                                            "delapan", "sembilan", "sepuluh", "sebelas"};
  if (n < 12) return k_units[n];
  if (n < 20) return terbilang(n - 10) + " belas";
  if (n < 100) return join_words(terbilang(n / 10) + " puluh", terbilang(n % 10));
  if (n < 200) return join_words("seratus", terbilang(n - 100));
  if (n < 1000) return join_words(terbilang(n / 100) + " ratus", terbilang(n % 100));
  if (n < 2000) return join_words("seribu", terbilang(n - 1000));
  if (n < 1'000'000) return join_words(terbilang(n / 1000) + " ribu", terbilang(n % 1000));
  if (n < 1'000'000'000) {
    return join_words(terbilang(n / 1'000'000) + " juta", terbilang(n % 1'000'000));
  }
  return join_words(terbilang(n / 1'000'000'000) + " miliar", terbilang(n % 1'000'000'000));
}

std::string english_number(int n) {
  static constexpr const char* k_names[] = {"zero", "one",   "two",   "three", "four", "five",
                                            "six",  "seven", "eight", "nine",  "ten"};
  return n >= 0 && n <= 10 ? k_names[n] : std::to_string(n);
}

// 150000000 -> "Rp150.000.000,00" (Indonesian) or "IDR 150,000,000" (English).
std::string money(std::uint64_t rupiah, bool english) {
  std::string digits = std::to_string(rupiah);
  for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3) {
    digits.insert(static_cast<std::size_t>(at), 1, english ? ',' : '.');
  }
  return english ? "IDR " + digits : "Rp" + digits + ",00";
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// ---- dates ----------------------------------------------------------------------------------

struct Date {
  int year = 2020;
  int month = 1;
  int day = 1;
};

std::chrono::sys_days days_of(const Date& d) {
  return std::chrono::year_month_day{std::chrono::year{d.year},
                                     std::chrono::month{static_cast<unsigned>(d.month)},
                                     std::chrono::day{static_cast<unsigned>(d.day)}};
}

// The last day of a term of `years` starting on `start`.
Date end_of_term(const Date& start, int years) {
  const std::chrono::year_month_day start_ymd{days_of(start)};
  const std::chrono::year_month_day end{
      std::chrono::sys_days{start_ymd + std::chrono::years{years}} - std::chrono::days{1}};
  return {static_cast<int>(end.year()), static_cast<int>(static_cast<unsigned>(end.month())),
          static_cast<int>(static_cast<unsigned>(end.day()))};
}

std::string iso(const Date& d) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", d.year, d.month, d.day);
  return text;
}

std::string month_name(int month, bool english) {
  static constexpr const char* k_id[] = {"Januari",   "Februari", "Maret",    "April",
                                         "Mei",       "Juni",     "Juli",     "Agustus",
                                         "September", "Oktober",  "November", "Desember"};
  static constexpr const char* k_en[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
  const auto index = static_cast<std::size_t>(month - 1);
  return english ? k_en[index] : k_id[index];
}

std::string weekday_name(const Date& d, bool english) {
  static constexpr const char* k_id[] = {"Minggu", "Senin", "Selasa", "Rabu",
                                         "Kamis",  "Jumat", "Sabtu"};
  static constexpr const char* k_en[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                         "Thursday", "Friday", "Saturday"};
  const unsigned day = std::chrono::weekday{days_of(d)}.c_encoding();
  return english ? k_en[day] : k_id[day];
}

// "12 Maret 2021" / "12 March 2021".
std::string written_date(const Date& d, bool english) {
  return std::to_string(d.day) + " " + month_name(d.month, english) + " " + std::to_string(d.year);
}

Date random_date(Rng& rng, int from_year, int to_year) {
  return {rng.between(from_year, to_year), rng.between(1, 12), rng.between(1, 28)};
}

// Words a record aims at by default; --words scales every record's target by N / this.

// ---- one record ------------------------------------------------------------------------------

// What a record's heading says; a second scan of the same agreement shares it.
struct Terms {
  std::string doc_type;
  bool english = false;
  std::string title;
  std::vector<std::string> parties;
  std::vector<std::string> signatories;
  std::vector<std::string> numbers;
  Date signed_on;
  int years = 0;             // 0: no end date
  std::uint64_t amount = 0;  // rupiah; 0: none
  std::string city;
  std::string office;
};

// (One draw per statement: the order operands are evaluated in is unspecified.)
std::string person(Rng& rng) {
  std::string name = rng.pick(k_honorifics);
  name += rng.pick(k_first_names);
  name += " ";
  name += rng.pick(k_last_names);
  return name + rng.pick(k_degrees);
}

std::string position_of(const std::string& party, bool english) {
  if (english) return "Head of " + party;
  if (party.starts_with("Universitas") || party.starts_with("Politeknik")) return "Rektor " + party;
  if (party.starts_with("Pemerintah Kabupaten ")) return "Bupati " + party.substr(21);
  if (party.starts_with("Pemerintah Kota ")) return "Wali Kota " + party.substr(16);
  return "Kepala " + party;
}

std::vector<std::string> agreement_numbers(Rng& rng, const std::string& doc_type, int year) {
  static constexpr const char* k_roman[] = {"I",   "II",   "III", "IV", "V",  "VI",
                                            "VII", "VIII", "IX",  "X",  "XI", "XII"};
  // Drawn in a braced list: evaluated left to right, unlike function arguments.
  const int d[] = {rng.between(1, 33),  rng.between(1, 40),   rng.between(1, 9999),
                   rng.between(1, 999), rng.between(1, 9999), rng.between(0, 11)};
  char first[64];
  char second[64];
  std::snprintf(first, sizeof first, "W%d.PAS.%d-HH.05.05-%04d", d[0], d[1], d[2]);
  if (doc_type == "other") {
    std::snprintf(second, sizeof second, "%d/LAP/%s/%d", d[3], k_roman[d[5]], year);
    return rng.chance(0.5) ? std::vector<std::string>{second} : std::vector<std::string>{};
  }
  std::snprintf(second, sizeof second, "%d/%d/KS/%s/%d", d[3], d[4], k_roman[d[5]], year);
  if (rng.chance(0.3)) return {first};
  return {first, second};
}

Terms make_terms(Rng& rng, const Corpus& corpus) {
  Terms t;
  const double kind = rng.unit();
  t.doc_type = kind < 0.35 ? "mou" : kind < 0.80 ? "pks" : kind < 0.90 ? "addendum" : "other";
  t.english = t.doc_type != "other" && rng.chance(0.11);
  t.title = t.english ? rng.pick(k_titles_en) : rng.pick(k_titles_id);
  if (!t.english && rng.chance(0.3)) {
    t.title += " Tahun Anggaran " + std::to_string(rng.between(2015, 2026));
  }
  const int party_count = t.doc_type == "other" ? 0 : rng.chance(0.2) ? 3 : 2;
  while (static_cast<int>(t.parties.size()) < party_count) {
    const std::string& party = rng.pick(corpus.parties);
    if (std::find(t.parties.begin(), t.parties.end(), party) != t.parties.end()) continue;
    t.parties.push_back(party);
    t.signatories.push_back(person(rng));
  }
  t.signed_on = random_date(rng, 2015, 2026);
  t.numbers = agreement_numbers(rng, t.doc_type, t.signed_on.year);
  t.years = rng.chance(0.10) ? 0 : rng.between(1, 5);
  if (t.doc_type != "mou" && rng.chance(0.6)) {
    t.amount = static_cast<std::uint64_t>(rng.between(20, 8000)) * 250'000;
  }
  t.city = rng.pick(k_cities);
  t.office = rng.pick(corpus.offices);
  return t;
}

// Text being written, counting its words and breaking pages at paragraph ends.
class TextWriter {
 public:
  TextWriter(std::size_t target_words, int pages) : m_target(target_words), m_pages(pages) {}
  void line(std::string_view text) {
    m_text += text;
    m_text += '\n';
    m_words += ingest::word_count(text);
  }
  void blank() { m_text += '\n'; }
  // Starts the next page once this one holds its share of the words.
  void paragraph_end() {
    const std::size_t per_page = m_target / static_cast<std::size_t>(m_pages);
    if (m_breaks + 1 < m_pages && m_words >= per_page * static_cast<std::size_t>(m_breaks + 1)) {
      m_text += '\f';
      ++m_breaks;
    }
  }
  std::size_t words() const { return m_words; }
  std::size_t target() const { return m_target; }
  std::string take() { return std::move(m_text); }

 private:
  std::string m_text;
  std::size_t m_words = 0;
  std::size_t m_target;
  int m_pages;
  int m_breaks = 0;
};

// A word, or now and then one of the numbers, dates and references clauses carry.
std::string word_or_fact(Rng& rng, const Vocabulary& vocab, bool english) {
  static constexpr const char* k_units_id[] = {"hari", "bulan", "tahun", "orang", "kali"};
  static constexpr const char* k_units_en[] = {"days", "months", "years", "persons", "times"};
  const double x = rng.unit();
  if (x < 0.012) {
    const int n = rng.between(2, 30);
    return english ? english_number(n) + " (" + std::to_string(n) + ") " + rng.pick(k_units_en)
                   : std::to_string(n) + " (" + terbilang(static_cast<std::uint64_t>(n)) + ") " +
                         rng.pick(k_units_id);
  }
  if (x < 0.018) {
    const Date d = random_date(rng, 2010, 2026);
    return english ? written_date(d, true) : "tanggal " + written_date(d, false);
  }
  if (x < 0.021) return rng.pick(k_laws);
  if (x < 0.023) {
    return money(static_cast<std::uint64_t>(rng.between(1, 4000)) * 500'000, english);
  }
  return vocab.draw(rng);
}

std::string sentence(Rng& rng, const Vocabulary& vocab, bool english) {
  std::string text;
  const int words = rng.between(8, 24);
  for (int k = 0; k < words; ++k) {
    if (k > 0) text += k > 3 && rng.chance(0.06) ? ", " : " ";
    text += word_or_fact(rng, vocab, english);
  }
  text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text + ".";
}

std::string kind_phrase(const std::string& doc_type, bool english) {
  if (doc_type == "mou") return english ? "Memorandum of Understanding" : "Nota Kesepahaman";
  if (doc_type == "addendum") return english ? "Addendum" : "Adendum";
  if (doc_type == "other") return "Laporan";
  return english ? "Cooperation Agreement" : "Perjanjian Kerja Sama";
}

std::string kind_heading(const std::string& doc_type, bool english) {
  if (doc_type == "addendum") {
    return english ? "ADDENDUM TO THE COOPERATION AGREEMENT" : "ADENDUM PERJANJIAN KERJA SAMA";
  }
  if (doc_type == "other") return "LAPORAN PELAKSANAAN KEGIATAN";
  return upper(kind_phrase(doc_type, english));
}

void write_heading(TextWriter& w, const Terms& t) {
  const bool en = t.english;
  w.line(kind_heading(t.doc_type, en));
  if (t.doc_type == "other") {
    w.line(upper(t.title));
    w.line(upper(t.office));
  } else {
    w.line(en ? "BETWEEN" : "ANTARA");
    for (std::size_t k = 0; k < t.parties.size(); ++k) {
      if (k > 0) w.line(en ? "AND" : k == 1 ? "DENGAN" : "DAN");
      w.line(upper(t.parties[k]));
    }
    w.line(en ? "ON" : "TENTANG");
    w.line(upper(t.title));
  }
  w.blank();
  for (const std::string& number : t.numbers) w.line((en ? "NUMBER: " : "NOMOR: ") + number);
  w.blank();
}

void write_opening(TextWriter& w, const Terms& t, Rng& rng) {
  static constexpr const char* k_ordinals_id[] = {"PERTAMA", "KEDUA", "KETIGA"};
  static constexpr const char* k_ordinals_en[] = {"FIRST", "SECOND", "THIRD"};
  const Date& d = t.signed_on;
  char numeric[16];
  std::snprintf(numeric, sizeof numeric, "%02d-%02d-%04d", d.day, d.month, d.year);
  if (t.english) {
    w.line("On this day, " + weekday_name(d, true) + ", " + written_date(d, true) + ", at " +
           t.city + ", the undersigned:");
  } else {
    w.line("Pada hari ini " + weekday_name(d, false) + " tanggal " +
           terbilang(static_cast<std::uint64_t>(d.day)) + " bulan " + month_name(d.month, false) +
           " tahun " + terbilang(static_cast<std::uint64_t>(d.year)) + " (" + numeric +
           "), bertempat di " + t.city + ", yang bertanda tangan di bawah ini:");
  }
  for (std::size_t k = 0; k < t.parties.size(); ++k) {
    const std::string head = std::to_string(k + 1) + ". " + t.signatories[k] + ", " +
                             position_of(t.parties[k], t.english);
    w.line(t.english ? head + ", acting for and on behalf of " + t.parties[k] +
                           ", hereinafter referred to as the " + k_ordinals_en[k] + " PARTY."
                     : head + ", dalam hal ini bertindak untuk dan atas nama " + t.parties[k] +
                           ", selanjutnya disebut PIHAK " + k_ordinals_id[k] + ".");
  }
  if (!t.english) {
    w.line("PARA PIHAK dengan memperhatikan:");
    for (int k = 0, n = rng.between(2, 4); k < n; ++k) {
      w.line(std::string(1, static_cast<char>('a' + k)) + ". " + rng.pick(k_laws) + ";");
    }
  }
  w.line(t.english ? "The Parties have agreed as follows:"
                   : "sepakat untuk mengadakan " + kind_phrase(t.doc_type, false) +
                         " dengan ketentuan sebagai berikut:");
  w.blank();
  w.paragraph_end();
}

// The clause on the term ("JANGKA WAKTU") and the one on costs ("PEMBIAYAAN").
std::string term_clause(const Terms& t) {
  const std::string kind = kind_phrase(t.doc_type, t.english);
  if (t.years == 0) {
    return t.english ? "This " + kind + " shall come into effect on the date of signing."
                     : kind + " ini berlaku sejak tanggal ditandatangani oleh PARA PIHAK.";
  }
  const Date end = end_of_term(t.signed_on, t.years);
  const auto years = static_cast<std::uint64_t>(t.years);
  return t.english
             ? "This " + kind + " shall come into effect on " + written_date(t.signed_on, true) +
                   " and shall remain valid for " + english_number(t.years) + " (" +
                   std::to_string(t.years) + ") years until " + written_date(end, true) + "."
             : kind + " ini berlaku untuk jangka waktu " + std::to_string(t.years) + " (" +
                   terbilang(years) + ") tahun terhitung sejak tanggal " +
                   written_date(t.signed_on, false) + " sampai dengan tanggal " +
                   written_date(end, false) + ".";
}

std::string cost_clause(const Terms& t) {
  if (t.amount == 0) {
    return t.english ? "Each Party shall bear its own costs."
                     : "Biaya pelaksanaan dibebankan kepada anggaran masing-masing PIHAK.";
  }
  return t.english ? "The costs amount to " + money(t.amount, true) + "."
                   : "Biaya pelaksanaan sebesar " + money(t.amount, false) + " (" +
                         terbilang(t.amount) + " rupiah) dibebankan pada anggaran PIHAK KEDUA.";
}

const std::vector<std::string>& headings(const Terms& t) {
  static const std::vector<std::string> k_id = {"MAKSUD DAN TUJUAN",
                                                "RUANG LINGKUP",
                                                "PELAKSANAAN",
                                                "HAK DAN KEWAJIBAN",
                                                "PEMBIAYAAN",
                                                "JANGKA WAKTU",
                                                "MONITORING DAN EVALUASI",
                                                "KERAHASIAAN",
                                                "KEADAAN KAHAR",
                                                "KORESPONDENSI",
                                                "PENYELESAIAN PERSELISIHAN",
                                                "PERUBAHAN",
                                                "LAIN-LAIN",
                                                "PENUTUP"};
  static const std::vector<std::string> k_en = {
      "OBJECTIVE",        "SCOPE OF COOPERATION",   "IMPLEMENTATION",
      "RESPONSIBILITIES", "FINANCIAL ARRANGEMENTS", "DURATION",
      "EVALUATION",       "CONFIDENTIALITY",        "FORCE MAJEURE",
      "NOTICES",          "SETTLEMENT OF DISPUTES", "AMENDMENT",
      "MISCELLANEOUS",    "FINAL PROVISIONS"};
  static const std::vector<std::string> k_report = {
      "PENDAHULUAN", "DASAR HUKUM",  "MAKSUD DAN TUJUAN", "PELAKSANAAN KEGIATAN",
      "PEMBIAYAAN",  "JANGKA WAKTU", "HASIL KEGIATAN",    "KENDALA",
      "EVALUASI",    "REKOMENDASI",  "LAMPIRAN",          "TINDAK LANJUT",
      "LAIN-LAIN",   "PENUTUP"};
  return t.english ? k_en : t.doc_type == "other" ? k_report : k_id;
}

void write_articles(TextWriter& w, const Terms& t, Rng& rng, const Vocabulary& vocab) {
  const std::vector<std::string>& names = headings(t);
  const int articles = rng.between(8, static_cast<int>(names.size()));
  const std::size_t left = w.target() > w.words() + 80 ? w.target() - w.words() - 80 : 0;
  const std::size_t budget = left / static_cast<std::size_t>(articles);
  const std::string label = t.english ? "Article " : t.doc_type == "other" ? "Bab " : "Pasal ";
  for (int a = 1; a <= articles; ++a) {
    const std::size_t start = w.words();
    const auto which =
        static_cast<std::size_t>(a == articles ? static_cast<int>(names.size()) - 1 : a - 1);
    w.line(label + std::to_string(a));
    w.line(names[which]);
    if (which == 4) w.line(cost_clause(t));
    if (which == 5) w.line(term_clause(t));
    for (int paragraph = 1; w.words() - start < budget; ++paragraph) {
      std::string text = "(" + std::to_string(paragraph) + ")";
      for (int s = rng.between(1, 3); s > 0; --s) text += " " + sentence(rng, vocab, t.english);
      w.line(text);
    }
    w.blank();
    w.paragraph_end();
  }
}

void write_closing(TextWriter& w, const Terms& t, Rng& rng) {
  const std::string date = written_date(t.signed_on, t.english);
  if (t.doc_type == "other") {
    w.line(t.city + ", " + date);
    w.line("Kepala " + t.office);
    w.line(person(rng));
    return;
  }
  w.line(t.english ? "Signed in duplicate at " + t.city + " on " + date + "."
                   : "Demikian " + kind_phrase(t.doc_type, false) +
                         " ini dibuat dalam rangkap 2 (dua) asli bermeterai cukup dan "
                         "ditandatangani di " +
                         t.city + " pada tanggal " + date + ".");
  w.blank();
  w.line(t.english ? "For the First Party,\tFor the Second Party,"
                   : "PIHAK PERTAMA,\tPIHAK KEDUA,");
  w.line(t.signatories[0] + "\t" + t.signatories[1]);
}

void fill_fields(AgreementRecord& r, const Terms& t) {
  static constexpr const char* k_roles[] = {"first", "second", "third"};
  r.language = t.english ? "en" : "id";
  r.doc_type = t.doc_type;
  r.title = t.title;
  for (std::size_t k = 0; k < t.parties.size(); ++k) {
    r.parties.push_back(
        {t.parties[k], k_roles[k], t.signatories[k], position_of(t.parties[k], t.english)});
  }
  r.numbers = t.numbers;
  r.signed_date = iso(t.signed_on);
  r.effective_date = r.signed_date;
  r.place = t.city;
  r.office = t.office;
  if (t.years > 0) {
    r.end_date = iso(end_of_term(t.signed_on, t.years));
    r.duration = naskah::Duration{t.years, 0, 0};
  }
  if (t.amount > 0) {
    r.amounts.push_back({static_cast<double>(t.amount), "IDR", money(t.amount, t.english)});
  }
}

constexpr std::uint64_t k_terms_salt = 0x7465726d73ULL;
constexpr std::uint64_t k_body_salt = 0x626f6479ULL;

}  // namespace

Vocabulary::Vocabulary(std::string_view real, std::size_t size, std::uint64_t seed) {
  std::set<std::string> seen;
  auto add = [&](std::string word) {
    if (!word.empty() && seen.insert(word).second) m_words.push_back(std::move(word));
  };
  for (std::size_t from = 0; from < real.size();) {
    const std::size_t to = std::min(real.find(' ', from), real.size());
    add(std::string(real.substr(from, to - from)));
    from = to + 1;
  }
  Rng rng(seed);
  while (m_words.size() < size) add(made_up_word(rng));
  double total = 0;
  for (std::size_t rank = 0; rank < m_words.size(); ++rank) {
    total += 1.0 / static_cast<double>(rank + 1);
    m_cumulative.push_back(total);
  }
}

Corpus::Corpus()
    : indonesian(k_indonesian_words, 4000, k_seed + 1),
      english(k_english_words, 2500, k_seed + 2) {}

Corpus make_corpus(std::size_t words) {
  Corpus corpus;
  corpus.words = words;
  for (const char* province : k_provinces) {
    corpus.parties.push_back(std::string("Kantor Wilayah Kementerian Hukum dan HAM ") + province);
  }
  std::vector<std::string> local;
  for (const char* kind : k_party_kinds) {
    for (const char* city : k_cities) local.push_back(std::string(kind) + city);
  }
  Rng rng(k_seed + 3);
  for (std::size_t i = local.size() - 1; i > 0; --i) std::swap(local[i], local[rng.below(i + 1)]);
  local.resize(300 - corpus.parties.size());
  corpus.parties.insert(corpus.parties.end(), local.begin(), local.end());
  for (std::size_t i = 0; i < 20; ++i) {
    corpus.offices.push_back(std::string("Kanwil Kemenkumham ") + k_provinces[i]);
    corpus.offices.push_back(std::string("Lapas Kelas I ") + k_cities[i * 3]);
  }
  return corpus;
}

Synthetic make_record(std::size_t i, const Corpus& corpus) {
  Rng terms_rng = rng_for(i % 100 == 99 ? i - 1 : i, k_terms_salt);
  const Terms terms = make_terms(terms_rng, corpus);
  Rng rng = rng_for(i, k_body_salt);
  Synthetic s;
  s.pdf = "%PDF-1.4\n% naskah index_bench document " + std::to_string(i) + "\n%%EOF\n";
  AgreementRecord& r = s.record;
  r.sha256 = naskah::sha256_hex(s.pdf);
  r.source = {"bench/" + std::to_string(i) + ".pdf", std::nullopt, s.pdf.size(), "application/pdf"};
  r.pages = rng.between(2, 8);
  if (rng.chance(0.6)) {
    r.text_source = naskah::TextSource::ocr;
    r.ocr_confidence = 50.0 + 47.0 * rng.unit();
  }
  // Scaled after the draw, so that the default length leaves every record as it was.
  const auto target = static_cast<std::size_t>(rng.between(1300, 1700));
  TextWriter w(target * corpus.words / k_default_words, r.pages);
  write_heading(w, terms);
  write_opening(w, terms, rng);
  write_articles(w, terms, rng, terms.english ? corpus.english : corpus.indonesian);
  write_closing(w, terms, rng);
  r.text = w.take();
  fill_fields(r, terms);
  return s;
}

}  // namespace naskah::bench
