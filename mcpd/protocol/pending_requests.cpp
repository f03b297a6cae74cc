#include "mcpd/protocol/pending_requests.h"

namespace mcpd::protocol {

jsonrpc::Id PendingRequests::open() {
  std::lock_guard lock(mu_);
  jsonrpc::Id id{Poco::Dynamic::Var(next_id_++)};
  open_.emplace(id.key(), std::nullopt);
  return id;
}

bool PendingRequests::resolve(const jsonrpc::Message& response) {
  {
    std::lock_guard lock(mu_);
    auto it = open_.find(response.id.key());
    if (it == open_.end() || it->second.has_value()) return false;
    Reply reply;
    if (response.error) {
      reply.kind = Reply::Kind::kError;
      reply.error = *response.error;
    } else {
      reply.kind = Reply::Kind::kResult;
      reply.result = response.result;
    }
    it->second = std::move(reply);
  }
  changed_.notify_all();
  return true;
}

PendingRequests::Reply PendingRequests::wait(const jsonrpc::Id& id,
                                             std::chrono::milliseconds timeout,
                                             const std::atomic<bool>& cancelled) {
  const std::string key = id.key();
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock lock(mu_);
  auto it = open_.find(key);
  if (it == open_.end()) return Reply{};  // never opened or already forgotten: nothing to wait for
  Reply reply;
  while (true) {
    if (it->second) {
      reply = std::move(*it->second);
      break;
    }
    if (closed_) {
      reply.kind = Reply::Kind::kClosed;
      break;
    }
    if (cancelled.load()) {
      reply.kind = Reply::Kind::kCancelled;
      break;
    }
    if (changed_.wait_until(lock, deadline) == std::cv_status::timeout && !it->second && !closed_ &&
        !cancelled.load()) {
      reply.kind = Reply::Kind::kTimeout;
      break;
    }
  }
  open_.erase(it);
  return reply;
}

void PendingRequests::abandon(const jsonrpc::Id& id) {
  std::lock_guard lock(mu_);
  open_.erase(id.key());
}

void PendingRequests::wakeAll() {
  // Taking the lock orders this after a waiter's check of its flag, so no wake-up is lost.
  { std::lock_guard lock(mu_); }
  changed_.notify_all();
}

void PendingRequests::close() {
  {
    std::lock_guard lock(mu_);
    closed_ = true;
  }
  changed_.notify_all();
}

bool PendingRequests::closed() const {
  std::lock_guard lock(mu_);
  return closed_;
}

std::size_t PendingRequests::size() const {
  std::lock_guard lock(mu_);
  return open_.size();
}

}  // namespace mcpd::protocol
