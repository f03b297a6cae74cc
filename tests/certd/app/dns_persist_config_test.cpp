#include <catch2/catch.hpp>

#include "certd/app/config.h"
#include "certd/app/renewal_settings_of.h"
#include "tests/certd/support/certd_yaml.h"

using certd::app::CertdConfig;
using certd::challenge::SolverKind;
using certd_testing::loadCertdYaml;

TEST_CASE("dns_persist.prefer and .issuer reach every certificate and the solver settings",
          "[certd][config][dns-persist]") {
  CertdConfig c;
  REQUIRE(loadCertdYaml(c, R"(solver: standalone
dns_persist:
  issuer: letsencrypt.org
  prefer: true
dns:
  resolvers: [127.0.0.1:5354]
certificates:
  - domains: [a.example.com]
  - domains: ["*.b.example.com"]
    solver: dns-persist-01
)")
              .isOk());
  const auto settings = certd::app::renewalSettingsOf(c);
  REQUIRE(settings.certificates.size() == 2);
  CHECK(settings.certificates[0].prefer_dns_persist);
  CHECK(settings.certificates[0].solver.kind == SolverKind::kStandalone);
  CHECK(settings.certificates[1].solver.kind == SolverKind::kDnsPersist01);
  CHECK(settings.solvers.dns_persist01.issuer == "letsencrypt.org");
  CHECK(settings.solvers.dns_persist01.propagation.resolvers.size() == 1);
  CHECK_FALSE(certd::app::renewalSettingsOf(CertdConfig{})
                  .solvers.dns_persist01.issuer.size());  // no issuer unless configured
}

TEST_CASE("a bad dns_persist.issuer names the key and line", "[certd][config][dns-persist]") {
  for (const std::string issuer : {"LetsEncrypt.org", "letsencrypt.org.", "lets_encrypt.org"}) {
    CertdConfig c;
    const auto status =
        loadCertdYaml(c, "domain: [a.example.com]\ndns_persist:\n  issuer: " + issuer + "\n");
    REQUIRE_FALSE(status.isOk());
    CHECK_THAT(status.message(),
               Catch::StartsWith("certd.yaml:3: dns_persist.issuer: \"" + issuer + "\""));
  }
}

TEST_CASE("dns-persist-01 proves wildcards but not IP addresses", "[certd][config][dns-persist]") {
  CHECK_FALSE(certd::app::checkDomainList({"*.example.com"}, "domain", "dns-persist-01"));
  const auto ip = certd::app::checkDomainList({"192.0.2.1"}, "domain", "dns-persist-01");
  REQUIRE(ip);
  CHECK(ip->message == "\"192.0.2.1\" is an IP address, which dns-persist-01 cannot prove");
}
