// The parties of an agreement, put together from the three places that name them: the
// heading (names, in order), the opening list (role, signatory, office, the name in the
// body's casing) and the signature block (signatory and office, when the opening lacks
// them). Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "naskah/core/record.h"
#include "parse/opening.h"

namespace naskah::extract::parse {

[[nodiscard]] std::vector<Party> assemble_parties(const std::vector<std::string>& heading,
                                                  const std::vector<Signer>& opening,
                                                  const std::vector<Signer>& signatures);

// Similarity of two party names in [0, 1]: shared words over all words, case and
// punctuation ignored.
[[nodiscard]] double name_similarity(const std::string& a, const std::string& b);

}  // namespace naskah::extract::parse
