// WorkerPool: worker processes (worker.cc) shared by many threads.
#include <algorithm>

#include "naskah/ingest/worker.h"

namespace naskah::ingest {

WorkerPool::WorkerPool(std::size_t size, const std::vector<std::string>& command,
                       const extract::Options& extract, WorkerLimits limits) {
  for (std::size_t i = 0; i < std::max<std::size_t>(1, size); ++i) {
    m_free.push_back(std::make_unique<WorkerProcess>(command, extract, limits, ""));
  }
}

Result<std::string> WorkerPool::render(std::string_view bytes, int index, int dpi, int rotation) {
  std::unique_ptr<WorkerProcess> worker;
  {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_freed.wait(lock, [&] { return !m_free.empty(); });
    worker = std::move(m_free.back());
    m_free.pop_back();
  }
  auto png = worker->render(bytes, index, dpi, rotation);
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_free.push_back(std::move(worker));
  }
  m_freed.notify_one();
  return png;
}

}  // namespace naskah::ingest
