#include "mcpd/protocol/outbound_channel.h"

namespace mcpd::protocol {

bool OutboundChannel::attach(std::shared_ptr<MessageSink> sink) {
  std::lock_guard lock(mu_);
  if (closed_ || sink_) return false;
  sink_ = std::move(sink);
  return true;
}

void OutboundChannel::detach(const MessageSink* sink) {
  std::lock_guard lock(mu_);
  if (sink_.get() == sink) sink_.reset();
}

bool OutboundChannel::send(const std::string& message) {
  std::shared_ptr<MessageSink> sink;
  {
    std::lock_guard lock(mu_);
    sink = sink_;
  }
  if (!sink) return false;
  // Sent outside the lock: a slow sink must not stall attach() or other senders' checks.
  if (sink->send(message)) return true;
  detach(sink.get());
  return false;
}

void OutboundChannel::close() {
  std::lock_guard lock(mu_);
  closed_ = true;
  sink_.reset();
}

bool OutboundChannel::attached() const {
  std::lock_guard lock(mu_);
  return sink_ != nullptr;
}

}  // namespace mcpd::protocol
