#include "naskah/extract/language.h"

#include "words.h"

namespace naskah::extract {

std::optional<std::string> detect_language(std::string_view text) {
  int indonesian = 0;
  int english = 0;
  for_each_word(text, [&](std::string_view word) {
    indonesian += is_common_indonesian(word) ? 1 : 0;
    english += is_common_english(word) ? 1 : 0;
  });
  if (indonesian + english < 3) return std::nullopt;
  return indonesian >= english ? std::string("id") : std::string("en");
}

}  // namespace naskah::extract
