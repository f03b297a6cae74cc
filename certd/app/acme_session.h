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

struct SessionOptions {
  bool allow_register = true;  // false: no account yet is an error (account commands)
};

// Settles an interrupted account key change first (account_key_rollover.h).
// Errors: a bad CA bundle, an unreachable CA, an account the CA refuses.
shared::Result<std::unique_ptr<AcmeSession>> openAcmeSession(const CertdConfig& config,
                                                             SessionOptions options = {});

}  // namespace certd::app
