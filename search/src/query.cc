#include "query.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>

#include "naskah/core/clock.h"
#include "naskah/index/schema.h"

namespace naskah::search {
namespace {

using Xapian::Query;

std::string lower(std::string text) {
  return Xapian::Unicode::tolower(index::display_name(text));
}

// jenis:/type: values in either language -> the stored doc_type.
std::string doc_type_of(const std::string& text) {
  const std::string t = lower(text);
  if (t == "mou" || t == "nk" || t == "nota kesepahaman" || t == "memorandum" || t == "nota") {
    return "mou";
  }
  if (t == "pks" || t == "perjanjian" || t == "perjanjian kerja sama" || t == "kesepakatan" ||
      t == "kesepakatan bersama" || t == "agreement") {
    return "pks";
  }
  if (t == "adendum" || t == "addendum" || t == "amandemen" || t == "perubahan" ||
      t == "amendment") {
    return "addendum";
  }
  if (t == "lain" || t == "lainnya" || t == "bukan" || t == "other") return "other";
  return t;
}

// status: values in either language -> the canonical status.
std::string status_name(const std::string& text) {
  const std::string t = lower(text);
  if (t == "aktif" || t == "berlaku" || t == "active") return "active";
  if (t == "segera" || t == "segera berakhir" || t == "hampir berakhir" || t == "expiring") {
    return "expiring";
  }
  if (t == "berakhir" || t == "kedaluwarsa" || t == "kadaluarsa" || t == "habis" ||
      t == "expired") {
    return "expired";
  }
  if (t == "tidak diketahui" || t == "tidak-diketahui" || t == "unknown") return "unknown";
  return t;
}

class TypeField : public Xapian::FieldProcessor {
 public:
  Query operator()(const std::string& text) override {
    return Query(std::string(index::prefix::k_type) + doc_type_of(text));
  }
};

class OfficeField : public Xapian::FieldProcessor {
 public:
  Query operator()(const std::string& text) override {
    return Query(std::string(index::prefix::k_office) + index::term_key(text));
  }
};

class StatusField : public Xapian::FieldProcessor {
 public:
  StatusField(std::string today, int days) : m_today(std::move(today)), m_days(days) {}
  Query operator()(const std::string& text) override {
    auto query = status_query(status_name(text), m_today, m_days);
    if (!query) throw Xapian::QueryParserError(query.error().message);
    return *query;
  }

 private:
  std::string m_today;
  int m_days;
};

// keluarga:<id> (family:): every member of the family of the agreement <id> (the whole id,
// or its first 8 or more hex digits), which is every document filed under its root.
class FamilyField : public Xapian::FieldProcessor {
 public:
  explicit FamilyField(const Xapian::Database& db) : m_db(db) {}
  Query operator()(const std::string& text) override {
    const std::string id = lower(text);
    const std::string family = index::prefix::k_family;
    const std::string wanted = index::id_term(id);
    // Nothing is thrown from here: Xapian 1.4's parser leaks what it holds when a field
    // processor throws. An id too short or too common to name one agreement matches nothing.
    if (id.size() < 8) return Query(wanted);
    auto t = m_db.allterms_begin(wanted);
    if (t == m_db.allterms_end(wanted)) return Query(wanted);  // no such agreement
    const std::string found = *t;
    if (++t != m_db.allterms_end(wanted)) return Query(wanted);
    auto p = m_db.postlist_begin(found);
    if (p == m_db.postlist_end(found)) return Query(found);
    const Xapian::Document doc = m_db.get_document(*p);
    Xapian::TermIterator root = doc.termlist_begin();
    root.skip_to(family);
    if (root != doc.termlist_end() && (*root).starts_with(family)) return Query(*root);
    return Query(found);
  }

 private:
  const Xapian::Database& m_db;
};

// "signed:2021..2022-06" and the like: a range of dates on a value slot.
class DateRange : public Xapian::RangeProcessor {
 public:
  DateRange(Xapian::valueno value_slot, const std::string& field)
      : RangeProcessor(value_slot, field) {}
  Query operator()(const std::string& begin, const std::string& end) override {
    const std::string from = begin.empty() ? std::string{} : date_bound(begin, false);
    const std::string to = end.empty() ? std::string{} : date_bound(end, true);
    if ((!begin.empty() && from.empty()) || (!end.empty() && to.empty())) {
      throw Xapian::QueryParserError(
          "a date range is written 2021-01-01..2021-12-31 "
          "(or 2021..2022, or 2021-03..2021-06)");
    }
    if (from.empty()) return Query(Query::OP_VALUE_LE, slot, to);
    if (to.empty()) return Query(Query::OP_VALUE_GE, slot, from);
    return Query(Query::OP_VALUE_RANGE, slot, from, to);
  }
};

const Xapian::SimpleStopper& stopper() {
  static constexpr const char* k_words[] = {
      "dan", "yang", "di",  "ke", "dari", "untuk", "dengan", "atau", "pada", "dalam",
      "the", "of",   "and", "in", "on",   "for",   "to",     "a",    "an"};
  static const Xapian::SimpleStopper k_stopper(std::begin(k_words), std::end(k_words));
  return k_stopper;
}

void add_fields(Xapian::QueryParser& qp, const Xapian::Database& db, const std::string& today,
                int days) {
  for (const char* name : {"pihak", "party"}) qp.add_prefix(name, index::prefix::k_party_text);
  for (const char* name : {"nomor", "number", "no"}) {
    qp.add_prefix(name, index::prefix::k_number_text);
  }
  for (const char* name : {"tentang", "title", "judul"}) {
    qp.add_prefix(name, index::prefix::k_title_text);
  }
  for (const char* name : {"tahun", "year"}) qp.add_boolean_prefix(name, index::prefix::k_year);
  for (const char* name : {"jenis", "type"}) {
    qp.add_boolean_prefix(name, (new TypeField)->release());
  }
  for (const char* name : {"kantor", "office", "unit"}) {
    qp.add_boolean_prefix(name, (new OfficeField)->release());
  }
  for (const char* name : {"status"}) {
    qp.add_boolean_prefix(name, (new StatusField(today, days))->release());
  }
  for (const char* name : {"keluarga", "family"}) {
    qp.add_boolean_prefix(name, (new FamilyField(db))->release());
  }
  for (const char* name : {"signed:", "ditandatangani:", "tanggal:"}) {
    qp.add_rangeprocessor((new DateRange(index::slot::k_signed, name))->release());
  }
  for (const char* name : {"end:", "berakhir:"}) {
    qp.add_rangeprocessor((new DateRange(index::slot::k_end, name))->release());
  }
}

constexpr unsigned k_flags =
    Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
    Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;

// The query text parsed with one language's stemmer.
Query parse_with(const Xapian::Database& vocabulary, const Xapian::Database& db,
                 const std::string& text, const char* language, const std::string& today, int days,
                 std::string* corrected) {
  Xapian::QueryParser qp;
  qp.set_database(vocabulary);
  qp.set_stemmer(Xapian::Stem(language));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_stopper(&stopper());
  qp.set_default_op(Query::OP_AND);
  qp.set_max_expansion(200, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  add_fields(qp, db, today, days);
  const unsigned spelling = corrected ? Xapian::QueryParser::FLAG_SPELLING_CORRECTION : 0;
  Query query;
  try {
    query = qp.parse_query(text, k_flags | spelling);
  } catch (const Xapian::QueryParserError&) {
    // Unbalanced quotes or a stray operator: read the words plainly rather than fail.
    query = qp.parse_query(text, Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS | spelling);
  }
  if (corrected) *corrected = qp.get_corrected_query_string();
  return query;
}

Query any_of(const std::vector<Query>& queries) {
  return Query(Query::OP_OR, queries.begin(), queries.end());
}

Query party_filter(const Xapian::Database& db, const std::string& name) {
  const std::string exact = std::string(index::prefix::k_party) + index::term_key(name);
  if (db.term_exists(exact)) return Query(exact);
  // Some words of a name: all of them in one party field.
  Xapian::QueryParser qp;
  qp.set_default_op(Query::OP_AND);
  return qp.parse_query(name, 0, index::prefix::k_party_text);
}

}  // namespace

std::string date_bound(const std::string& text, bool end) {
  const std::string t = index::display_name(text);
  auto digits = [&](std::size_t from, std::size_t n) {
    if (t.size() < from + n) return false;
    return std::all_of(t.begin() + static_cast<std::ptrdiff_t>(from),
                       t.begin() + static_cast<std::ptrdiff_t>(from + n),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  };
  if (t.size() == 4 && digits(0, 4)) return t + (end ? "1231" : "0101");
  if (t.size() == 7 && digits(0, 4) && t[4] == '-' && digits(5, 2)) {
    return t.substr(0, 4) + t.substr(5, 2) + (end ? "31" : "01");
  }
  return index::date_value(t);
}

Result<Query> status_query(const std::string& status, const std::string& today, int expiring_days) {
  const auto slot = index::slot::k_end;
  const std::string now = index::date_value(today);
  const std::string soon = index::date_value(add_days(today, expiring_days));
  const std::string yesterday = index::date_value(add_days(today, -1));
  if (status == "expired") return Query(Query::OP_VALUE_LE, slot, yesterday);
  if (status == "expiring") return Query(Query::OP_VALUE_RANGE, slot, now, soon);
  if (status == "active") {
    return Query(Query::OP_VALUE_GE, slot, index::date_value(add_days(today, expiring_days + 1)));
  }
  if (status == "unknown") {
    return Query(Query::OP_AND_NOT, Query::MatchAll, Query(Query::OP_VALUE_GE, slot, "0"));
  }
  return fail(codes::k_usage_invalid,
              "status is one of active (aktif), expiring (segera berakhir), "
              "expired (berakhir), unknown (tidak diketahui); got '" +
                  status + "'");
}

std::string corrected_query(const Xapian::Database& vocabulary, const Request& request,
                            const std::string& today) {
  std::string corrected;
  try {
    (void)parse_with(vocabulary, vocabulary, request.query, "indonesian", today,
                     request.expiring_days, &corrected);
  } catch (const Xapian::Error&) {
    return {};
  }
  return corrected;
}

Result<Query> build_query(const Xapian::Database& vocabulary, const Xapian::Database& db,
                          const Request& request, const std::string& today) {
  Query parsed;
  const bool blank = index::display_name(request.query).empty();
  try {
    if (blank) {
      parsed = Query::MatchAll;
    } else {
      // Indonesian stems, and English ones for English records; the same query either way.
      const Query id = parse_with(vocabulary, db, request.query, "indonesian", today,
                                  request.expiring_days, nullptr);
      const Query en = parse_with(vocabulary, db, request.query, "english", today,
                                  request.expiring_days, nullptr);
      parsed = id.get_description() == en.get_description() ? id : Query(Query::OP_OR, id, en);
      if (parsed.empty()) parsed = Query::MatchAll;  // only stop words
    }
  } catch (const Xapian::QueryParserError& e) {
    return fail(codes::k_usage_invalid, e.get_msg());
  }

  const Filters& f = request.filters;
  std::vector<Query> filters;
  auto add_group = [&](const std::vector<std::string>& values, auto make) -> Result<void> {
    if (values.empty()) return {};
    std::vector<Query> any;
    for (const std::string& v : values) {
      auto q = make(v);
      if (!q) return tl::unexpected(q.error());
      any.push_back(*q);
    }
    filters.push_back(any_of(any));
    return {};
  };
  auto term = [](const char* prefix) {
    return [prefix](const std::string& v) -> Result<Query> {
      return Query(std::string(prefix) + lower(v));
    };
  };
  Result<void> ok = add_group(f.type, [](const std::string& v) -> Result<Query> {
    return Query(std::string(index::prefix::k_type) + doc_type_of(v));
  });
  if (ok) ok = add_group(f.year, term(index::prefix::k_year));
  if (ok) {
    ok = add_group(f.office, [](const std::string& v) -> Result<Query> {
      return Query(std::string(index::prefix::k_office) + index::term_key(v));
    });
  }
  if (ok) {
    ok = add_group(f.party,
                   [&](const std::string& v) -> Result<Query> { return party_filter(db, v); });
  }
  if (ok) {
    ok = add_group(f.status, [&](const std::string& v) {
      return status_query(status_name(v), today, request.expiring_days);
    });
  }
  if (!ok) return tl::unexpected(ok.error());
  if (!f.signed_from.empty() || !f.signed_to.empty()) {
    const std::string from = f.signed_from.empty() ? "" : date_bound(f.signed_from, false);
    const std::string to = f.signed_to.empty() ? "" : date_bound(f.signed_to, true);
    if ((!f.signed_from.empty() && from.empty()) || (!f.signed_to.empty() && to.empty())) {
      return fail(codes::k_usage_invalid,
                  "signed_from and signed_to are dates: 2021, 2021-06 or "
                  "2021-06-30");
    }
    const auto slot = index::slot::k_signed;
    filters.push_back(from.empty() ? Query(Query::OP_VALUE_LE, slot, to)
                      : to.empty() ? Query(Query::OP_VALUE_GE, slot, from)
                                   : Query(Query::OP_VALUE_RANGE, slot, from, to));
  }
  for (const Query& filter : filters) parsed = Query(Query::OP_FILTER, parsed, filter);
  return parsed;
}

}  // namespace naskah::search
