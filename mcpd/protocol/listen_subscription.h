#pragma once

// ListenSubscription: one subscriptions/listen request of the stateless era (MCP
// 2026-07-28, basic/patterns/subscriptions): the notification types the server agreed to
// send, the acknowledgement that opens the stream, and the resource subscriptions it
// holds in the Server's registry for as long as it lives. Every message it sends carries
// _meta["io.modelcontextprotocol/subscriptionId"] = the listen request's id.
// The transport owns it for the life of the stream and attaches the sink that writes
// the stream; attach/detach are thread-safe, like the channel underneath.

#include <memory>
#include <string>
#include <vector>

#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/message_sink.h"
#include "mcpd/protocol/outbound_channel.h"

namespace mcpd::protocol {

class Server;

class ListenSubscription {
 public:
  // Subscribes to `uris` (already filtered to what the server honours).
  ListenSubscription(const Server& server, jsonrpc::Id id, std::vector<std::string> uris);
  ~ListenSubscription();  // drops the resource subscriptions
  ListenSubscription(const ListenSubscription&) = delete;
  ListenSubscription& operator=(const ListenSubscription&) = delete;

  // notifications/subscriptions/acknowledged: the stream's first message.
  std::string acknowledgement() const;
  // The listen request's result, sent when the server ends the stream (graceful closure).
  std::string closing() const;

  // Routes the subscription's notifications to `sink`, tagged; false when one is attached.
  bool attach(std::shared_ptr<MessageSink> sink);
  void detach();

 private:
  const Server& server_;
  const jsonrpc::Id id_;
  const std::vector<std::string> uris_;
  const std::shared_ptr<OutboundChannel> channel_;
  std::shared_ptr<MessageSink> tagger_;  // set by attach, used by detach
};

}  // namespace mcpd::protocol
