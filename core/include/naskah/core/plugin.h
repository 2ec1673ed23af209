// Parts of naskah that live in plugins (shared objects opened with dlopen when first
// needed), so that the libraries they pull in are not loaded by every command.
//
// Each library a process loads costs start-up time: the dynamic loader maps it and resolves
// its symbols. Tesseract (libnaskah_ocr.so) and the web server with OpenSSL
// (libnaskah_web.so) together would triple the time `naskah extract` takes on a text PDF.
//
// A plugin is looked for in $<env_var>, beside the executable's ../lib/naskah/ (installed),
// beside the executable, then at its path in the build tree. It is opened once per process
// and never closed: its objects may live until exit. Thread-safe.
#pragma once

#include <string>

#include <tl/expected.hpp>

namespace naskah {

struct PluginSpec {
  const char* file_name;   // "libnaskah_ocr.so"
  const char* env_var;     // "NASKAH_OCR_PLUGIN": a path that overrides the search
  const char* build_path;  // where the build tree puts it
  const char* symbol;      // the exported function to find
};

struct PluginSymbol {
  void* address = nullptr;
  std::string path;  // the file it was found in
};

// `spec.symbol` in the first plugin file that opens, or a description of what was tried
// (dlerror's words) for the caller's error message.
[[nodiscard]] tl::expected<PluginSymbol, std::string> plugin_symbol(const PluginSpec& spec);

}  // namespace naskah
