#include "naskah/core/curl_api.h"

#include <dlfcn.h>

namespace naskah {
namespace {

// Debian's libcurl4 (OpenSSL flavour) or libcurl3-gnutls: both have the same ABI.
constexpr const char* k_libraries[] = {"libcurl.so.4", "libcurl-gnutls.so.4"};

struct Loaded {
  CurlApi api{};
  bool ok = false;
  std::string why;
};

template <typename F>
bool find(void* library, const char* name, F& out) {
  out = reinterpret_cast<F>(::dlsym(library, name));
  return out != nullptr;
}

Loaded load() {
  Loaded out;
  void* library = nullptr;
  for (const char* name : k_libraries) {
    if ((library = ::dlopen(name, RTLD_NOW | RTLD_LOCAL)) != nullptr) break;
    out.why += std::string(" ") + ::dlerror();
  }
  if (library == nullptr) return out;
  CurlApi& a = out.api;
  CURLcode (*global_init)(long) = nullptr;
  const bool all = find(library, "curl_global_init", global_init) &&
                   find(library, "curl_easy_init", a.easy_init) &&
                   find(library, "curl_easy_cleanup", a.easy_cleanup) &&
                   find(library, "curl_easy_reset", a.easy_reset) &&
                   find(library, "curl_easy_setopt", a.easy_setopt) &&
                   find(library, "curl_easy_perform", a.easy_perform) &&
                   find(library, "curl_easy_getinfo", a.easy_getinfo) &&
                   find(library, "curl_easy_strerror", a.easy_strerror) &&
                   find(library, "curl_slist_append", a.slist_append) &&
                   find(library, "curl_slist_free_all", a.slist_free_all) &&
                   find(library, "curl_url", a.url) &&
                   find(library, "curl_url_cleanup", a.url_cleanup) &&
                   find(library, "curl_url_set", a.url_set) &&
                   find(library, "curl_url_get", a.url_get) && find(library, "curl_free", a.free);
  if (!all) {
    out.why = " libcurl is older than 7.62 (no URL API)";
    return out;
  }
  // Must run once before the first handle, and is not thread-safe: it runs here, under the
  // static initialisation's guard.
  if (global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    out.why = " curl_global_init failed";
    return out;
  }
  out.ok = true;
  return out;
}

}  // namespace

const CurlApi* curl_api(std::string* why) {
  static const Loaded k_loaded = load();  // the library stays open until exit
  if (!k_loaded.ok && why != nullptr) *why = k_loaded.why;
  return k_loaded.ok ? &k_loaded.api : nullptr;
}

}  // namespace naskah
