#pragma once

// SolverChoice: which challenge solver proves a certificate's names, as configured (the
// `solver` key, per certificate or at the top level), with the webroot folder the webroot
// solver writes into. Parsed from the config's names once, when the configuration is loaded;
// below the app layer nobody compares solver names as strings. Plain values; thread-safe.

#include <optional>
#include <string>
#include <string_view>

namespace certd::challenge {

enum class SolverKind {
  kStandalone,    // http-01 from certd's own listener (acme_listen:acme_port)
  kWebroot,       // http-01 by files in a folder another web server serves
  kDns01,         // dns-01 by RFC 2136 updates
  kTlsAlpn01,     // tls-alpn-01 from certd's own TLS listener (tls_alpn_listen)
  kDnsPersist01,  // dns-persist-01 by a persistent record published beforehand
};

// The config's name of each kind: "standalone", "webroot", "dns-01", "tls-alpn-01",
// "dns-persist-01".
std::string_view solverKindName(SolverKind kind);
// The kind of a config name; nullopt for any other text.
std::optional<SolverKind> parseSolverKind(std::string_view name);

struct SolverChoice {
  SolverKind kind = SolverKind::kStandalone;
  std::string webroot;  // kWebroot only: the folder served as http://DOMAIN/

  // Certificates whose choices share a key share one solver instance in a renewal pass (one
  // listener, one DNS updater): the kind, and for webroot the folder too.
  std::string sharingKey() const;
};

}  // namespace certd::challenge
