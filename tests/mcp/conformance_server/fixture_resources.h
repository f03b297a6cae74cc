#pragma once

// FixtureResources: the test:// resources the conformance suite reads and subscribes to:
// a static text, a static binary (PNG blob), a watched resource whose content changes
// when touch() is called, and the template test://template/{id}/data. Subscribable.
// Thread-safe.

#include <atomic>

#include "mcpd/protocol/resource_provider.h"

namespace conformance {

class FixtureResources final : public mcpd::protocol::ResourceProvider {
 public:
  mcpd::protocol::ResourcePage list(std::size_t offset, std::size_t limit) const override;
  std::optional<Poco::JSON::Array::Ptr> read(const std::string& uri) const override;
  Poco::JSON::Array::Ptr templates() const override;
  bool subscribable() const override { return true; }

  // Changes the watched resource's content; the caller tells subscribers.
  void touch() const { watched_version_.fetch_add(1); }

 private:
  mutable std::atomic<int> watched_version_{0};
};

}  // namespace conformance
