// Places to work on requests: at most `count` at once, handed out in the order they were
// asked for. (std::counting_semaphore wakes whichever waiter the system picks: under load,
// some requests waited behind many that came after them, the p99 of bench/web_load.sh.)
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace naskah::web {

class Places {
 public:
  explicit Places(int count) : m_free(count) {}
  Places(const Places&) = delete;
  Places& operator=(const Places&) = delete;

  // Takes a place, waiting behind those who asked first.
  void acquire() {
    std::unique_lock lock(m_mutex);
    if (m_free > 0 && m_waiting.empty()) {
      --m_free;
      return;
    }
    Waiter me;
    m_waiting.push_back(&me);
    me.woken.wait(lock, [&] { return me.granted; });
  }

  // Gives the place to the first in line, or back.
  void release() {
    const std::lock_guard lock(m_mutex);
    if (m_waiting.empty()) {
      ++m_free;
      return;
    }
    Waiter* next = m_waiting.front();
    m_waiting.pop_front();
    next->granted = true;
    // Under the lock: `next` lives on its thread's stack, which it cannot leave before the
    // lock is free again.
    next->woken.notify_one();
  }

  // How many wait for a place now.
  [[nodiscard]] std::size_t waiting() {
    const std::lock_guard lock(m_mutex);
    return m_waiting.size();
  }

 private:
  struct Waiter {
    std::condition_variable woken;
    bool granted = false;
  };
  std::mutex m_mutex;
  std::deque<Waiter*> m_waiting;
  int m_free;
};

}  // namespace naskah::web
