// Which names the server answers to: the Host header of every request is checked, so that a
// web page on another name that resolves to this server (DNS rebinding) cannot use it from a
// staff member's browser. Internal to web/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace naskah::web {

// Whether a request with the Host header `host` ("name", "name:port", "[v6]:port") may be
// answered. Always: no Host at all, an IP address, `localhost`. Else the name must be in
// `allowed` (lower case): a name, "*.example.go.id" for every name under example.go.id, or
// "*" for any name.
[[nodiscard]] bool host_allowed(std::string_view host, const std::vector<std::string>& allowed);

// web.allowed_hosts with this machine's own name added, lower-cased.
[[nodiscard]] std::vector<std::string> allowed_hosts(std::vector<std::string> configured);

}  // namespace naskah::web
