#pragma once

// Directory: the ACME server's table of contents (RFC 8555 §7.1.1) with the optional
// renewalInfo URL (RFC 9773 §4) and meta.profiles (draft-aaron-acme-profiles). Parsed once
// per run; a plain value, thread-safe to read.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "shared/result.h"

namespace certd::acme {

struct Directory {
  std::string new_nonce;
  std::string new_account;
  std::string new_order;
  std::string revoke_cert;
  std::string key_change;
  std::string renewal_info;  // "" when the CA offers no ARI
  struct Meta {
    std::string terms_of_service;
    std::string website;
    bool external_account_required = false;
    std::map<std::string, std::string> profiles;  // name -> description
    // draft-ietf-acme-dns-persist-02 §3.2: the issuer domain names every dns-persist-01
    // challenge of this CA accepts, for records published before any order; often absent.
    std::vector<std::string> issuer_domain_names;
    // draft -02 §4.1: the prefix of hashed account URIs; "" = the record names the account
    // URL itself (draft -01, as Let's Encrypt and Pebble serve it today).
    std::string account_hash_prefix;
  } meta;
};

// Parses a directory body. kInvalidArgument when it is not a JSON object or lacks one of
// newNonce, newAccount, newOrder ("directory: missing newOrder").
shared::Result<Directory> parseDirectory(std::string_view body);

}  // namespace certd::acme
