// Answers to searches already made, kept until the index changes: the dashboard and the
// search page send the same few requests again and again (every viewer's first page, each
// facet click), and a search with exact facet counts looks at every match. An entry is keyed
// by the request and by the index state it was computed on (generation and revision), so a
// commit or a swapped-in generation makes every older entry unreachable; the least recently
// used go first when the cache is full.
//
// A commit makes every entry stale at once, and then each thread asking for a popular
// request would compute it again at the same moment: answer() computes a missing key once
// while the other threads that ask for it meanwhile wait for that result. Thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <future>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace naskah::web {

class ResultCache {
 public:
  // `capacity` entries at most; 0 turns the cache off.
  explicit ResultCache(std::size_t capacity) : m_capacity(capacity) {}

  [[nodiscard]] std::shared_ptr<const std::string> find(const std::string& key);
  void put(const std::string& key, std::string body);
  [[nodiscard]] bool enabled() const { return m_capacity > 0; }

  using Compute = std::function<std::shared_ptr<const std::string>()>;
  // The entry for `key`, or `compute`'s result, kept: computed by one thread at a time per
  // key. `compute` returns null for an answer not to keep (an error; each caller that gets
  // null then reports its own). An empty key or a disabled cache just computes.
  [[nodiscard]] std::shared_ptr<const std::string> answer(const std::string& key,
                                                          const Compute& compute);

 private:
  void keep(const std::string& key, std::shared_ptr<const std::string> value);
  using Entry = std::pair<std::string, std::shared_ptr<const std::string>>;
  std::size_t m_capacity;
  std::mutex m_mutex;
  std::list<Entry> m_order;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> m_entries;
  // Keys being computed, and the result their waiters will get.
  std::unordered_map<std::string, std::shared_future<std::shared_ptr<const std::string>>> m_pending;
};

}  // namespace naskah::web
