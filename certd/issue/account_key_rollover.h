#pragma once

// Account key rollover (RFC 8555 §7.3.5) with the key files kept consistent with the CA
// across crashes. The new key is stored as the pending key (AccountStore) before the CA
// is asked, and moved over the account key only once the CA accepted it. If certd stops
// in between, the next command calls settlePendingKey(), which asks the CA which key it
// holds (onlyReturnExisting with the new key) and keeps that one. So at no instant does
// the CA hold a key the disk lacks. One thread; the caller holds the account lock
// (renewal/acme_session.h), so no other process settles or replaces the pending key meanwhile.

#include "certd/acme/client.h"
#include "certd/state/account_store.h"
#include "shared/pki/key_type.h"
#include "shared/status.h"

namespace certd::issue {

// Replaces the account key by a new key of `type`. Precondition: the client's account URL
// is set. On success the client signs with the new key and account.key.pem holds it.
// A refusal by the CA (4xx) removes the pending key and keeps the old one. When the
// outcome is unknown (no answer, 5xx) the pending key is settled at once if the CA
// answers, else it stays for the next command and the error says so.
shared::Status rollAccountKey(acme::AcmeClient& client, state::AccountStore& store,
                              shared::pki::KeyType type);

// Resolves an interrupted rollover; a no-op without a pending key. Call after
// loadDirectory() and before the account is used. When the CA knows the pending key, it
// becomes the account key (and the client's signer and account URL); when the CA answers
// accountDoesNotExist, the pending key is removed. Any other answer is an error and
// nothing changes on disk.
shared::Status settlePendingKey(acme::AcmeClient& client, state::AccountStore& store);

}  // namespace certd::issue
