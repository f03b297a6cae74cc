#pragma once

// The ACME resource operations (RFC 8555 §7.3-7.6) on an AcmeClient whose directory is
// loaded. Each returns the parsed resource or the client's error Status ("acme: new order:
// rejectedIdentifier: ..."). Not thread-safe (the client is not).

#include <string>
#include <vector>

#include "certd/acme/client.h"
#include "certd/acme/eab.h"
#include "certd/acme/resources.h"

namespace certd::acme {

struct NewAccountRequest {
  std::vector<std::string> contact;  // "mailto:a@example.com"
  bool terms_of_service_agreed = true;
  bool only_return_existing = false;  // §7.3.1: look up the key's account, create nothing
  EabCredentials eab;                 // empty: no binding
};

// newAccount, signed with the JWK. On success sets the client's account URL from Location.
shared::Result<Account> newAccount(AcmeClient& client, const NewAccountRequest& request);

struct NewOrderRequest {
  std::vector<Identifier> identifiers;
  std::string profile;   // "" to omit (draft-aaron-acme-profiles)
  std::string replaces;  // ARI certID of the certificate this one replaces (RFC 9773 §5)
};

shared::Result<Order> newOrder(AcmeClient& client, const NewOrderRequest& request);
shared::Result<Authorization> fetchAuthorization(AcmeClient& client, const std::string& url);

// Tells the server the challenge is ready (§7.5.1: the payload is exactly `{}`).
shared::Result<Challenge> respondToChallenge(AcmeClient& client, const std::string& url);

// Sends the CSR (DER bytes) to the order's finalize URL (§7.4).
shared::Result<Order> finalizeOrder(AcmeClient& client, const Order& order,
                                    const std::string& csr_der);

// Revokes a certificate (DER) with an RFC 5280 reason code (§7.6), signed by the account.
shared::Status revokeCertificate(AcmeClient& client, const std::string& certificate_der,
                                 int reason);

// The same, signed by the certificate's own key with its `jwk` (§7.6: proof of possession
// of the key, which a CA may require before it blocks a compromised key). The client's
// account key is used again afterwards.
shared::Status revokeCertificateWithKey(AcmeClient& client, const std::string& certificate_der,
                                        int reason, const JwsSigner& certificate_key);

// "dns" for host names, "ip" for IPv4/IPv6 literals (RFC 8738).
Identifier identifierFor(const std::string& name);

}  // namespace certd::acme
