#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>

#include <dlfcn.h>
#include <spdlog/spdlog.h>

#include "ocr_plugin.h"
#include "sniff.h"

namespace naskah::extract {
namespace {

std::vector<std::string> candidates() {
  std::vector<std::string> paths;
  if (const char* env = std::getenv("NASKAH_OCR_PLUGIN"); env != nullptr && *env != '\0') {
    paths.emplace_back(env);
  }
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    paths.push_back((exe.parent_path() / "../lib/naskah/libnaskah_ocr.so").string());
    paths.push_back((exe.parent_path() / "libnaskah_ocr.so").string());
  }
  paths.emplace_back(NASKAH_OCR_PLUGIN_BUILD_PATH);
  return paths;
}

// dlopen'ed once and never closed: engines and Tesseract's globals live until exit.
Result<CreateOcrBackend> open_plugin() {
  static std::mutex mutex;
  static CreateOcrBackend create = nullptr;
  std::lock_guard lock(mutex);
  if (create != nullptr) return create;
  std::string tried;
  for (const std::string& path : candidates()) {
    if (!std::filesystem::exists(path)) continue;
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      tried += std::string(" ") + ::dlerror();
      continue;
    }
    create = reinterpret_cast<CreateOcrBackend>(::dlsym(handle, k_create_ocr_backend));
    if (create != nullptr) {
      spdlog::debug("OCR plugin: {}", path);
      return create;
    }
  }
  return fail(codes::k_ocr_failed,
              "the OCR component libnaskah_ocr.so could not be loaded; reinstall naskah or "
              "set NASKAH_OCR_PLUGIN to its path" + tried,
              "ocr");
}

}  // namespace

PageRenderer::PageRenderer(Options options) : m_options(std::move(options)) {}
PageRenderer::~PageRenderer() = default;

Result<std::string> PageRenderer::png(std::string_view bytes, int index, int dpi) {
  const FileType type = sniff(bytes);
  if (type == FileType::unknown) {
    return fail(codes::k_input_unsupported, "not a PDF, TIFF, PNG or JPEG file");
  }
  if (!m_backend) {
    auto backend = load_ocr_backend(m_options);
    if (!backend) return tl::unexpected(backend.error());
    m_backend = std::move(*backend);
  }
  return m_backend->page_png(bytes, type, index, dpi);
}

Result<std::unique_ptr<OcrBackend>> load_ocr_backend(const Options& options) {
  auto create = open_plugin();
  if (!create) return tl::unexpected(create.error());
  return std::unique_ptr<OcrBackend>((*create)(options));
}

}  // namespace naskah::extract
