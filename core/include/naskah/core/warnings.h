// The warnings naskah writes in English, a record's (CONTRACT.md's "warnings") and a partial
// answer's (a shard left out): the one table of them. Each has a code and an English
// sentence with {placeholders}; the parser, the checks and the shards write the sentence
// (the contract), and the web reads it back into the code and its values, which the UI says
// in its own language (web/ui/i18n.js, "warn.<code>").
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace naskah {

namespace warning {
inline constexpr const char* k_addendum_end = "addendum-end";  // {date}
inline constexpr const char* k_signing_date_blank = "signing-date-blank";
inline constexpr const char* k_no_signing_date = "no-signing-date";
inline constexpr const char* k_weekday_mismatch = "weekday-mismatch";  // {text}
inline constexpr const char* k_no_parties = "no-parties";
inline constexpr const char* k_no_number = "no-number";
inline constexpr const char* k_no_end_date = "no-end-date";
inline constexpr const char* k_end_before_start = "end-before-start";
inline constexpr const char* k_expired = "expired";  // {date}
inline constexpr const char* k_no_text = "no-text";
inline constexpr const char* k_low_ocr = "low-ocr";                        // {confidence}
inline constexpr const char* k_possible_duplicate = "possible-duplicate";  // {id}
inline constexpr const char* k_shard_left_out = "shard-left-out";          // {shard}, {why}
// A sentence of no known shape (a newer naskah's): {text} holds it as it is.
inline constexpr const char* k_other = "other";
}  // namespace warning

using WarningValues = std::vector<std::pair<std::string, std::string>>;

// The English sentence of a warning: `code` of the table, `values` for its placeholders.
[[nodiscard]] std::string warning_text(std::string_view code, const WarningValues& values = {});

struct ReadWarning {
  std::string code;
  WarningValues values;
};

// A warning sentence read back into its code and values; one of no known shape is "other".
[[nodiscard]] ReadWarning read_warning(std::string_view text);

// Every code of the table, in its order (without "other").
[[nodiscard]] std::vector<std::string> warning_codes();

// [{"code", "params": {name: value}}] for the warnings of a record, in their order.
[[nodiscard]] nlohmann::ordered_json warnings_json(const std::vector<std::string>& warnings);

}  // namespace naskah
