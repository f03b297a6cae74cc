#pragma once

// issueCertificate: one ACME order from start to chain (RFC 8555 §7.4): new order ->
// fetch each authorization -> present the challenge of every pending one -> respond ->
// poll the authorizations -> generate the certificate key and CSR -> finalize -> poll the
// order -> download the (preferred) chain. Every presented challenge is cleaned up on
// every path. The account must be set up on the client (account_setup.h). One thread.

#include <string>
#include <vector>

#include "certd/acme/client.h"
#include "certd/challenge/solver.h"
#include "shared/pki/certificate_chain.h"
#include "shared/pki/key_type.h"
#include "shared/pki/private_key.h"

namespace certd::issue {

struct IssueRequest {
  std::vector<std::string> domains;  // the first names the certificate
  shared::pki::KeyType key_type = shared::pki::KeyType::kEcP256;
  std::string profile;          // "" for the CA's default
  std::string preferred_chain;  // topmost issuer CN; "" for the default chain
  std::string replaces;         // ARI certID of the predecessor; "" for none
};

struct Issued {
  shared::pki::PrivateKey key;
  shared::pki::CertificateChain chain;  // leaf first; checked to match `key`
};

// `solver` answers every authorization, except those where the CA offers the challenge
// type of `preferred` (when given; dns-persist-01): `preferred` answers those. Each
// presented challenge is cleaned up by the solver that presented it.
// Errors read "acme: order for a.test: authorization b.test invalid: connection: ..." or
// "acme: order for a.test: new order: rejectedIdentifier: ...".
shared::Result<Issued> issueCertificate(acme::AcmeClient& client, challenge::Solver& solver,
                                        const IssueRequest& request,
                                        challenge::Solver* preferred = nullptr);

}  // namespace certd::issue
