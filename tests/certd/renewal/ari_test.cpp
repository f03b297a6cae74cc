#include <catch2/catch.hpp>

#include "certd/renewal/ari_cert_id.h"
#include "certd/renewal/renewal_info.h"
#include "shared/pki/certificate_builder.h"
#include "tests/support/test_pki.h"

using namespace certd::renewal;
using testing::unwrap;
using testing::utc;

namespace {

// RFC 9773 Appendix A: the example certificate (AKI 69:88:5B:..:D4, serial 0x87654321).
constexpr const char* kRfc9773ExampleCert = R"(-----BEGIN CERTIFICATE-----
MIIBQzCB66ADAgECAgUAh2VDITAKBggqhkjOPQQDAjAVMRMwEQYDVQQDEwpFeGFt
cGxlIENBMCIYDzAwMDEwMTAxMDAwMDAwWhgPMDAwMTAxMDEwMDAwMDBaMBYxFDAS
BgNVBAMTC2V4YW1wbGUuY29tMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEeBZu
7cbpAYNXZLbbh8rNIzuOoqOOtmxA1v7cRm//AwyMwWxyHz4zfwmBhcSrf47NUAFf
qzLQ2PPQxdTXREYEnKMjMCEwHwYDVR0jBBgwFoAUaYhba4dGQEHhs3uEe6CuLN4B
yNQwCgYIKoZIzj0EAwIDRwAwRAIge09+S5TZAlw5tgtiVvuERV6cT4mfutXIlwTb
+FYN/8oCIClDsqBklhB9KAelFiYt9+6FDj3z4KGVelYM5MdsO3pK
-----END CERTIFICATE-----
)";

}  // namespace

TEST_CASE("the ARI CertID of the RFC 9773 example bytes matches the RFC", "[certd][renewal]") {
  const std::string aki(
      "\x69\x88\x5B\x6B\x87\x46\x40\x41\xE1\xB3\x7B\x84\x7B\xA0\xAE\x2C\xDE\x01"
      "\xC8\xD4",
      20);
  const std::string serial("\x00\x87\x65\x43\x21", 5);
  CHECK(ariCertId(aki, serial) == "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");
}

TEST_CASE("the ARI CertID of the RFC 9773 example certificate matches the RFC",
          "[certd][renewal]") {
  auto certificate = unwrap(shared::pki::Certificate::fromPem(kRfc9773ExampleCert));
  CHECK(unwrap(ariCertId(certificate)) == "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");
}

TEST_CASE("the ARI CertID keeps the sign byte of a serial with its top bit set",
          "[certd][renewal]") {
  auto pki = testing::makeTestPki();
  auto key = unwrap(shared::pki::PrivateKey::generate(shared::pki::KeyType::kEcP256));
  auto leaf = unwrap(shared::pki::CertificateBuilder()
                         .addDnsName("a.example")
                         .serial(0x87654321)
                         .signWith(key, pki.intermediate, pki.intermediate_key));
  const std::string id = unwrap(ariCertId(leaf));
  CHECK_THAT(id, Catch::EndsWith(".AIdlQyE"));
  CHECK(id.find('=') == std::string::npos);
}

TEST_CASE("a renewalInfo response yields its window and explanation URL", "[certd][renewal]") {
  auto info = unwrap(parseRenewalInfo(R"({
    "suggestedWindow": {"start": "2025-01-02T04:00:00Z", "end": "2025-01-03T04:00:00Z"},
    "explanationURL": "https://acme.example.com/docs/ari", "future": 1})"));
  CHECK(info.suggested_window == AriWindow{utc(2025, 1, 2, 4), utc(2025, 1, 3, 4)});
  CHECK(info.explanation_url == "https://acme.example.com/docs/ari");
  auto bare = unwrap(parseRenewalInfo(
      R"({"suggestedWindow":{"start":"2025-01-02T06:00:00+02:00","end":"2025-01-02T05:00:00Z"}})"));
  CHECK(bare.suggested_window.start == utc(2025, 1, 2, 4));
  CHECK_FALSE(bare.explanation_url);
}

TEST_CASE("a renewalInfo response with a broken window is refused", "[certd][renewal]") {
  CHECK_THAT(parseRenewalInfo(R"({"suggestedWindow":{"start":"2025-01-03T04:00:00Z",
                                  "end":"2025-01-02T04:00:00Z"}})")
                 .status()
                 .message(),
             Catch::Contains("not after its start"));
  CHECK_FALSE(parseRenewalInfo(R"({"suggestedWindow":{"start":"2025-01-02T04:00:00Z"}})"));
  CHECK_FALSE(parseRenewalInfo(R"({"suggestedWindow":{"start":"soon","end":"later"}})"));
  CHECK_FALSE(parseRenewalInfo(R"({})"));
  CHECK_FALSE(parseRenewalInfo(R"([1,2])"));
  CHECK_FALSE(parseRenewalInfo("not json"));
  // Years the clock cannot hold are refused, not overflowed (a fuzzer finding).
  CHECK_FALSE(parseRenewalInfo(
      R"({"suggestedWindow":{"start":"0025-01-02T04:00:00Z","end":"2025-01-03T04:00:00Z"}})"));
  CHECK_FALSE(parseRenewalInfo(
      R"({"suggestedWindow":{"start":"2025-01-02T04:00:00Z","end":"9999-01-03T04:00:00Z"}})"));
}
