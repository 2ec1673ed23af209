// Splitting text into lower-case words, and the most common words of Indonesian and
// English. Used to judge text layers and to tell the language. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace naskah::extract {

// Calls `visit(word)` for each word of `text`: runs of letters (ASCII letters and any
// non-ASCII UTF-8 sequence), ASCII folded to lower case. Digits and punctuation separate
// words. The view is valid only during the call (one buffer is reused: no allocation per
// word, which matters on every page of every document).
template <typename Visit>
void for_each_word(std::string_view text, Visit&& visit) {
  std::string word;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || u >= 0x80) {
      word += c;
    } else if (u >= 'A' && u <= 'Z') {
      word += static_cast<char>(u - 'A' + 'a');
    } else if (!word.empty()) {
      visit(std::string_view(word));
      word.clear();
    }
  }
  if (!word.empty()) visit(std::string_view(word));
}

// True for one of the few hundred most frequent words of Indonesian (or English),
// including the vocabulary every agreement uses (pihak, pasal, nomor...).
[[nodiscard]] bool is_common_indonesian(std::string_view word);
[[nodiscard]] bool is_common_english(std::string_view word);

}  // namespace naskah::extract
