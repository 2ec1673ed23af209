#include "naskah/ingest/index_queue.h"

#include <spdlog/spdlog.h>

#include <vector>

#include "naskah/index/store.h"

namespace naskah::ingest {

IndexQueue::IndexQueue(Options options)
    : m_options(std::move(options)), m_thread([this] { run(); }) {}

IndexQueue::~IndexQueue() {
  {
    const std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_ready.notify_all();
  m_thread.join();
}

Result<bool> IndexQueue::index(const AgreementRecord& record, bool only_if_missing) {
  std::future<Result<bool>> done;
  {
    const std::lock_guard lock(m_mutex);
    if (m_stop) return fail(codes::k_internal, "the index writer has stopped");
    Item& item = m_pending.emplace_back(Item{&record, only_if_missing, {}});
    done = item.done.get_future();
  }
  m_ready.notify_one();
  return done.get();
}

std::size_t IndexQueue::commits() const {
  const std::lock_guard lock(m_mutex);
  return m_commits;
}

std::size_t IndexQueue::in_hand() const {
  const std::lock_guard lock(m_mutex);
  return m_pending.size() + m_writing;
}

void IndexQueue::run() {
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_ready.wait(lock, [this] { return m_stop || !m_pending.empty(); });
    if (m_pending.empty()) return;  // stopping, and nothing left to write
    // What gathered while the last commit ran, up to a batch.
    std::deque<Item> items;
    while (!m_pending.empty() && items.size() < m_options.batch) {
      items.push_back(std::move(m_pending.front()));
      m_pending.pop_front();
    }
    m_writing = items.size();
    lock.unlock();
    write(items);
    lock.lock();
    m_writing = 0;
    ++m_commits;
  }
}

void IndexQueue::write(std::deque<Item>& items) {
  // Whatever goes wrong is every waiting file's outcome; nothing escapes the thread.
  auto fail_all = [&items](const Error& error) {
    for (Item& item : items) item.done.set_value(tl::unexpected(error));
  };
  try {
    auto writer = index::Writer::open(m_options.index_dir, m_options.lock_timeout);
    if (!writer) return fail_all(writer.error());
    std::vector<Result<bool>> outcomes;
    for (const Item& item : items) {
      const AgreementRecord& record = *item.record;
      if (item.only_if_missing && writer->contains(record.sha256)) {
        outcomes.emplace_back(false);
      } else if (auto put = writer->put(record); !put) {
        outcomes.emplace_back(tl::unexpected(put.error()));
      } else {
        outcomes.emplace_back(true);
      }
    }
    if (auto committed = writer->commit(); !committed) return fail_all(committed.error());
    spdlog::debug("index: {} record(s) in one commit", items.size());
    for (std::size_t i = 0; i < items.size(); ++i) items[i].done.set_value(std::move(outcomes[i]));
  } catch (const std::exception& e) {
    fail_all(Error{codes::k_internal, std::string("the index writer failed: ") + e.what(),
                   m_options.index_dir});
  }
}

}  // namespace naskah::ingest
