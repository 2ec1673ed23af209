#include <string>

#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-global.h>
#include <spdlog/spdlog.h>

#include "naskah/extract/extractor.h"

namespace naskah::extract {
namespace {

void poppler_message(const std::string& message, void* /*closure*/) {
  spdlog::debug("poppler: {}", message);
}

void leptonica_message(const char* message) {
  std::string text(message != nullptr ? message : "");
  while (!text.empty() && text.back() == '\n') text.pop_back();
  spdlog::debug("leptonica: {}", text);
}

}  // namespace

void route_library_logs() {
  poppler::set_debug_error_function(poppler_message, nullptr);
  leptSetStderrHandler(leptonica_message);
  // Tesseract's messages are sent to /dev/null per engine (debug_file, ocr_engine.cc).
}

}  // namespace naskah::extract
