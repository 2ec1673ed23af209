#include "result_cache.h"

namespace naskah::web {

std::shared_ptr<const std::string> ResultCache::find(const std::string& key) {
  if (m_capacity == 0) return nullptr;
  const std::lock_guard lock(m_mutex);
  const auto it = m_entries.find(key);
  if (it == m_entries.end()) return nullptr;
  m_order.splice(m_order.begin(), m_order, it->second);
  return it->second->second;
}

void ResultCache::put(const std::string& key, std::string body) {
  if (m_capacity == 0) return;
  auto value = std::make_shared<const std::string>(std::move(body));
  const std::lock_guard lock(m_mutex);
  if (const auto it = m_entries.find(key); it != m_entries.end()) {
    it->second->second = std::move(value);
    m_order.splice(m_order.begin(), m_order, it->second);
    return;
  }
  m_order.emplace_front(key, std::move(value));
  m_entries[key] = m_order.begin();
  while (m_entries.size() > m_capacity) {
    m_entries.erase(m_order.back().first);
    m_order.pop_back();
  }
}

}  // namespace naskah::web
