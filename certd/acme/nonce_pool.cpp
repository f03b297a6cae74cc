#include "certd/acme/nonce_pool.h"

namespace certd::acme {

std::optional<std::string> NoncePool::take() {
  std::lock_guard lock(mu_);
  if (nonces_.empty()) return std::nullopt;
  // Newest first: the server is least likely to have forgotten it.
  std::string nonce = std::move(nonces_.back());
  nonces_.pop_back();
  return nonce;
}

void NoncePool::put(std::string nonce) {
  if (nonce.empty()) return;
  std::lock_guard lock(mu_);
  nonces_.push_back(std::move(nonce));
  if (nonces_.size() > kCapacity) nonces_.pop_front();
}

std::size_t NoncePool::size() const {
  std::lock_guard lock(mu_);
  return nonces_.size();
}

}  // namespace certd::acme
