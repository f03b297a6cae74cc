#pragma once

// Solver: the one small interface every challenge type implements (lego's
// challenge.Provider): present() makes the proof visible to the CA, cleanUp() removes it.
// The flow calls cleanUp() for every presented spec on every path, success or failure.
// Implementations must allow several specs presented at once (one per authorization) and
// may be called from the flow's thread only; what they serve may be read by other threads.

#include <string>
#include <string_view>
#include <vector>

#include "shared/status.h"

namespace certd::challenge {

struct ChallengeSpec {
  std::string domain;             // the identifier being validated, for messages
  std::string token;              // from the challenge; base64url characters only
  std::string key_authorization;  // token.thumbprint (RFC 8555 §8.1); never log it
  // dns-persist-01 only (its challenge has no token; the record names CA and account):
  std::vector<std::string> issuer_domain_names;  // as the CA's challenge lists them
  std::string account_uri;  // the accounturi the record must carry (dnsPersistAccountUri)
  bool wildcard = false;    // the order also holds *.domain: the record needs policy=wildcard
};

class Solver {
 public:
  virtual ~Solver() = default;

  // The ACME challenge type this solver answers ("http-01").
  virtual std::string_view challengeType() const = 0;

  // Makes `spec` answerable. Errors: "http01: present token for a.test: <cause>".
  virtual shared::Status present(const ChallengeSpec& spec) = 0;

  // Optional split of present() for a solver whose quick change is followed by a slow wait
  // (dns-01: the UPDATE, then up to minutes until every server serves the record).
  // present() must equal publish() then awaitVisible(); SerializedSolver runs publish() one
  // at a time and awaitVisible() side by side, so parallel orders wait together. Defaults:
  // publish() is present(), awaitVisible() has nothing to wait for.
  virtual shared::Status publish(const ChallengeSpec& spec) { return present(spec); }
  virtual shared::Status awaitVisible(const ChallengeSpec& /*spec*/) {
    return shared::Status::ok();
  }

  // Withdraws `spec`; safe to call for a spec whose present() failed.
  virtual shared::Status cleanUp(const ChallengeSpec& spec) = 0;
};

// Whether `token` is a non-empty run of base64url characters (RFC 8555 §8.3: the token is
// used in a path, so anything else could escape the challenge directory).
bool isSafeToken(std::string_view token);

}  // namespace certd::challenge
