#include "host.h"

#include <arpa/inet.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace naskah::web {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_ipv4(const std::string& name) {
  in_addr address{};
  return inet_pton(AF_INET, name.c_str(), &address) == 1;
}

}  // namespace

bool host_allowed(std::string_view host, const std::vector<std::string>& allowed) {
  if (host.empty() || host.front() == '[') return true;  // none, or an IPv6 address
  if (const auto colon = host.rfind(':'); colon != std::string_view::npos) {
    host = host.substr(0, colon);
  }
  std::string name = lower(host);
  if (!name.empty() && name.back() == '.') name.pop_back();  // "example.go.id." is the same
  if (name == "localhost" || is_ipv4(name)) return true;
  return std::any_of(allowed.begin(), allowed.end(), [&](const std::string& entry) {
    if (entry == "*" || entry == name) return true;
    return entry.starts_with("*.") && name.size() > entry.size() - 1 &&
           name.ends_with(std::string_view(entry).substr(1));
  });
}

std::vector<std::string> allowed_hosts(std::vector<std::string> configured) {
  for (std::string& entry : configured) entry = lower(entry);
  std::array<char, 256> name{};
  if (gethostname(name.data(), name.size() - 1) == 0 && name[0] != '\0') {
    configured.push_back(lower(name.data()));
  }
  return configured;
}

}  // namespace naskah::web
