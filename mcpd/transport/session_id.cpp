#include "mcpd/transport/session_id.h"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace mcpd::transport {

std::string newSessionId() {
  std::array<unsigned char, 16> bytes{};
  // RAND_bytes fails only when the CSPRNG cannot be seeded; a guessable id is worse
  // than a failed request, so this throws and the handler answers 500.
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("RAND_bytes failed: no randomness for a session id");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  id.reserve(bytes.size() * 2);
  for (const unsigned char b : bytes) {
    id += kHex[b >> 4];
    id += kHex[b & 0x0f];
  }
  return id;
}

}  // namespace mcpd::transport
