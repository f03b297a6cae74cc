#pragma once

// KeyType: the private-key algorithms certd can generate for an account or a certificate,
// named as lego names them on its command line (`--key-type ec256`). Plain values; thread-safe.

#include <string>
#include <string_view>

#include "shared/result.h"

namespace shared::pki {

enum class KeyType { kEcP256, kEcP384, kRsa2048, kRsa3072, kRsa4096 };

// Parses "ec256", "ec384", "rsa2048", "rsa3072" or "rsa4096", ignoring case. Anything else
// is kInvalidArgument: `unknown key type "ec521" (accepted: ec256, ec384, rsa2048, ...)`.
Result<KeyType> parseKeyType(std::string_view text);

// The lego name, e.g. "ec256"; parseKeyType(keyTypeName(t)) == t.
std::string_view keyTypeName(KeyType type);

// Human-readable algorithm and size, e.g. "ECDSA P-256", "RSA 2048".
std::string_view keyTypeDescription(KeyType type);

// The accepted names joined with ", ", for help texts and error messages.
std::string acceptedKeyTypeNames();

}  // namespace shared::pki
