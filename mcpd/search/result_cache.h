#pragma once

// ResultCache: the most recently used search results of one Index, so that a query asked
// again (models repeat searches, and clients retry) costs a map lookup instead of a Xapian
// run. The cache belongs to one immutable index, so entries never go stale: a reload
// builds a new index with an empty cache. Thread-safe; a capacity of 0 disables it.

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace mcpd::search {

struct Hit;

class ResultCache {
 public:
  explicit ResultCache(std::size_t capacity) : capacity_(capacity) {}

  // The hits stored under `key`, marking them most recently used. Shared rather than
  // copied, so the lock is held for a pointer copy only.
  std::shared_ptr<const std::vector<Hit>> find(const std::string& key);

  // Stores hits under `key`, evicting the least recently used entry when full.
  void insert(const std::string& key, std::vector<Hit> hits);

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const std::vector<Hit>>>;

  const std::size_t capacity_;
  std::mutex mu_;
  std::list<Entry> entries_;  // guarded by mu_; most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;  // guarded by mu_
};

}  // namespace mcpd::search
