#pragma once

// selectChallenge: which challenge of an authorization the order flow answers. A preferred
// challenge type (dns-persist-01 when the config prefers it) wins where the CA offers it
// well-formed; everywhere else the certificate's own solver answers, as before. Pure;
// thread-safe.

#include <optional>
#include <string>
#include <string_view>

#include "certd/acme/resources.h"

namespace certd::issue {

struct ChallengeSelection {
  const acme::Challenge* challenge = nullptr;  // null: the CA offers neither type
  bool preferred = false;                      // `challenge` is of the preferred type
  std::string passed_over;  // why an offered preferred challenge was not taken; "" if none
};

// `preferred_type` nullopt: only `fallback_type`. A dns-persist-01 challenge whose issuer
// list is malformed (draft-ietf-acme-dns-persist §3.1: the client must reject it) is passed
// over, with the reason in `passed_over`.
ChallengeSelection selectChallenge(const acme::Authorization& authz, std::string_view fallback_type,
                                   std::optional<std::string_view> preferred_type);

}  // namespace certd::issue
