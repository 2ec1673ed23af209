// Search synonyms: the groups of index/synonyms.txt (compiled into the binary), written
// into every index generation and applied to each record's text at index time.
// Thread-safe once constructed.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace naskah::index {

struct SynonymGroup {
  std::string canonical;              // one word
  std::vector<std::string> variants;  // one or more words each
};

// Parses "canonical: variant | variant" lines; '#' starts a comment line.
[[nodiscard]] std::vector<SynonymGroup> parse_synonyms(std::string_view text);

// The groups of index/synonyms.txt.
[[nodiscard]] const std::vector<SynonymGroup>& builtin_synonyms();

// Finds the variants in a text and names their canonical words.
class SynonymMatcher {
 public:
  explicit SynonymMatcher(const std::vector<SynonymGroup>& groups);

  // The canonical words whose variants (or themselves) occur in `text`, each once.
  [[nodiscard]] std::vector<std::string> canonicals_in(std::string_view text) const;

 private:
  struct Variant {
    std::vector<std::string> words;
    std::size_t group = 0;
  };
  // Looked up by string_view: a text's words are not copied into strings.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<std::string> m_canonicals;
  std::unordered_map<std::string, std::vector<Variant>, Hash, std::equal_to<>> m_by_first_word;
};

// Stores every variant as a synonym of its canonical word in `db` (plain and stemmed keys).
void add_synonyms(Xapian::WritableDatabase& db, const std::vector<SynonymGroup>& groups);

// The terms that stand for `canonical` in a document's field `prefix` ("" for the body):
// the word itself and its stems, as the TermGenerator would have made them.
[[nodiscard]] std::vector<std::string> canonical_terms(const std::string& canonical,
                                                       const std::string& prefix = {});

}  // namespace naskah::index
