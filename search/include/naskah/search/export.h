// Lists for spreadsheets, as the offices use them: the report's lists and any search result,
// with the same columns everywhere (those of `naskah report --format csv`), as CSV or as an
// XLSX workbook (libxlsxwriter).
#pragma once

#include <string>
#include <vector>

#include "naskah/core/error.h"
#include "naskah/search/report.h"
#include "naskah/search/search.h"

namespace naskah::search {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// The lists of `report` named in `lists` ("expiring", "expired", "suspicious"; empty: all),
// one row per agreement: list,id,doc_type,title,parties,numbers,signed_date,end_date,
// effective_end_date,status,reasons,alasan.
[[nodiscard]] Table report_table(const Report& report, const std::vector<std::string>& lists = {});

// Every hit of `results` in the same columns, the list named "search".
[[nodiscard]] Table results_table(const Results& results);

[[nodiscard]] std::string to_csv(const Table& table);
// A workbook with one sheet `sheet` (bold, frozen header, filters); internal on failure.
[[nodiscard]] Result<std::string> to_xlsx(const Table& table, const std::string& sheet);

}  // namespace naskah::search
