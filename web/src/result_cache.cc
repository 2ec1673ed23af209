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
  keep(key, std::make_shared<const std::string>(std::move(body)));
}

void ResultCache::keep(const std::string& key, std::shared_ptr<const std::string> value) {
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

std::shared_ptr<const std::string> ResultCache::answer(const std::string& key,
                                                       const Compute& compute) {
  if (m_capacity == 0 || key.empty()) return compute();
  std::promise<std::shared_ptr<const std::string>> promise;
  {
    std::unique_lock lock(m_mutex);
    if (const auto it = m_entries.find(key); it != m_entries.end()) {
      m_order.splice(m_order.begin(), m_order, it->second);
      return it->second->second;
    }
    if (const auto it = m_pending.find(key); it != m_pending.end()) {
      auto pending = it->second;
      lock.unlock();
      if (auto body = pending.get()) return body;
      return compute();  // the first one failed: find out why for this caller
    }
    m_pending.emplace(key, promise.get_future().share());
  }
  std::shared_ptr<const std::string> body;
  try {
    body = compute();
  } catch (...) {
    const std::lock_guard lock(m_mutex);
    m_pending.erase(key);
    promise.set_value(nullptr);
    throw;
  }
  if (body) keep(key, body);
  {
    const std::lock_guard lock(m_mutex);
    m_pending.erase(key);
  }
  promise.set_value(body);
  return body;
}

}  // namespace naskah::web
