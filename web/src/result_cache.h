// Answers to searches already made, kept until the index changes: the dashboard and the
// search page send the same few requests again and again (every viewer's first page, each
// facet click), and a search with exact facet counts looks at every match. An entry is keyed
// by the request and by the index state it was computed on (generation and revision), so a
// commit or a swapped-in generation makes every older entry unreachable; the least recently
// used go first when the cache is full. Thread-safe.
#pragma once

#include <cstddef>
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

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const std::string>>;
  std::size_t m_capacity;
  std::mutex m_mutex;
  std::list<Entry> m_order;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> m_entries;
};

}  // namespace naskah::web
