#pragma once

// AcmeSessionSettings: what opening an ACME session (acme_session.h) needs from the
// configuration: the CA's directory, the extra trust for it, where the account lives, and
// how a new account is registered. Built by the app layer from the loaded configuration.
// A plain value; the EAB key is a secret and never printed.

#include <string>

#include "shared/pki/key_type.h"

namespace certd::renewal {

struct AcmeSessionSettings {
  std::string directory_url;  // resolved: letsencrypt names already turned into URLs
  std::string ca_bundle;      // extra CA certificates (PEM) to trust for the CA; "" = none
  std::string state_dir;      // the account folder is below it (AccountStore)
  // The key of a new account; a stored account key is never replaced because this changed.
  shared::pki::KeyType account_key_type = shared::pki::KeyType::kEcP256;
  std::string email;              // contact of a new account; "" = none
  std::string eab_kid;            // External Account Binding key id; "" = no EAB
  std::string eab_hmac_key;       // its HMAC key (base64url); secret
  std::string eab_hmac_key_file;  // or the file holding it, read when a session opens
};

}  // namespace certd::renewal
