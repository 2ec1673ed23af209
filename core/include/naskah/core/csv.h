// CSV as spreadsheets read it (RFC 4180), for every export: reports, the audit log.
#pragma once

#include <string>
#include <string_view>

namespace naskah {

// `text` as one CSV field: quoted when it holds a comma, a quote or a line break (quotes
// doubled). Text a spreadsheet would run as a formula (starting with = + @, or - not
// followed by a digit) gets a leading apostrophe, so an agreement's text cannot run in
// the office's spreadsheet.
[[nodiscard]] std::string csv_field(std::string_view text);

}  // namespace naskah
