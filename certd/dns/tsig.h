#pragma once

// TSIG (RFC 8945): signs a request with a shared HMAC key and checks the signature of the
// response, so a primary server accepts our UPDATE and we know the answer is its own.
// libldns computes and checks the MACs (ldns_pkt_tsig_sign, ldns_pkt_tsig_verify); this
// file holds the key, checks what libldns does not (the key and algorithm the response
// names, its time against the fudge) and names failures. hmac-sha256 and hmac-sha512:
// libldns 1.8.3 misspells hmac-sha384 and cannot sign with it. libldns signs at the system
// clock's time. The TsigKey holds the secret: never log it. Pure functions; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>

#include "certd/dns/message.h"
#include "shared/result.h"

namespace certd::dns {

enum class TsigAlgorithm { kHmacSha256, kHmacSha512 };

// Accepts "hmac-sha256" and "hmac-sha512" in any case, with or without a trailing dot.
// kInvalidArgument otherwise, listing the accepted names.
shared::Result<TsigAlgorithm> parseTsigAlgorithm(std::string_view text);

// The algorithm's domain name as written in the TSIG RR ("hmac-sha256").
std::string_view tsigAlgorithmName(TsigAlgorithm algorithm);

struct TsigKey {
  std::string name;  // the key name both sides configured ("certd-key")
  TsigAlgorithm algorithm = TsigAlgorithm::kHmacSha256;
  std::string base64_secret;  // as configured, whitespace removed; never logged
};

// A key from its configured parts; `base64_secret` is standard base64 (as keymgr,
// tsig-keygen print it). kInvalidArgument for an empty or bad name, algorithm or secret;
// the message never contains the secret.
shared::Result<TsigKey> makeTsigKey(std::string_view name, std::string_view algorithm,
                                    std::string_view base64_secret);

struct SignedRequest {
  std::string wire;  // the message with the TSIG record appended
  std::string mac;  // the request's MAC field (two-byte length, then the MAC), to verify the answer
};

// `message` signed now with `fudge` seconds of allowed clock skew (RFC 8945 §5.1).
shared::Result<SignedRequest> tsigSign(const Message& message, const TsigKey& key,
                                       std::uint16_t fudge = 300);

// The TSIG error field of `message`'s TSIG record (RFC 8945 §5.3.2: BADSIG, BADKEY,
// BADTIME); 0 when there is none.
std::uint16_t tsigError(const Message& message);

// Checks the response `wire` (parsed as `parsed`) against the request's MAC (RFC 8945 §5.3):
// it carries a TSIG record from `key`, the MAC matches, and `now` lies within time signed
// +- fudge. Errors (kPermissionDenied): "tsig: response has no TSIG record", "tsig: response
// signed with another key", "tsig: response TSIG MAC does not match", "tsig: response TSIG
// time ... outside fudge of now ...".
shared::Status tsigVerifyResponse(std::string_view wire, const Message& parsed, const TsigKey& key,
                                  std::string_view request_mac, std::uint64_t now);

}  // namespace certd::dns
