#pragma once

// RequestStateSealer: makes the requestState of a multi round-trip request (MCP 2026-07-28,
// basic/patterns/mrtr) tamper-evident. The state travels through the client, which the
// spec says to treat as an attacker: each token carries an HMAC-SHA256 over the payload,
// an expiry and what it is bound to (the method and the tool, prompt or resource name),
// so a client can neither edit it, keep it past its expiry, nor replay it on another
// request. The payload itself is readable (base64url), not secret.
//
// The key comes from configuration, the same for every replica of a deployment, so any
// replica can open what another sealed. Immutable after construction; thread-safe.

#include <chrono>
#include <string>
#include <string_view>

#include "shared/result.h"

namespace mcpd::protocol {

class RequestStateSealer {
 public:
  // `key` must hold at least kMinKeyBytes bytes.
  static constexpr std::size_t kMinKeyBytes = 32;
  // How long a sealed state stays valid by default.
  static constexpr std::chrono::minutes kDefaultLifetime{10};

  explicit RequestStateSealer(std::string key, std::chrono::seconds lifetime = kDefaultLifetime);

  // The key from the contents of a secret file: surrounding whitespace is dropped; fails
  // (invalid argument, naming the problem) when fewer than kMinKeyBytes bytes remain.
  static shared::Result<std::string> keyFromFile(std::string_view contents);

  // An opaque token for `payload`, bound to `binding`, valid until now + lifetime.
  std::string seal(std::string_view payload, std::string_view binding,
                   std::chrono::system_clock::time_point now) const;

  // The payload of `token` when its MAC verifies for `binding` and it has not expired;
  // otherwise fails (invalid argument) without saying which check failed.
  shared::Result<std::string> open(std::string_view token, std::string_view binding,
                                   std::chrono::system_clock::time_point now) const;

 private:
  std::string mac(std::string_view binding, std::string_view expiry,
                  std::string_view payload) const;

  const std::string key_;
  const std::chrono::seconds lifetime_;
};

}  // namespace mcpd::protocol
