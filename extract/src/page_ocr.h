// Runs OCR over a set of pages on the Extractor's worker threads, one warm engine each.
// Pages are handed out one at a time, so a long document keeps every worker busy.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

#include "naskah/core/error.h"
#include "naskah/extract/extractor.h"
#include "ocr_engine.h"
#include "pix.h"

namespace naskah::extract {

struct PageImage {
  PixPtr gray;  // 8-bit grey
  int dpi = 300;
};

// Loads page images for one worker. Each worker gets its own loader, because a Poppler
// document must not be shared between threads.
class PageLoader {
 public:
  virtual ~PageLoader() = default;
  [[nodiscard]] virtual Result<PageImage> load(int index) = 0;
};
using LoaderFactory = std::function<Result<std::unique_ptr<PageLoader>>()>;

// The engines, one per worker, created on first use and kept warm across documents.
class EnginePool {
 public:
  EnginePool(OcrSettings settings, int workers);
  [[nodiscard]] int workers() const { return static_cast<int>(m_engines.size()); }

  // OCRs the pages `indices` with up to workers() threads; returns one Page per index, in
  // the same order. On the first failure the other workers stop and it is returned.
  [[nodiscard]] Result<std::vector<Page>> run(const std::vector<int>& indices,
                                              const LoaderFactory& loaders,
                                              std::chrono::steady_clock::time_point deadline);

 private:
  Result<OcrEngine*> engine(int worker);

  OcrSettings m_settings;
  std::vector<std::unique_ptr<OcrEngine>> m_engines;
};

}  // namespace naskah::extract
