#pragma once

// The ACME resources certd reads (RFC 8555 §7.1.2-7.1.6): account, order, authorization
// and challenge, as plain structs parsed from JSON bodies. Unknown members are ignored;
// a missing required member is an error naming it. The resource URL comes from the
// Location header or the request, not the body, so callers fill `url`. Thread-safe.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certd/acme/problem.h"
#include "shared/result.h"

namespace certd::acme {

struct Account {
  std::string url;     // the kid, from the Location header
  std::string status;  // "valid", "deactivated", "revoked"
  std::vector<std::string> contact;
  std::string orders;
};

struct Challenge {
  std::string type;  // "http-01", "dns-01", "tls-alpn-01", "dns-persist-01"
  std::string url;
  std::string status;  // "pending", "processing", "valid", "invalid"
  std::string token;   // "" for dns-persist-01, which has none
  // dns-persist-01 (draft-ietf-acme-dns-persist §3.1): the CA's issuer domain names, as
  // sent ("issuer-domain-names" up to draft -01, "issuerDomainNames" from -02); not
  // checked here (challenge/dns_persist_record.h judges them).
  std::vector<std::string> issuer_domain_names;
  std::optional<Problem> error;
  std::optional<std::chrono::milliseconds> retry_after;  // from the response, when sent
};

struct Authorization {
  std::string url;
  Identifier identifier;
  std::string status;  // "pending", "valid", "invalid", "deactivated", "expired", "revoked"
  bool wildcard = false;
  std::vector<Challenge> challenges;

  // The first challenge of `type`, or null.
  const Challenge* challengeOfType(std::string_view type) const;
  // The problem of the first challenge that carries one, or null.
  const Problem* firstError() const;
};

struct Order {
  std::string url;
  std::string status;  // "pending", "ready", "processing", "valid", "invalid"
  std::vector<Identifier> identifiers;
  std::vector<std::string> authorizations;
  std::string finalize;
  std::string certificate;  // once valid
  std::string profile;
  std::optional<Problem> error;
  std::optional<std::chrono::milliseconds> retry_after;  // from the response, when sent
};

shared::Result<Account> parseAccount(std::string_view body);
// Fails unless the body has status, identifiers, authorizations and finalize.
shared::Result<Order> parseOrder(std::string_view body);
// Fails unless the body has type and status.
shared::Result<Challenge> parseChallenge(std::string_view body);
// Fails unless the body has status and identifier.
shared::Result<Authorization> parseAuthorization(std::string_view body);

}  // namespace certd::acme
