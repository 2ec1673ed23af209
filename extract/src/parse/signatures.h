// The signature block at the end of an agreement: who signs, in which office, for which
// party. Indonesian blocks start "PIHAK PERTAMA," then the office in capitals, the name and
// often "NIP ..."; English ones start "For <party>," then the name and the office.
// Thread-safe.
#pragma once

#include <vector>

#include "parse/opening.h"

namespace naskah::extract::parse {

// The signers of the blocks found in `lines` (from `from` on), in order.
[[nodiscard]] std::vector<Signer> read_signatures(const std::vector<std::string>& lines,
                                                  std::size_t from);

}  // namespace naskah::extract::parse
