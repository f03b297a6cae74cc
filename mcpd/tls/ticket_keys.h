#pragma once

// TicketKeys: the keys that encrypt TLS session tickets (RFC 5077; TLS 1.3 tickets too), so
// that returning clients resume without a full handshake, rotated so that a stolen key
// exposes at most a few hours of sessions. A new key is made every `rotation`; tickets
// sealed with the previous keys are still accepted (and re-issued under the newest) for
// `keep - 1` more rotations. Keys live only in memory: a restart makes clients do one full
// handshake, nothing worse.
//
// install() registers the OpenSSL callback on an SSL_CTX; the callback runs on whatever
// thread does the handshake and takes a short lock.

#include <openssl/ssl.h>

#include <array>
#include <chrono>
#include <deque>
#include <mutex>

#include "shared/clock.h"

namespace mcpd::tls {

class TicketKeys {
 public:
  TicketKeys(const shared::Clock& clock, std::chrono::seconds rotation = std::chrono::hours(12),
             std::size_t keep = 3);

  // Makes `ctx` seal and open tickets with these keys; this object must outlive `ctx`.
  void install(SSL_CTX* ctx);

  // The number of keys currently held (for tests).
  std::size_t size() const;

  struct Key {
    std::array<unsigned char, 16> name;
    std::array<unsigned char, 32> cipher_key;  // AES-256-CBC
    std::array<unsigned char, 32> mac_key;     // HMAC-SHA256
    shared::Clock::TimePoint created;
  };

  // The callback's two halves, public for tests: the key to seal a new ticket with
  // (rotating first when due), and the key named in a presented ticket (null: unknown,
  // so the client does a full handshake). `newest` is set when the found key is the newest.
  Key sealingKey();
  bool findKey(const unsigned char* name, Key& key, bool& newest) const;

 private:
  static Key makeKey(shared::Clock::TimePoint now);

  const shared::Clock& clock_;
  const std::chrono::seconds rotation_;
  const std::size_t keep_;
  mutable std::mutex mu_;
  std::deque<Key> keys_;  // guarded by mu_; newest first
};

}  // namespace mcpd::tls
