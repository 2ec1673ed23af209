#include "naskah/search/report.h"

#include <algorithm>

#include "naskah/core/checks.h"
#include "naskah/core/clock.h"
#include "naskah/index/document.h"
#include "naskah/index/schema.h"
#include "naskah/search/export.h"
#include "query.h"

namespace naskah::search {
namespace {

using Xapian::Query;

// Every document matching `query`, in the order of `slot` (descending with `reverse`).
std::vector<ReportRow> rows_of(Xapian::Database& db, const Query& query, Xapian::valueno slot,
                               bool reverse, const std::string& today, int days) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value(slot, reverse);
  std::vector<ReportRow> rows;
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    auto record = index::record_of(doc, false);
    if (!record) continue;
    ReportRow row;
    row.status = status_of(record->effective_end(), today, days);
    Xapian::TermIterator t = doc.termlist_begin();
    const std::string flag = index::prefix::k_flag;
    for (t.skip_to(flag); t != doc.termlist_end() && (*t).starts_with(flag); ++t) {
      row.reasons.push_back((*t).substr(flag.size()));
    }
    row.record = std::move(*record);
    rows.push_back(std::move(row));
  }
  return rows;
}

nlohmann::ordered_json rows_json(const std::vector<ReportRow>& rows) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const ReportRow& row : rows) {
    out.push_back({{"id", row.record.sha256},
                   {"status", row.status},
                   {"reasons", row.reasons},
                   {"checks", findings_json(row.reasons)},
                   {"record", to_json(row.record, false)}});
  }
  return out;
}

}  // namespace

nlohmann::ordered_json findings_json(const std::vector<std::string>& reasons) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const std::string& reason : reasons) out.push_back(to_json(explain(reason)));
  return out;
}

Result<Report> make_report(Searcher& searcher, std::string today, int days) {
  if (today.empty()) today = today_iso();
  if (index::date_value(today).empty()) {
    return fail(codes::k_usage_invalid, "today must be a date written 2025-01-31");
  }
  auto opened = searcher.database();
  if (!opened) return tl::unexpected(opened.error());
  Xapian::Database& db = **opened;
  Report report;
  report.today = today;
  report.days = days;
  report.warnings = searcher.warnings();
  try {
    auto expiring = status_query("expiring", today, days);
    auto expired = status_query("expired", today, days);
    report.expiring = rows_of(db, *expiring, index::slot::k_end, false, today, days);
    report.expired = rows_of(db, *expired, index::slot::k_end, true, today, days);
    const std::string flag = index::prefix::k_flag;
    std::vector<Query> flagged;
    for (auto t = db.allterms_begin(flag); t != db.allterms_end(flag); ++t) {
      flagged.emplace_back(*t);
    }
    if (!flagged.empty()) {
      report.suspicious = rows_of(db, Query(Query::OP_OR, flagged.begin(), flagged.end()),
                                  index::slot::k_signed, false, today, days);
      std::stable_sort(report.suspicious.begin(), report.suspicious.end(),
                       [](const ReportRow& a, const ReportRow& b) {
                         return a.reasons.size() > b.reasons.size();
                       });
    }
  } catch (const Xapian::Error& e) {
    return fail(codes::k_index_damaged, "the report failed: " + e.get_description());
  }
  return report;
}

nlohmann::ordered_json to_json(const Report& report) {
  nlohmann::ordered_json out = {{"today", report.today},
                                {"days", report.days},
                                {"expiring", rows_json(report.expiring)},
                                {"expired", rows_json(report.expired)},
                                {"suspicious", rows_json(report.suspicious)}};
  if (!report.warnings.empty()) out["warnings"] = report.warnings;
  return out;
}

std::string to_csv(const Report& report) {
  return to_csv(report_table(report));
}

}  // namespace naskah::search
