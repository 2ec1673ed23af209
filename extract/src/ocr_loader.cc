#include <spdlog/spdlog.h>

#include "naskah/core/plugin.h"
#include "ocr_plugin.h"

namespace naskah::extract {
namespace {

Result<CreateOcrBackend> open_plugin() {
  static const PluginSpec spec{"libnaskah_ocr.so", "NASKAH_OCR_PLUGIN",
                               NASKAH_OCR_PLUGIN_BUILD_PATH, k_create_ocr_backend};
  auto symbol = plugin_symbol(spec);
  if (!symbol) {
    return fail(codes::k_ocr_failed,
                "the OCR component libnaskah_ocr.so could not be loaded; reinstall naskah or "
                "set NASKAH_OCR_PLUGIN to its path" + symbol.error(),
                "ocr");
  }
  spdlog::debug("OCR plugin: {}", symbol->path);
  return reinterpret_cast<CreateOcrBackend>(symbol->address);
}

}  // namespace

PageRenderer::PageRenderer(Options options) : m_options(std::move(options)) {}
PageRenderer::~PageRenderer() = default;

Result<std::string> PageRenderer::png(std::string_view bytes, int index, int dpi, int rotation) {
  const FileType type = sniff(bytes);
  if (type == FileType::unknown) {
    return fail(codes::k_input_unsupported, "not a PDF, TIFF, PNG or JPEG file");
  }
  if (!m_backend) {
    auto backend = load_ocr_backend(m_options);
    if (!backend) return tl::unexpected(backend.error());
    m_backend = std::move(*backend);
  }
  return m_backend->page_png(bytes, type, index, dpi, rotation);
}

Result<std::unique_ptr<OcrBackend>> load_ocr_backend(const Options& options) {
  auto create = open_plugin();
  if (!create) return tl::unexpected(create.error());
  return std::unique_ptr<OcrBackend>((*create)(options));
}

}  // namespace naskah::extract
