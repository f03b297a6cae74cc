#include <catch2/catch.hpp>

#include "certd/app/config.h"
#include "tests/certd/support/certd_yaml.h"

using certd::app::CertdConfig;
using certd_testing::loadCertdYaml;

TEST_CASE("a certificates list gives each certificate its own settings over the top level",
          "[certd][config]") {
  CertdConfig c;
  REQUIRE(loadCertdYaml(c, R"(key_type: ec384
preferred_chain: ISRG Root X1
certificates:
  - name: shop
    domains: [shop.example.com, www.shop.example.com]
    key_type: rsa2048
    solver: webroot
    webroot: /srv/www
  - domains: api.example.com
)")
              .isOk());
  const auto list = certd::app::effectiveCertificates(c);
  REQUIRE(list.size() == 2);
  CHECK(list[0].name == "shop");
  CHECK(list[0].key_type == shared::pki::KeyType::kRsa2048);
  CHECK(list[0].solver == "webroot");
  CHECK(list[1].name == "api.example.com");
  CHECK(list[1].key_type == shared::pki::KeyType::kEcP384);
  CHECK(list[1].solver == "standalone");
  CHECK(list[1].preferred_chain == "ISRG Root X1");
}

TEST_CASE("a bad domain inside the certificates list names its YAML path and line",
          "[certd][config]") {
  CertdConfig c;
  const auto status = loadCertdYaml(c, R"(certificates:
  - domains: [a.example.com]
  - domains: [b.example.com, "*.b.example.com"]
)");
  REQUIRE_FALSE(status.isOk());
  CHECK_THAT(status.message(),
             Catch::Contains("certificates[1].domains[1]") &&
                 Catch::Contains("needs the dns-01 or dns-persist-01 challenge") &&
                 Catch::StartsWith("certd.yaml:3"));
}

TEST_CASE(
    "the certificates list refuses unknown keys, duplicate names and a webroot solver "
    "without a folder",
    "[certd][config]") {
  CertdConfig a;
  CHECK_THAT(loadCertdYaml(a, "certificates:\n  - domian: [a.example.com]\n").message(),
             Catch::Contains("certificates[0]: unknown key \"domian\""));
  CertdConfig b;
  CHECK_THAT(loadCertdYaml(b,
                           "certificates:\n  - domains: [a.example.com]\n  - name: a.example.com\n"
                           "    domains: [b.example.com]\n")
                 .message(),
             Catch::Contains("certificates[1].name") && Catch::Contains("used by two"));
  CertdConfig d;
  CHECK_THAT(loadCertdYaml(d, "certificates:\n  - domains: [a.example.com]\n    solver: webroot\n")
                 .message(),
             Catch::Contains("certificates[0].webroot"));
}

TEST_CASE("EAB needs both the key id and the HMAC key, and the key is secret", "[certd][config]") {
  CertdConfig c;
  CHECK_THAT(loadCertdYaml(c, "domain: [a.example.com]\neab_kid: kid-1\n").message(),
             Catch::Contains("eab_hmac_key"));
  CertdConfig d;
  auto schema = certd::app::buildSchema(d);
  CHECK(schema.findByPath("eab_hmac_key")->secret);
  CertdConfig e;
  CHECK(loadCertdYaml(e, "domain: [a.example.com]\neab_kid: kid-1\neab_hmac_key_file: /run/k\n")
            .isOk());
}

TEST_CASE(
    "hooks come from the top level unless a certificate sets its own, and hook_timeout "
    "and admin_listen are read",
    "[certd][config]") {
  CertdConfig c;
  REQUIRE(loadCertdYaml(c, R"(deploy_hook: systemctl reload nginx
failure_hook: page-oncall
hook_timeout: 15s
admin_listen: 127.0.0.1:9180
certificates:
  - name: shop
    domains: [shop.example.com]
    deploy_hook: systemctl reload haproxy
  - domains: [api.example.com]
)")
              .isOk());
  CHECK(c.hook_timeout == std::chrono::seconds(15));
  CHECK(c.admin_listen == "127.0.0.1:9180");
  const auto list = certd::app::effectiveCertificates(c);
  REQUIRE(list.size() == 2);
  CHECK(list[0].deploy_hook == "systemctl reload haproxy");
  CHECK(list[0].failure_hook == "page-oncall");
  CHECK(list[1].deploy_hook == "systemctl reload nginx");
}

TEST_CASE("a malformed admin_listen is a configuration error naming the key", "[certd][config]") {
  CertdConfig c;
  auto status =
      loadCertdYaml(c, "domain: a.example.com\nemail: a@example.com\nadmin_listen: nope\n");
  REQUIRE_FALSE(status.isOk());
  CHECK_THAT(status.message(), Catch::Contains("admin_listen"));
}

TEST_CASE("no domain and no certificates list means no certificate to manage", "[certd][config]") {
  CertdConfig c;
  CHECK(certd::app::effectiveCertificates(c).empty());
}

TEST_CASE("an IPv6 first domain names its files with '_' for each ':'", "[certd][config]") {
  CertdConfig c;
  REQUIRE(loadCertdYaml(c, R"(certificates:
  - domains: ["::1", 127.0.0.1]
  - domains: ["2001:db8::7"]
    solver: tls-alpn-01
)")
              .isOk());
  const auto list = certd::app::effectiveCertificates(c);
  REQUIRE(list.size() == 2);
  CHECK(list[0].name == "__1");
  CHECK(list[0].domains.front() == "::1");
  CHECK(list[1].name == "2001_db8__7");

  CertdConfig single;
  REQUIRE(loadCertdYaml(single, "domain: 127.0.0.1\n").isOk());
  CHECK(certd::app::effectiveCertificates(single).front().name == "127.0.0.1");
}

TEST_CASE("an IP address needs http-01 or tls-alpn-01", "[certd][config]") {
  CertdConfig c;
  auto status = loadCertdYaml(c, "domain: 127.0.0.1\nsolver: dns-01\n");
  REQUIRE_FALSE(status.isOk());
  CHECK_THAT(status.message(), Catch::Contains("\"127.0.0.1\" is an IP address, which dns-01"));
}
