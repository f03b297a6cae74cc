#pragma once

// Session ids for both transports: 128 bits from OpenSSL's CSPRNG as 32 lower-case hex
// characters, which are visible ASCII as the Streamable HTTP spec requires.

#include <string>

namespace mcpd::transport {

std::string newSessionId();

}  // namespace mcpd::transport
