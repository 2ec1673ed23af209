// The UI's files (web/ui/), embedded in the binary at build time (cmake/embed_assets.cmake).
#pragma once

#include <string_view>

namespace naskah::web {

struct Asset {
  std::string_view name;  // "app.js"
  std::string_view content_type;
  std::string_view bytes;
  std::string_view etag;  // quoted, from the file's sha256 at build time
};

// The embedded file named `name`, or nullptr.
[[nodiscard]] const Asset* find_asset(std::string_view name);

}  // namespace naskah::web
