#pragma once

// Problem: an ACME error document (RFC 8555 §6.7, RFC 7807), typed. The type URN
// "urn:ietf:params:acme:error:badNonce" is kept whole and its short name ("badNonce") is
// what callers compare against the constants below. Subproblems (§6.7.1) name the
// identifier they are about. Plain values; thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/result.h"

namespace certd::acme {

namespace error {
inline constexpr std::string_view kPrefix = "urn:ietf:params:acme:error:";
inline constexpr std::string_view kAccountDoesNotExist = "accountDoesNotExist";
inline constexpr std::string_view kBadNonce = "badNonce";
inline constexpr std::string_view kBadSignatureAlgorithm = "badSignatureAlgorithm";
inline constexpr std::string_view kConnection = "connection";
inline constexpr std::string_view kExternalAccountRequired = "externalAccountRequired";
inline constexpr std::string_view kIncorrectResponse = "incorrectResponse";
inline constexpr std::string_view kMalformed = "malformed";
inline constexpr std::string_view kOrderNotReady = "orderNotReady";
inline constexpr std::string_view kRateLimited = "rateLimited";
inline constexpr std::string_view kRejectedIdentifier = "rejectedIdentifier";
inline constexpr std::string_view kServerInternal = "serverInternal";
inline constexpr std::string_view kUnauthorized = "unauthorized";
inline constexpr std::string_view kAlreadyReplaced = "alreadyReplaced";
inline constexpr std::string_view kInvalidProfile = "invalidProfile";
}  // namespace error

struct Identifier {
  std::string type;  // "dns" or "ip"
  std::string value;
  friend bool operator==(const Identifier&, const Identifier&) = default;
};

struct Subproblem {
  std::string type;  // full URN
  std::string detail;
  std::optional<Identifier> identifier;
};

struct Problem {
  std::string type;  // full URN, or "about:blank" when the server sent none
  std::string detail;
  int status = 0;  // HTTP status from the document, 0 when absent
  std::vector<Subproblem> subproblems;

  // The ACME short name ("badNonce"), or "" for a type outside the ACME namespace.
  std::string_view shortType() const;
  bool is(std::string_view short_type) const { return shortType() == short_type; }
  // "badNonce: detail" plus "; b.test: rejectedIdentifier: ..." for each subproblem.
  std::string describe() const;
};

// Parses a problem document body; kInvalidArgument when it is not a JSON object.
shared::Result<Problem> parseProblem(std::string_view body);

// The short name of a type URN ("" outside the ACME namespace).
std::string_view shortTypeOf(std::string_view type);

}  // namespace certd::acme
