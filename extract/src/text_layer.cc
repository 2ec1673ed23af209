#include "text_layer.h"

#include <algorithm>

#include "words.h"

namespace naskah::extract {
namespace {

// Fewer letters than this and the page is treated as having no text layer (a page
// number or a stamp over a scan).
constexpr int k_min_letters = 12;
// Below this many words the statistics below say nothing.
constexpr std::size_t k_min_words = 15;

struct CharCounts {
  int letters = 0;
  int visible = 0;  // neither white space nor control
  int junk = 0;     // control characters, U+FFFD, private-use glyphs
};

CharCounts count_chars(std::string_view text) {
  CharCounts counts;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    if (u < 0x20) {
      if (u != '\n' && u != '\r' && u != '\t' && u != '\f') ++counts.junk;
      continue;
    }
    if (u == ' ') continue;
    if ((u & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    ++counts.visible;
    if ((u | 0x20) >= 'a' && (u | 0x20) <= 'z') {
      ++counts.letters;
    } else if (u >= 0xC0) {
      // EF BF BD is U+FFFD; EE 80..EF A3 covers the private-use area U+E000..U+F8FF.
      const std::string_view rest = text.substr(i, 3);
      const bool replacement = rest == "\xEF\xBF\xBD";
      const bool private_use =
          rest.size() == 3 && (u == 0xEE || (u == 0xEF && static_cast<unsigned char>(rest[1]) <= 0xA3));
      if (replacement || private_use) {
        ++counts.junk;
      } else {
        ++counts.letters;
      }
    }
  }
  return counts;
}

// A word of a text layer that another OCR engine glued to its neighbour: a capital after a
// small letter inside the word ("TanggalSatu", "ApotekFera") or 23 letters and more
// ("PENYELENGGARAANPENDIDIKAN"). Indonesian words run to 22 letters
// ("mempertanggungjawabkan") and agreements are not written in camel case.
bool looks_glued(std::string_view word) {
  constexpr std::size_t k_longest_word = 22;
  if (word.size() > k_longest_word) return true;
  for (std::size_t i = 1; i < word.size(); ++i) {
    if (word[i] >= 'A' && word[i] <= 'Z' && word[i - 1] >= 'a' && word[i - 1] <= 'z') return true;
  }
  return false;
}

// The words of `text` as printed (case kept), split at anything but letters.
template <typename Visit>
void for_each_cased_word(std::string_view text, Visit&& visit) {
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const bool letter = i < text.size() && ((text[i] >= 'a' && text[i] <= 'z') ||
                                            (text[i] >= 'A' && text[i] <= 'Z'));
    if (letter) continue;
    if (i > start) visit(text.substr(start, i - start));
    start = i + 1;
  }
}

bool has_vowel(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' ||
           static_cast<unsigned char>(c) >= 0x80;
  });
}

}  // namespace

LayerVerdict judge_text_layer(std::string_view text) {
  const CharCounts chars = count_chars(text);
  if (chars.letters < k_min_letters) return LayerVerdict::empty;
  if (chars.junk * 10 > chars.visible) return LayerVerdict::garbage;
  // Unmapped fonts come out as punctuation and symbols instead of letters.
  if (chars.letters * 2 < chars.visible) return LayerVerdict::garbage;

  std::size_t words = 0;
  std::size_t common = 0;
  std::size_t vowelless = 0;
  for_each_word(text, [&](std::string_view word) {
    if (word.size() < 2) return;
    ++words;
    if (is_common_indonesian(word) || is_common_english(word)) ++common;
    if (!has_vowel(word)) ++vowelless;
  });
  if (words < k_min_words) return LayerVerdict::usable;
  // Real prose in either language is a quarter or more function words; random letters
  // hardly ever hit one, and are often unpronounceable.
  if (common * 30 < words) return LayerVerdict::garbage;
  if (vowelless * 3 > words) return LayerVerdict::garbage;
  // A phone scanner app's own OCR glues words together ("Padahari", "TanggalSatu") and
  // misreads the rest around them: on real scans with such a layer, one glued word in 50 or
  // more; none in our digital agreements. Tesseract reads these pages far better.
  std::size_t glued = 0;
  for_each_cased_word(text, [&](std::string_view word) { glued += looks_glued(word) ? 1 : 0; });
  constexpr std::size_t k_min_glued = 3;
  if (glued >= k_min_glued && glued * 50 > words) return LayerVerdict::garbage;
  return LayerVerdict::usable;
}

}  // namespace naskah::extract
