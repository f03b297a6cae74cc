#pragma once

// ensureAccount: gives an AcmeClient (directory loaded) a usable account (RFC 8555 §7.3):
// a new registration for a key made just now; the stored URL when there is one; else
// onlyReturnExisting to recover the URL of the stored key; else a new registration (contact, terms
// agreed, EAB when configured). Saves the URL, and installs the client's re-register hook so that
// accountDoesNotExist (a CA that lost its state) registers the same key again. One thread.

#include <string>
#include <vector>

#include "certd/acme/client.h"
#include "certd/acme/eab.h"
#include "certd/state/account_store.h"

namespace certd::issue {

struct AccountSettings {
  std::vector<std::string> emails;  // "a@example.com"; mailto: is added
  acme::EabCredentials eab;
  // false: an account that does not exist yet is an error instead of a registration (for
  // commands that act on an existing account, such as a key rollover).
  bool allow_register = true;
};

// Precondition: client.loadDirectory() succeeded; `store` outlives the client's flow.
// `fresh_key`: the key was just created, so no account can exist yet (saves a request).
// Errors: "acme: new account: externalAccountRequired: ..." and store errors.
shared::Status ensureAccount(acme::AcmeClient& client, state::AccountStore& store,
                             const AccountSettings& settings, bool fresh_key);

}  // namespace certd::issue
