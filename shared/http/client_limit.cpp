#include "shared/http/client_limit.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>

namespace shared::http {

std::string clientKey(const sockaddr* address) {
  char text[INET6_ADDRSTRLEN + 8] = {};
  if (address->sa_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(address);
    inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
    return text;
  }
  if (address->sa_family != AF_INET6) return "other";
  const auto* v6 = reinterpret_cast<const sockaddr_in6*>(address);
  if (IN6_IS_ADDR_V4MAPPED(&v6->sin6_addr)) {
    in_addr v4{};
    std::memcpy(&v4, v6->sin6_addr.s6_addr + 12, 4);
    inet_ntop(AF_INET, &v4, text, sizeof text);
    return text;
  }
  in6_addr prefix = v6->sin6_addr;
  std::memset(prefix.s6_addr + 8, 0, 8);  // the interface identifier: one client's to choose
  inet_ntop(AF_INET6, &prefix, text, sizeof text);
  return std::string(text) + "/64";
}

ClientLimit::Slot& ClientLimit::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    if (limit_) limit_->release(key_);
    limit_ = other.limit_;
    key_ = std::move(other.key_);
    other.limit_ = nullptr;
  }
  return *this;
}

ClientLimit::Slot::~Slot() {
  if (limit_) limit_->release(key_);
}

ClientLimit::Slot ClientLimit::acquire(const std::string& key, bool* refused) {
  std::lock_guard lock(mu_);
  std::size_t& count = open_[key];
  if (per_client_ > 0 && count >= per_client_) {
    *refused = true;
    return {};
  }
  ++count;
  *refused = false;
  return Slot(this, key);
}

std::size_t ClientLimit::open(const std::string& key) const {
  std::lock_guard lock(mu_);
  const auto it = open_.find(key);
  return it == open_.end() ? 0 : it->second;
}

void ClientLimit::release(const std::string& key) {
  std::lock_guard lock(mu_);
  const auto it = open_.find(key);
  if (it == open_.end()) return;
  if (--it->second == 0) open_.erase(it);
}

}  // namespace shared::http
