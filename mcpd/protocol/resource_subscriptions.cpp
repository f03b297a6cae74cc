#include "mcpd/protocol/resource_subscriptions.h"

#include <vector>

#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/outcome.h"

namespace mcpd::protocol {

void ResourceSubscriptions::subscribe(const std::string& uri,
                                      const std::shared_ptr<OutboundChannel>& channel) {
  std::lock_guard lock(mu_);
  by_uri_[uri][channel.get()] = channel;
}

void ResourceSubscriptions::unsubscribe(const std::string& uri, const OutboundChannel* channel) {
  std::lock_guard lock(mu_);
  auto it = by_uri_.find(uri);
  if (it == by_uri_.end()) return;
  it->second.erase(channel);
  if (it->second.empty()) by_uri_.erase(it);
}

void ResourceSubscriptions::unsubscribeAll(const OutboundChannel* channel) {
  std::lock_guard lock(mu_);
  for (auto it = by_uri_.begin(); it != by_uri_.end();) {
    it->second.erase(channel);
    it = it->second.empty() ? by_uri_.erase(it) : std::next(it);
  }
}

std::size_t ResourceSubscriptions::publish(const std::string& uri) {
  // Collect under the lock, send after it.
  std::vector<std::shared_ptr<OutboundChannel>> targets;
  {
    std::lock_guard lock(mu_);
    auto it = by_uri_.find(uri);
    if (it == by_uri_.end()) return 0;
    for (auto sub = it->second.begin(); sub != it->second.end();) {
      if (auto channel = sub->second.lock()) {
        targets.push_back(std::move(channel));
        ++sub;
      } else {
        sub = it->second.erase(sub);  // the session ended without unsubscribing
      }
    }
    if (it->second.empty()) by_uri_.erase(it);
  }
  if (targets.empty()) return 0;
  auto params = newObject();
  params->set("uri", uri);
  const std::string message =
      jsonrpc::serializeNotification("notifications/resources/updated", params);
  std::size_t delivered = 0;
  for (const auto& channel : targets) {
    if (channel->send(message)) ++delivered;
  }
  return delivered;
}

std::size_t ResourceSubscriptions::count(const std::string& uri) const {
  std::lock_guard lock(mu_);
  auto it = by_uri_.find(uri);
  if (it == by_uri_.end()) return 0;
  std::size_t alive = 0;
  for (const auto& [key, channel] : it->second) {
    if (!channel.expired()) ++alive;
  }
  return alive;
}

}  // namespace mcpd::protocol
