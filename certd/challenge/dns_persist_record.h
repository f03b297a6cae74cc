#pragma once

// The dns-persist-01 record (draft-ietf-acme-dns-persist): one persistent TXT record at
// `_validation-persist.<domain>` whose value is an RFC 8659 issue-value naming the CA and
// the ACME account,
//   "letsencrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/123"
// with the optional parameters policy=wildcard (the record also covers *.<domain> and
// subdomains) and persistUntil=<UNIX seconds>. The accounturi is the account URL (draft
// -01, as Let's Encrypt and Pebble serve it), or, for a CA whose directory advertises an
// accountHashPrefix (draft -02), a hashed URI bound to the domain and the account key. Unlike
// dns-01 the value holds no token, so it is published once, before any order, and stays. Pure
// functions; thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/result.h"

namespace certd::challenge {

struct DnsPersistRecord {
  std::string issuer;       // issuer domain name: lower-case A-labels, no trailing dot
  std::string account_uri;  // dnsPersistAccountUri()
  bool wildcard = false;    // policy=wildcard
  std::optional<std::int64_t> persist_until;  // UNIX seconds; absent = no end
};

// "_validation-persist.a.test" for "a.test", "*.a.test" and "A.Test." alike (the draft
// validates a wildcard at its base name).
std::string dnsPersistRecordName(std::string_view domain);

// The accounturi the record carries for `domain`: `account_url` itself when
// `account_hash_prefix` is "" (draft -01); else draft -02 §4.1's hashed URI
//   PREFIX "sha-256/" base64url(SHA-256(len(domain) || domain || thumbprint || account_url))
// with `domain` the record's base name (lower case, no "*." or trailing dot) and
// `thumbprint` the account key's base64url SHA-256 JWK thumbprint (RFC 7638).
std::string dnsPersistAccountUri(std::string_view account_hash_prefix, std::string_view domain,
                                 std::string_view thumbprint, std::string_view account_url);

// The TXT value: "ISSUER; accounturi=URI[; policy=wildcard][; persistUntil=N]".
std::string dnsPersistTxtValue(const DnsPersistRecord& record);

// The record as one zone-file line: `NAME. IN TXT "VALUE"`, the value split into strings
// of at most 255 octets (RFC 1035 §3.3.14) and '"' and '\' escaped.
std::string dnsPersistZoneLine(std::string_view name, std::string_view value);

// A TXT value read back; nullopt when it is not an issue-value with an accounturi.
// Parameter names are matched as the draft spells them; unknown ones are ignored (§4.1).
std::optional<DnsPersistRecord> parseDnsPersistTxt(std::string_view value);

// Whether `value` proves control for `account_uri` to a CA offering `issuers`: its issuer
// is one of them, its accounturi is `account_uri`, it carries policy=wildcard when
// `wildcard` is needed, and its persistUntil (if any) is not before `now_unix`.
bool dnsPersistTxtSatisfies(std::string_view value, const std::vector<std::string>& issuers,
                            std::string_view account_uri, bool wildcard, std::int64_t now_unix);

// What is wrong with an issuer domain name (draft §3.1: lower-case A-labels, no trailing
// dot, at most 253 octets), or "" when it is fine.
std::string issuerDomainNameProblem(std::string_view name);

// What makes a challenge's issuer domain names malformed (draft §3.1: none, more than 10,
// or a name breaking the rules; a client must reject such a challenge), or "" when fine.
std::string issuerDomainNamesProblem(const std::vector<std::string>& offered);

// The issuer domain name to publish when the CA offers `offered` (a challenge's list, or
// its directory's; empty when it named none): the CA's list wins, since the record must
// name one of them (draft §3.1): `configured` when the CA lists it, else the CA's first.
// With nothing offered, `configured`. Errors (kInvalidArgument): a malformed list, or no
// name from either side.
shared::Result<std::string> chooseIssuerDomainName(const std::vector<std::string>& offered,
                                                   const std::string& configured);

}  // namespace certd::challenge
