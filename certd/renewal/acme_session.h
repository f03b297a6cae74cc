#pragma once

// AcmeSession: what one certd command or renewal pass needs to talk to the configured CA: the
// account store, and a client with the directory loaded and the account ready (stored, recovered or
// registered; EAB from eab_hmac_key or eab_hmac_key_file). The client's re-register hook
// refers to the store, so both live and die together. One thread.
//
// The account lock ({account folder}/account.lock, a flock like the certificate locks)
// keeps two processes from changing the account key at once: the account commands hold it
// for their whole session; any other session takes it only to settle an interrupted key
// change, and leaves a pending key alone while another process holds the lock.

#include <memory>
#include <optional>

#include "certd/acme/client.h"
#include "certd/renewal/acme_session_settings.h"
#include "certd/state/account_store.h"
#include "certd/state/certificate_lock.h"

namespace certd::renewal {

struct AcmeSession {
  explicit AcmeSession(const AcmeSessionSettings& settings);
  state::AccountStore store;
  std::unique_ptr<acme::AcmeClient> client;
  std::optional<state::CertificateLock> account_lock;  // held when hold_account_lock
};

struct SessionOptions {
  bool allow_register = true;      // false: no account yet is an error (account commands)
  bool hold_account_lock = false;  // true: take the account lock first, or fail if held
};

// Settles an interrupted account key change first (account_key_rollover.h).
// Errors: a bad CA bundle, an unreachable CA, an account the CA refuses.
shared::Result<std::unique_ptr<AcmeSession>> openAcmeSession(const AcmeSessionSettings& settings,
                                                             SessionOptions options = {});

// One more client on the session's account, with its own connection and nonces, for another
// thread (a client is single-threaded): same key, the directory loaded, the stored account
// URL and the same re-register hook. Costs two requests (directory, nonce), no registration.
// `session` must outlive the client.
shared::Result<std::unique_ptr<acme::AcmeClient>> openExtraClient(
    const AcmeSessionSettings& settings, AcmeSession& session);

}  // namespace certd::renewal
