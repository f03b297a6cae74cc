#include "certd/app/renewal_settings_of.h"

#include <catch2/catch.hpp>

#include "certd/app/config.h"
#include "tests/certd/support/certd_yaml.h"

using certd::app::CertdConfig;
using certd::challenge::SolverKind;
using certd_testing::loadCertdYaml;

TEST_CASE("the renewal settings carry each certificate's solver as a kind and every address parsed",
          "[certd][config]") {
  CertdConfig c;
  REQUIRE(loadCertdYaml(c, R"(solver: dns-01
tls_alpn_listen: 127.0.0.1:8443
acme_listen: 127.0.0.2
acme_port: 8080
dns:
  server: 127.0.0.1:5353
  tsig_key: certd-key
  tsig_secret: c2VjcmV0
  resolvers: [127.0.0.1:5354]
  authoritative_servers: ["[::1]:5355"]
certificates:
  - domains: ["*.example.com"]
  - name: shop
    domains: [shop.example.com]
    solver: webroot
    webroot: /srv/www
  - domains: [alpn.example.com]
    solver: tls-alpn-01
)")
              .isOk());
  const auto settings = certd::app::renewalSettingsOf(c);
  REQUIRE(settings.certificates.size() == 3);
  CHECK(settings.certificates[0].solver.kind == SolverKind::kDns01);
  CHECK(settings.certificates[1].solver.kind == SolverKind::kWebroot);
  CHECK(settings.certificates[1].solver.webroot == "/srv/www");
  CHECK(settings.certificates[2].solver.kind == SolverKind::kTlsAlpn01);
  CHECK(settings.solvers.tls_alpn01_listen == shared::net::HostPort{"127.0.0.1", 8443});
  CHECK(settings.solvers.http01_listen == shared::net::HostPort{"127.0.0.2", 8080});
  CHECK(settings.solvers.dns01.server == shared::net::HostPort{"127.0.0.1", 5353});
  CHECK(settings.solvers.dns01.propagation.resolvers ==
        std::vector<shared::net::HostPort>{{"127.0.0.1", 5354}});
  CHECK(settings.solvers.dns01.propagation.authoritative_servers ==
        std::vector<shared::net::HostPort>{{"::1", 5355}});
}

TEST_CASE("a malformed tls_alpn_listen is a configuration error naming the key and line",
          "[certd][config]") {
  CertdConfig c;
  const auto status = loadCertdYaml(c,
                                    "domain: a.example.com\nsolver: tls-alpn-01\n"
                                    "tls_alpn_listen: localhost\n");
  REQUIRE_FALSE(status.isOk());
  CHECK_THAT(status.message(), Catch::StartsWith("certd.yaml:3: tls_alpn_listen: "));
}

TEST_CASE("a malformed dns-01 authoritative server is a configuration error naming the item",
          "[certd][config]") {
  CertdConfig c;
  const auto status = loadCertdYaml(c, R"(domain: a.example.com
solver: dns-01
dns:
  server: 127.0.0.1:5353
  tsig_key: certd-key
  tsig_secret: c2VjcmV0
  resolvers: [127.0.0.1:5354]
  authoritative_servers:
    - 127.0.0.1:5355
    - 127.0.0.1
)");
  REQUIRE_FALSE(status.isOk());
  CHECK_THAT(status.message(), Catch::StartsWith("certd.yaml:10: dns.authoritative_servers[1]: "));
}
