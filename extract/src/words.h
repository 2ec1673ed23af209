// Splitting text into lower-case words, and the most common words of Indonesian and
// English. Used to judge text layers and to tell the language. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace naskah::extract {

// The words of `text`: runs of letters (ASCII letters and any non-ASCII UTF-8 sequence),
// ASCII folded to lower case. Digits and punctuation separate words.
[[nodiscard]] std::vector<std::string> split_words(std::string_view text);

// True for one of the few hundred most frequent words of Indonesian (or English),
// including the vocabulary every agreement uses (pihak, pasal, nomor...).
[[nodiscard]] bool is_common_indonesian(std::string_view word);
[[nodiscard]] bool is_common_english(std::string_view word);

}  // namespace naskah::extract
