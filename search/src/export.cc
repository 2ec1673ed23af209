#include "naskah/search/export.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>

#include "naskah/core/checks.h"
#include "naskah/core/csv.h"
#include "naskah/core/file.h"

namespace naskah::search {
namespace {

// "end_date" as read, "effective_end_date" after the addenda (what status is computed
// from); "reasons" the findings' flags, "alasan" their reasons in Indonesian (core/checks.h).
const std::vector<std::string> k_header = {
    "list",        "id",       "doc_type",           "title",  "parties", "numbers",
    "signed_date", "end_date", "effective_end_date", "status", "reasons", "alasan"};
constexpr std::size_t k_max_cell = 32767;  // what a spreadsheet cell holds

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : "; ") + item;
  return out;
}

std::vector<std::string> row_of(const std::string& list, const AgreementRecord& r,
                                const std::string& status,
                                const std::vector<std::string>& reasons) {
  std::vector<std::string> parties;
  for (const Party& p : r.parties) parties.push_back(p.name);
  std::vector<std::string> alasan;
  for (const std::string& reason : reasons) alasan.push_back(explain(reason).id);
  return {list,
          r.sha256,
          r.doc_type.value_or(""),
          r.title.value_or(""),
          joined(parties),
          joined(r.numbers),
          r.signed_date.value_or(""),
          r.end_date.value_or(""),
          r.effective_end().value_or(""),
          status,
          joined(reasons),
          joined(alasan)};
}

}  // namespace

Table report_table(const Report& report, const std::vector<std::string>& lists) {
  Table table{k_header, {}};
  auto add = [&](const char* list, const std::vector<ReportRow>& rows) {
    if (!lists.empty() && std::find(lists.begin(), lists.end(), list) == lists.end()) return;
    for (const ReportRow& row : rows) {
      table.rows.push_back(row_of(list, row.record, row.status, row.reasons));
    }
  };
  add("expiring", report.expiring);
  add("expired", report.expired);
  add("suspicious", report.suspicious);
  return table;
}

Table results_table(const Results& results) {
  Table table{k_header, {}};
  for (const Hit& hit : results.hits)
    table.rows.push_back(row_of("search", hit.record, hit.status, {}));
  return table;
}

std::string to_csv(const Table& table) {
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    for (const std::string& cell : cells) out += csv_field(cell) + ",";
    out.back() = '\n';
  };
  line(table.header);
  for (const auto& row : table.rows) line(row);
  return out;
}

Result<std::string> to_xlsx(const Table& table, const std::string& sheet) {
  // libxlsxwriter writes a file: a private temporary one, read back and removed.
  std::string path = (std::filesystem::temp_directory_path() / "naskah-export-XXXXXX").string();
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return fail(codes::k_internal, "could not make a temporary file for the workbook");
  ::close(fd);
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (workbook == nullptr) {
    ::unlink(path.c_str());
    return fail(codes::k_internal, "could not start the workbook");
  }
  lxw_worksheet* ws = workbook_add_worksheet(workbook, sheet.c_str());
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  auto write = [&](lxw_row_t row, const std::vector<std::string>& cells, lxw_format* format) {
    for (std::size_t col = 0; col < cells.size(); ++col) {
      const std::string text = cells[col].substr(0, k_max_cell);
      worksheet_write_string(ws, row, static_cast<lxw_col_t>(col), text.c_str(), format);
    }
  };
  write(0, table.header, bold);
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    write(static_cast<lxw_row_t>(i + 1), table.rows[i], nullptr);
  }
  worksheet_freeze_panes(ws, 1, 0);
  if (!table.header.empty()) {
    worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                         static_cast<lxw_col_t>(table.header.size() - 1));
  }
  const lxw_error closed = workbook_close(workbook);
  auto bytes = read_file(path, 1ull << 31);
  ::unlink(path.c_str());
  if (closed != LXW_NO_ERROR) {
    return fail(codes::k_internal,
                std::string("the workbook could not be written: ") + lxw_strerror(closed));
  }
  if (!bytes) return tl::unexpected(bytes.error());
  return bytes;
}

}  // namespace naskah::search
