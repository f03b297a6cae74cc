#pragma once

// NoncePool: the anti-replay nonces the server handed out (RFC 8555 §6.5) in Replay-Nonce
// headers, kept for the next signed request. Every response, error or not, carries a fresh
// one, so the pool is refilled as a side effect and a HEAD to newNonce is needed only when
// it is empty. Thread-safe.

#include <deque>
#include <mutex>
#include <optional>
#include <string>

namespace certd::acme {

class NoncePool {
 public:
  // Takes one nonce; nullopt when empty. RFC 8555 §7.2: a nonce is single-use.
  std::optional<std::string> take();
  // Stores a nonce from a Replay-Nonce header; empty values are ignored. Keeps at most
  // kCapacity, dropping the oldest (older nonces are the likeliest to have expired).
  void put(std::string nonce);
  std::size_t size() const;

  static constexpr std::size_t kCapacity = 16;

 private:
  mutable std::mutex mu_;
  std::deque<std::string> nonces_;  // guarded by mu_; newest at the back
};

}  // namespace certd::acme
