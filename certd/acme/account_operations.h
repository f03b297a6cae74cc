#pragma once

// Operations on the ACME account itself (RFC 8555 §7.3.5, §7.3.6), on an AcmeClient whose
// directory is loaded and whose account URL is set. The request shapes are pure functions
// so that tests can read them; the senders return the client's error Status
// ("acme: key change: malformed: ..."). Not thread-safe (the client is not).

#include <string>

#include "certd/acme/client.h"
#include "certd/acme/jws.h"
#include "shared/result.h"

namespace certd::acme {

// The keyChange payload: an inner JWS signed by `new_signer` with its `jwk`, `url` =
// `key_change_url` and no nonce, over {"account": account_url, "oldKey": old_jwk}.
shared::Result<std::string> keyChangePayload(const JwsSigner& new_signer,
                                             const std::string& key_change_url,
                                             const std::string& account_url,
                                             const std::string& old_jwk);

// Asks the CA to replace the account's key by `new_signer`'s (the outer JWS is signed by
// the client's current key with `kid`). On success the client signs with `new_signer`
// from then on. On failure the client keeps its key; lastProblem() says whether the CA
// answered (it refused) or not (the outcome is unknown).
shared::Status changeAccountKey(AcmeClient& client, const JwsSigner& new_signer);

// Deactivates the account (POST {"status":"deactivated"} to its URL). The CA accepts no
// request signed by its key afterwards; this cannot be undone.
shared::Status deactivateAccount(AcmeClient& client);

}  // namespace certd::acme
