#pragma once

// LruCache: the `capacity` most recently used values by key. Values are immutable once
// stored and shared rather than copied, so a lookup holds the lock for a pointer copy only.
// Thread-safe; a capacity of 0 disables the cache (find never finds, insert stores nothing).

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace shared {

template <typename Value>
class LruCache {
 public:
  explicit LruCache(std::size_t capacity) : capacity_(capacity) {}

  // The value stored under `key`, marking it most recently used; null when absent.
  std::shared_ptr<const Value> find(const std::string& key) {
    if (capacity_ == 0) return nullptr;
    std::lock_guard lock(mu_);
    const auto it = by_key_.find(key);
    if (it == by_key_.end()) return nullptr;
    entries_.splice(entries_.begin(), entries_, it->second);
    return it->second->second;
  }

  // Stores `value` under `key` (replacing an older one), evicting the least recently used
  // entry when full. Returns the stored value (also when the cache is disabled).
  std::shared_ptr<const Value> insert(const std::string& key, Value value) {
    auto shared = std::make_shared<const Value>(std::move(value));  // allocated before the lock
    if (capacity_ == 0) return shared;
    std::lock_guard lock(mu_);
    if (const auto it = by_key_.find(key); it != by_key_.end()) {
      it->second->second = shared;
      entries_.splice(entries_.begin(), entries_, it->second);
      return shared;
    }
    entries_.emplace_front(key, shared);
    by_key_[key] = entries_.begin();
    if (entries_.size() > capacity_) {
      by_key_.erase(entries_.back().first);
      entries_.pop_back();
    }
    return shared;
  }

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const Value>>;

  const std::size_t capacity_;
  std::mutex mu_;
  std::list<Entry> entries_;  // guarded by mu_; most recently used first
  std::unordered_map<std::string, typename std::list<Entry>::iterator> by_key_;  // guarded by mu_
};

}  // namespace shared
