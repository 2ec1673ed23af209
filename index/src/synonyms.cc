#include "naskah/index/synonyms.h"

#include <algorithm>
#include <cctype>

namespace naskah::index {

extern const char* const k_synonyms_txt;  // generated from index/synonyms.txt

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Lower-case words of `text` as runs of letters and digits (bytes >= 0x80 count as letters).
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (word_byte(c)) {
      word += static_cast<char>(std::tolower(c));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// A Stem keeps working buffers, so each thread has its own.
const Xapian::Stem& stem_id() {
  thread_local const Xapian::Stem t_stem("indonesian");
  return t_stem;
}

const Xapian::Stem& stem_en() {
  thread_local const Xapian::Stem t_stem("english");
  return t_stem;
}

}  // namespace

std::vector<SynonymGroup> parse_synonyms(std::string_view text) {
  std::vector<SynonymGroup> groups;
  while (!text.empty()) {
    const auto eol = text.find('\n');
    std::string_view line = trim(text.substr(0, eol));
    text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
    const auto colon = line.find(':');
    if (line.empty() || line.front() == '#' || colon == std::string_view::npos) continue;
    SynonymGroup group;
    group.canonical = join(words_of(line.substr(0, colon)));
    std::string_view rest = line.substr(colon + 1);
    while (!rest.empty()) {
      const auto bar = rest.find('|');
      const std::string variant = join(words_of(rest.substr(0, bar)));
      if (!variant.empty() && variant != group.canonical) group.variants.push_back(variant);
      rest = bar == std::string_view::npos ? std::string_view{} : rest.substr(bar + 1);
    }
    if (!group.canonical.empty() && group.canonical.find(' ') == std::string::npos) {
      groups.push_back(std::move(group));
    }
  }
  return groups;
}

const std::vector<SynonymGroup>& builtin_synonyms() {
  static const std::vector<SynonymGroup> k_groups = parse_synonyms(k_synonyms_txt);
  return k_groups;
}

SynonymMatcher::SynonymMatcher(const std::vector<SynonymGroup>& groups) {
  for (std::size_t g = 0; g < groups.size(); ++g) {
    m_canonicals.push_back(groups[g].canonical);
    for (const std::string& variant : groups[g].variants) {
      Variant v{words_of(variant), g};
      if (!v.words.empty()) m_by_first_word[v.words.front()].push_back(std::move(v));
    }
  }
}

std::vector<std::string> SynonymMatcher::canonicals_in(std::string_view text) const {
  // The words as views into one lower-cased copy: this runs on every agreement indexed.
  std::string lower(text);
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  std::vector<std::string_view> words;
  words.reserve(lower.size() / 6);
  for (std::size_t i = 0; i < lower.size();) {
    if (!word_byte(static_cast<unsigned char>(lower[i]))) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < lower.size() && word_byte(static_cast<unsigned char>(lower[i]))) ++i;
    words.emplace_back(lower.data() + start, i - start);
  }
  std::vector<bool> found(m_canonicals.size(), false);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto it = m_by_first_word.find(words[i]);
    if (it == m_by_first_word.end()) continue;
    for (const Variant& v : it->second) {
      if (found[v.group] || i + v.words.size() > words.size()) continue;
      found[v.group] = std::equal(v.words.begin(), v.words.end(),
                                  words.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
  std::vector<std::string> out;
  for (std::size_t g = 0; g < found.size(); ++g) {
    if (found[g]) out.push_back(m_canonicals[g]);
  }
  return out;
}

std::vector<std::string> canonical_terms(const std::string& canonical,
                                         const std::string& prefix) {
  std::vector<std::string> terms{prefix + canonical, "Z" + prefix + stem_id()(canonical)};
  const std::string en = "Z" + prefix + stem_en()(canonical);
  if (en != terms.back()) terms.push_back(en);
  return terms;
}

void add_synonyms(Xapian::WritableDatabase& db, const std::vector<SynonymGroup>& groups) {
  for (const SynonymGroup& group : groups) {
    for (const std::string& variant : group.variants) {
      db.add_synonym(variant, group.canonical);
      if (variant.find(' ') == std::string::npos) {
        db.add_synonym("Z" + stem_id()(variant), group.canonical);
        db.add_synonym("Z" + stem_en()(variant), group.canonical);
      }
    }
  }
}

}  // namespace naskah::index
