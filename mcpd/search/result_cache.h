#pragma once

// ResultCache: the most recently used search results of one Index, so that a query asked
// again (models repeat searches, and clients retry) costs a map lookup instead of a Xapian
// run. The cache belongs to one immutable index, so entries never go stale: a reload
// builds a new index with an empty cache. Thread-safe; a capacity of 0 disables it.

#include "shared/lru_cache.h"

namespace mcpd::search {

struct SearchResult;

using ResultCache = shared::LruCache<SearchResult>;

}  // namespace mcpd::search
