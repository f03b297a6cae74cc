#pragma once

// ResourceSubscriptions: which sessions subscribed to which resource URIs
// (resources/subscribe), and the fan-out of notifications/resources/updated when one
// changes. Subscribers are the sessions' OutboundChannels, held weakly: a session that
// ends without unsubscribing is skipped and forgotten. Lives in the Server, shared by all
// sessions. Thread-safe; never holds its lock while sending.

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "mcpd/protocol/outbound_channel.h"

namespace mcpd::protocol {

class ResourceSubscriptions {
 public:
  // Subscribes `channel` to `uri`; subscribing twice is one subscription.
  void subscribe(const std::string& uri, const std::shared_ptr<OutboundChannel>& channel);

  // Ends one subscription; unknown pairs are ignored.
  void unsubscribe(const std::string& uri, const OutboundChannel* channel);

  // Ends every subscription of `channel`; for the end of a session.
  void unsubscribeAll(const OutboundChannel* channel);

  // Sends notifications/resources/updated for `uri` to every subscriber. Returns how
  // many channels took it (a subscriber without an open stream misses it).
  std::size_t publish(const std::string& uri);

  // Subscriptions to `uri` whose sessions still exist.
  std::size_t count(const std::string& uri) const;

 private:
  using Subscribers = std::map<const OutboundChannel*, std::weak_ptr<OutboundChannel>>;

  mutable std::mutex mu_;
  std::map<std::string, Subscribers> by_uri_;  // guarded by mu_
};

}  // namespace mcpd::protocol
