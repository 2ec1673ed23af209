// Language of a text: Indonesian or English, from the share of each language's most
// common words. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace naskah::extract {

// "id" or "en"; nullopt when the text holds too few common words of either.
[[nodiscard]] std::optional<std::string> detect_language(std::string_view text);

}  // namespace naskah::extract
