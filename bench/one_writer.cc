#include "one_writer.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "measure.h"
#include "naskah/index/document.h"
#include "naskah/index/store.h"
#include "naskah/ingest/reindex.h"

namespace naskah::bench {
namespace {

// Prepared documents from the preparing threads to the writer; bounded, so memory stays flat
// when the writer is the slower side.
class Queue {
 public:
  explicit Queue(int producers) : m_producers(producers) {}
  void push(index::Prepared&& prepared) {
    std::unique_lock lock(m_mutex);
    m_not_full.wait(lock, [&] { return m_items.size() < k_capacity; });
    m_items.push_back(std::move(prepared));
    m_not_empty.notify_one();
  }
  void producer_done() {
    const std::lock_guard lock(m_mutex);
    --m_producers;
    m_not_empty.notify_all();
  }
  // The next document; false once every producer is done and nothing is left.
  bool pop(index::Prepared& out) {
    std::unique_lock lock(m_mutex);
    m_not_empty.wait(lock, [&] { return !m_items.empty() || m_producers == 0; });
    if (m_items.empty()) return false;
    out = std::move(m_items.front());
    m_items.pop_front();
    m_not_full.notify_one();
    return true;
  }

 private:
  static constexpr std::size_t k_capacity = 32;
  std::mutex m_mutex;
  std::condition_variable m_not_full;
  std::condition_variable m_not_empty;
  std::deque<index::Prepared> m_items;
  int m_producers;
};

}  // namespace

OneWriter one_writer(const Corpus& corpus, std::size_t docs, int threads,
                     const std::filesystem::path& path) {
  OneWriter result;
  result.threads = threads;
  auto builder = index::Builder::standalone(path.string());
  if (!builder) {
    result.error = builder.error().message;
    return result;
  }
  Queue queue(threads);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> words{0};
  const auto started = Clock::now();
  std::vector<std::jthread> producers;
  for (int t = 0; t < threads; ++t) {
    producers.emplace_back([&] {
      for (std::size_t i = next++; i < docs; i = next++) {
        const Synthetic s = make_record(i, corpus);
        words += ingest::word_count(s.record.text);
        queue.push(index::prepare(s.record));
      }
      queue.producer_done();
    });
  }
  index::Prepared prepared;
  while (queue.pop(prepared)) {
    const auto adding = Clock::now();
    try {
      builder->add(std::move(prepared));
      ++result.docs;
    } catch (const Xapian::Error& e) {  // keep taking, or the preparing threads would wait
      result.error = e.get_description();
    }
    result.writer_busy_seconds += seconds_since(adding);
  }
  producers.clear();
  const auto finishing = Clock::now();
  if (auto finished = builder->finish(nullptr); !finished) result.error = finished.error().message;
  result.writer_busy_seconds += seconds_since(finishing);
  result.seconds = seconds_since(started);
  result.words = words;
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
  return result;
}

}  // namespace naskah::bench
