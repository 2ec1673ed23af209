// The table of configuration keys: name, type, range, help, and where each lands in
// Settings. The one place a key is spelled.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "naskah/config/config.h"

namespace naskah::config {

using Value = std::variant<long long, bool, std::string, std::vector<std::string>>;

struct Key {
  std::string name;
  std::string help;
  // Checks a value of the right type and stores it; returns an error text or "".
  std::function<std::string(Settings&, const Value&)> set;
  // The current value as text.
  std::function<std::string(const Settings&)> show;
  // What a value must be: "integer", "boolean", "string" or "list" (of strings; in the
  // environment and on the command line separated by `separator`: ':' as in PATH, or ','
  // for lists whose items hold colons, such as tcp://HOST:PORT).
  std::string type;
  char separator = ':';
};

[[nodiscard]] std::span<const Key> keys();

}  // namespace naskah::config
