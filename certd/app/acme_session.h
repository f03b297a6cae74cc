#pragma once

// AcmeSession: what one certd command needs to talk to the configured CA: the account
// store, and a client with the directory loaded and the account ready (stored, recovered or
// registered; EAB from eab_hmac_key or eab_hmac_key_file). The client's re-register hook
// refers to the store, so both live and die together. One thread.

#include <memory>

#include "certd/acme/account_store.h"
#include "certd/acme/client.h"
#include "certd/app/config.h"

namespace certd::app {

struct AcmeSession {
  explicit AcmeSession(const CertdConfig& config);
  acme::AccountStore store;
  std::unique_ptr<acme::AcmeClient> client;
};

// Errors: a bad CA bundle, an unreachable CA, an account the CA refuses.
shared::Result<std::unique_ptr<AcmeSession>> openAcmeSession(const CertdConfig& config);

// One more client on the session's account, with its own connection and nonces, for another
// thread (a client is single-threaded): same key, the directory loaded, the stored account
// URL and the same re-register hook. Costs two requests (directory, nonce), no registration.
// `session` must outlive the client.
shared::Result<std::unique_ptr<acme::AcmeClient>> openExtraClient(const CertdConfig& config,
                                                                  AcmeSession& session);

}  // namespace certd::app
