#pragma once

// TSIG (RFC 8945): signs a request with a shared HMAC key and checks the signature of the
// response, so a primary server accepts our UPDATE and we know the answer is its own.
// Supports hmac-sha256, hmac-sha384 and hmac-sha512 (OpenSSL EVP_MAC). The TsigKey holds
// the secret: never log it. Pure functions; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>

#include "certd/dns/message.h"
#include "shared/result.h"

namespace certd::dns {

enum class TsigAlgorithm { kHmacSha256, kHmacSha384, kHmacSha512 };

// Accepts "hmac-sha256", "hmac-sha384", "hmac-sha512" in any case, with or without a
// trailing dot. kInvalidArgument otherwise, listing the accepted names.
shared::Result<TsigAlgorithm> parseTsigAlgorithm(std::string_view text);

// The algorithm's domain name as written in the TSIG RR ("hmac-sha256").
std::string_view tsigAlgorithmName(TsigAlgorithm algorithm);

struct TsigKey {
  std::string name;  // the key name both sides configured ("certd-key")
  TsigAlgorithm algorithm = TsigAlgorithm::kHmacSha256;
  std::string secret;  // raw bytes, never logged
};

// A key from its configured parts; `base64_secret` is standard base64 (as keymgr,
// tsig-keygen print it). kInvalidArgument for an empty or bad name, algorithm or secret;
// the message never contains the secret.
shared::Result<TsigKey> makeTsigKey(std::string_view name, std::string_view algorithm,
                                    std::string_view base64_secret);

// HMAC of `data` with `secret` under `algorithm` (exposed for tests).
shared::Result<std::string> tsigHmac(TsigAlgorithm algorithm, std::string_view secret,
                                     std::string_view data);

struct SignedRequest {
  std::string wire;  // the message with the TSIG record appended
  std::string mac;   // needed to verify the response
};

// Appends a TSIG record to the encoded message `wire` (RFC 8945 §5.1), signed at
// `time_signed` (seconds since the epoch) with `fudge` seconds of allowed skew.
shared::Result<SignedRequest> tsigSign(std::string_view wire, const TsigKey& key,
                                       std::uint64_t time_signed, std::uint16_t fudge = 300);

// The TSIG record fields of a parsed message.
struct TsigRecord {
  std::string key_name;
  std::string algorithm;
  std::uint64_t time_signed = 0;
  std::uint16_t fudge = 0;
  std::string mac;
  std::uint16_t original_id = 0;
  std::uint16_t error = 0;
  std::string other;
};

// The message's TSIG record when its last additional record is one; kNotFound otherwise,
// kInvalidArgument for malformed TSIG RDATA.
shared::Result<TsigRecord> findTsig(const Message& message);

// Checks the response `wire` (parsed as `parsed`) against the request's MAC (RFC 8945 §5.3):
// it carries a TSIG record from `key`, the MAC matches, and `now` lies within time signed
// +- fudge. Errors (kPermissionDenied): "response has no TSIG record", "response TSIG MAC
// does not match", "response TSIG time ... outside fudge".
shared::Status tsigVerifyResponse(std::string_view wire, const ParsedMessage& parsed,
                                  const TsigKey& key, std::string_view request_mac,
                                  std::uint64_t now);

}  // namespace certd::dns
