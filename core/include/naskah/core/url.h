// URLs as logs and listings may show them.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace naskah {

// "https://chat.example.go.id/hooks/T0K3N?x=1" -> "https://chat.example.go.id": the scheme
// and host (with its port), without user, path, query or fragment, where tokens live.
[[nodiscard]] inline std::string url_origin(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return "(not a URL)";
  auto host = scheme + 3;
  const auto end = std::min(url.find_first_of("/?#", host), url.size());
  if (const auto at = url.substr(0, end).rfind('@'); at != std::string_view::npos && at >= host) {
    host = at + 1;  // user:password@
  }
  return std::string(url.substr(0, scheme + 3)) + std::string(url.substr(host, end - host));
}

}  // namespace naskah
