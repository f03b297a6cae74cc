#pragma once

// `certd account dns-persist-record DOMAIN [--publish] [--persist-until UNIX]`: prints the
// persistent dns-persist-01 record (challenge/dns_persist_record.h) that lets the
// configured account prove DOMAIN at the configured CA, as one zone-file line on stdout:
//   _validation-persist.example.com. IN TXT "letsencrypt.org; accounturi=https://..."
// A wildcard DOMAIN ("*.example.com") gives the record of example.com with
// policy=wildcard. The account is the stored one, registered first when there is none (the
// record names its URL, so it must exist before the record can be published). The issuer
// domain is the one the CA's directory lists (draft -02 meta.issuerDomainNames), else
// dns_persist.issuer. No certificate needs to be configured.
//
// --publish also adds the record with a TSIG-signed RFC 2136 UPDATE (the dns.* keys, as
// dns-01 uses them) and waits until every authoritative server serves it. Renewal itself
// never writes this record: publishing is this one deliberate step.
// Exit codes: 0 printed (and published), 2 failed (CA unreachable, DNS refused), 64 usage
// (bad DOMAIN, --publish without dns.server or TSIG key, no issuer known), 78 with
// --publish when a dns.* address does not parse (naming the key).

#include <cstdint>
#include <optional>
#include <string>

#include "certd/app/config.h"

namespace certd::app {

struct DnsPersistRecordOptions {
  std::string domain;
  bool publish = false;
  std::optional<std::int64_t> persist_until;  // UNIX seconds
};

int runDnsPersistRecord(const CertdConfig& config, const DnsPersistRecordOptions& options);

}  // namespace certd::app
