#pragma once

// The DNS-01 record (RFC 8555 §8.4): the owner name `_acme-challenge.<domain>` (a wildcard
// "*.x" is validated at "_acme-challenge.x") and the TXT value base64url(SHA-256(key
// authorization)). Pure functions; thread-safe.

#include <string>
#include <string_view>

namespace certd::challenge {

// "_acme-challenge.a.test" for "a.test" and for "*.a.test"; a trailing dot is dropped.
std::string dns01RecordName(std::string_view domain);

// base64url(SHA-256(key_authorization)), 43 characters.
std::string dns01TxtValue(std::string_view key_authorization);

}  // namespace certd::challenge
