#include "naskah/core/csv.h"

#include <cctype>

namespace naskah {

std::string csv_field(std::string_view text) {
  std::string value;
  const bool formula =
      !text.empty() && (text.front() == '=' || text.front() == '+' || text.front() == '@' ||
                        (text.front() == '-' &&
                         (text.size() == 1 || !std::isdigit(static_cast<unsigned char>(text[1])))));
  if (formula) value += '\'';
  value += text;
  if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
  std::string out = "\"";
  for (const char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace naskah
