#include <string>

#include <poppler/cpp/poppler-global.h>
#include <spdlog/spdlog.h>

#include "naskah/extract/extractor.h"

namespace naskah::extract {
namespace {

void poppler_message(const std::string& message, void* /*closure*/) {
  spdlog::debug("poppler: {}", message);
}

}  // namespace

void route_library_logs() {
  poppler::set_debug_error_function(poppler_message, nullptr);
  // Leptonica's messages are routed when the OCR plugin loads (ocr_plugin.cc), Tesseract's
  // are sent to /dev/null per engine (debug_file, ocr_engine.cc).
}

}  // namespace naskah::extract
