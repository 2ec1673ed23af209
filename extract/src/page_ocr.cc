#include "page_ocr.h"

#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include <spdlog/spdlog.h>

namespace naskah::extract {

EnginePool::EnginePool(OcrSettings settings, int workers)
    : m_settings(std::move(settings)), m_engines(static_cast<std::size_t>(std::max(1, workers))) {}

Result<OcrEngine*> EnginePool::engine(int worker) {
  auto& slot = m_engines[static_cast<std::size_t>(worker)];
  if (!slot) {
    auto created = OcrEngine::create(m_settings);
    if (!created) return tl::unexpected(created.error());
    slot = std::move(*created);
  }
  slot->next_document();
  return slot.get();
}

Result<std::vector<Page>> EnginePool::run(const std::vector<int>& indices,
                                          const LoaderFactory& loaders,
                                          std::chrono::steady_clock::time_point deadline) {
  std::vector<Page> pages(indices.size());
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex failure_mutex;
  std::optional<Error> failure;
  auto record_failure = [&](Error error) {
    std::lock_guard lock(failure_mutex);
    if (!failure) failure = std::move(error);
    stop = true;
  };

  auto work = [&](int worker) {
    try {
      auto ocr = engine(worker);
      if (!ocr) return record_failure(ocr.error());
      auto loader = loaders();
      if (!loader) return record_failure(loader.error());
      while (!stop) {
        const std::size_t n = next++;
        if (n >= indices.size()) break;
        const int index = indices[n];
        auto image = (*loader)->load(index);
        if (!image) return record_failure(image.error());
        auto read = (*ocr)->read(image->gray.get(), image->dpi, deadline);
        if (!read) return record_failure(read.error());
        Page& page = pages[n];
        page.text = std::move(read->text);
        page.ocr = true;
        page.confidence = read->confidence;
        page.rotation = read->rotation;
        page.word_confidence = std::move(read->word_confidence);
        spdlog::debug("page {}: OCR by worker {}, confidence {}", index + 1, worker,
                      page.confidence.value_or(-1));
      }
    } catch (const std::exception& e) {
      // Poppler and Tesseract allocate freely; running out of memory refuses this file.
      record_failure(Error{codes::k_ocr_failed,
                           std::string("the page could not be read: ") + e.what(), "ocr"});
    }
  };

  const int threads = std::min<int>(workers(), static_cast<int>(indices.size()));
  {
    std::vector<std::jthread> pool;
    for (int worker = 1; worker < threads; ++worker) pool.emplace_back(work, worker);
    if (threads > 0) work(0);  // the calling thread is worker 0
  }
  if (failure) return tl::unexpected(*failure);
  return pages;
}

}  // namespace naskah::extract
