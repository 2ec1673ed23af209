// Small PDFs with a text layer, written by the tests themselves: one page per entry of
// `pages`, each line in Helvetica (Latin-1 text; other bytes become '?').
#pragma once

#include <string>
#include <vector>

namespace naskah::test {

[[nodiscard]] std::string make_text_pdf(const std::vector<std::vector<std::string>>& pages);

}  // namespace naskah::test
