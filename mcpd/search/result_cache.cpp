#include "mcpd/search/result_cache.h"

#include "mcpd/search/index.h"

namespace mcpd::search {

std::shared_ptr<const std::vector<Hit>> ResultCache::find(const std::string& key) {
  if (capacity_ == 0) return nullptr;
  std::lock_guard lock(mu_);
  const auto it = by_key_.find(key);
  if (it == by_key_.end()) return nullptr;
  entries_.splice(entries_.begin(), entries_, it->second);
  return it->second->second;
}

void ResultCache::insert(const std::string& key, std::vector<Hit> hits) {
  if (capacity_ == 0) return;
  auto shared = std::make_shared<const std::vector<Hit>>(std::move(hits));  // before the lock
  std::lock_guard lock(mu_);
  if (const auto it = by_key_.find(key); it != by_key_.end()) {
    it->second->second = std::move(shared);
    entries_.splice(entries_.begin(), entries_, it->second);
    return;
  }
  entries_.emplace_front(key, std::move(shared));
  by_key_[key] = entries_.begin();
  if (entries_.size() > capacity_) {
    by_key_.erase(entries_.back().first);
    entries_.pop_back();
  }
}

}  // namespace mcpd::search
