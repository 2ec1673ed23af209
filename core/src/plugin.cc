#include "naskah/core/plugin.h"

#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <vector>

#include <dlfcn.h>

namespace naskah {
namespace {

std::vector<std::string> candidates(const PluginSpec& spec) {
  std::vector<std::string> paths;
  if (const char* env = std::getenv(spec.env_var); env != nullptr && *env != '\0') {
    paths.emplace_back(env);
  }
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    paths.push_back((exe.parent_path() / "../lib/naskah" / spec.file_name).string());
    paths.push_back((exe.parent_path() / spec.file_name).string());
  }
  paths.emplace_back(spec.build_path);
  return paths;
}

}  // namespace

tl::expected<PluginSymbol, std::string> plugin_symbol(const PluginSpec& spec) {
  static std::mutex mutex;
  static std::map<std::string, PluginSymbol> found;  // by symbol
  const std::lock_guard lock(mutex);
  if (auto it = found.find(spec.symbol); it != found.end()) return it->second;
  std::string tried;
  for (const std::string& path : candidates(spec)) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) continue;
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      tried += std::string(" ") + ::dlerror();
      continue;
    }
    if (void* address = ::dlsym(handle, spec.symbol)) {
      return found.emplace(spec.symbol, PluginSymbol{address, path}).first->second;
    }
    tried += " " + path + " has no " + spec.symbol + ";";
  }
  return tl::unexpected(tried);
}

}  // namespace naskah
