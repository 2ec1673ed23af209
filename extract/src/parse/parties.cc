#include "parse/parties.h"

#include <algorithm>
#include <set>

#include "parse/text_util.h"

namespace naskah::extract::parse {
namespace {

// Below this, two names are different parties.
constexpr double k_same_party = 0.5;

std::set<std::string> words_of(const std::string& name) {
  std::set<std::string> words;
  std::string word;
  for (char c : lower_ascii(name) + " ") {
    if (is_letter(c) || is_digit(c)) {
      word += c;
    } else if (!word.empty()) {
      if (word != "the" && word != "of" && word != "dan" && word != "and") words.insert(word);
      word.clear();
    }
  }
  return words;
}

// The index of the candidate whose party best matches `name`, or -1.
int best_match(const std::string& name, const std::vector<Signer>& candidates,
               std::vector<bool>& used) {
  int best = -1;
  double best_score = k_same_party;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (used[i] || !candidates[i].party) continue;
    const double score = name_similarity(name, *candidates[i].party);
    if (score >= best_score) {
      best = static_cast<int>(i);
      best_score = score;
    }
  }
  if (best >= 0) used[static_cast<std::size_t>(best)] = true;
  return best;
}

void fill_from(const Signer& signer, Party& party) {
  if (!party.role) party.role = signer.role;
  if (!party.signatory) party.signatory = signer.signatory;
  if (!party.position) party.position = signer.position;
}

// A signature block for `party`: the one naming it, else the one with its role.
const Signer* signature_for(const Party& party, const std::vector<Signer>& signatures,
                            std::vector<bool>& used) {
  const int by_name = best_match(party.name, signatures, used);
  if (by_name >= 0) return &signatures[static_cast<std::size_t>(by_name)];
  for (std::size_t i = 0; i < signatures.size(); ++i) {
    if (!used[i] && party.role && signatures[i].role == party.role) {
      used[i] = true;
      return &signatures[i];
    }
  }
  return nullptr;
}

}  // namespace

double name_similarity(const std::string& a, const std::string& b) {
  const auto wa = words_of(a);
  const auto wb = words_of(b);
  if (wa.empty() || wb.empty()) return 0;
  std::size_t shared = 0;
  for (const auto& w : wa) shared += wb.count(w);
  return static_cast<double>(shared) / static_cast<double>(std::max(wa.size(), wb.size()));
}

std::vector<Party> assemble_parties(const std::vector<std::string>& heading,
                                    const std::vector<Signer>& opening,
                                    const std::vector<Signer>& signatures) {
  std::vector<Party> parties;
  std::vector<bool> opening_used(opening.size(), false);
  for (const std::string& name : heading) {
    Party party{name, std::nullopt, std::nullopt, std::nullopt};
    const int match = best_match(name, opening, opening_used);
    if (match >= 0) {
      const Signer& signer = opening[static_cast<std::size_t>(match)];
      // The body writes the name in its own casing; the heading often in capitals.
      if (lower_ascii(*signer.party) == lower_ascii(name)) party.name = *signer.party;
      fill_from(signer, party);
    }
    parties.push_back(std::move(party));
  }
  // Parties named only in the opening (no heading, or a heading that lost them).
  for (std::size_t i = 0; i < opening.size(); ++i) {
    if (opening_used[i] || !opening[i].party) continue;
    Party party{*opening[i].party, std::nullopt, std::nullopt, std::nullopt};
    fill_from(opening[i], party);
    parties.push_back(std::move(party));
  }
  std::vector<bool> signature_used(signatures.size(), false);
  for (Party& party : parties) {
    if (party.signatory && party.position) continue;
    if (const Signer* s = signature_for(party, signatures, signature_used)) fill_from(*s, party);
  }
  // Parties named only in the signature block.
  if (parties.empty()) {
    for (const Signer& s : signatures) {
      if (!s.party) continue;
      Party party{*s.party, std::nullopt, std::nullopt, std::nullopt};
      fill_from(s, party);
      parties.push_back(std::move(party));
    }
  }
  return parties;
}

}  // namespace naskah::extract::parse
