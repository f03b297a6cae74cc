#include "mcpd/transport/event_queue.h"

namespace mcpd::transport {

bool EventQueue::send(const std::string& message) {
  {
    std::lock_guard lock(mu_);
    // A client that stopped reading must not grow our memory without bound.
    if (closed_ || pending_.size() >= max_pending_) return false;
    pending_.push_back(message);
  }
  ready_.notify_one();
  return true;
}

std::optional<std::string> EventQueue::pop(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  ready_.wait_for(lock, timeout, [this] { return closed_ || !pending_.empty(); });
  if (pending_.empty()) return std::nullopt;
  std::string message = std::move(pending_.front());
  pending_.pop_front();
  return message;
}

void EventQueue::close() {
  {
    std::lock_guard lock(mu_);
    closed_ = true;
  }
  ready_.notify_all();
}

bool EventQueue::closed() const {
  std::lock_guard lock(mu_);
  return closed_;
}

}  // namespace mcpd::transport
