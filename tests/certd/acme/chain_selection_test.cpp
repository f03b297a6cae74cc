#include "certd/acme/chain_selection.h"

#include <catch2/catch.hpp>

#include "certd/acme/link_header.h"
#include "shared/pki/certificate_builder.h"
#include "tests/support/test_pki.h"

using namespace certd::acme;
using shared::pki::CertificateBuilder;
using shared::pki::CertificateChain;
using shared::pki::KeyType;
using shared::pki::PrivateKey;

namespace {

// leaf <- intermediate <- root named `root_name`; the chain holds leaf and intermediate.
CertificateChain chainUnder(const std::string& root_name, const PrivateKey& leaf_key) {
  auto root_key = testing::unwrap(PrivateKey::generate(KeyType::kEcP256));
  auto root =
      testing::unwrap(CertificateBuilder().commonName(root_name).ca(true).selfSign(root_key));
  auto mid_key = testing::unwrap(PrivateKey::generate(KeyType::kEcP256));
  auto mid = testing::unwrap(CertificateBuilder()
                                 .commonName(root_name + " Intermediate")
                                 .ca(true)
                                 .signWith(mid_key, root, root_key));
  auto leaf =
      testing::unwrap(CertificateBuilder().commonName("a.test").addDnsName("a.test").signWith(
          leaf_key, mid, mid_key));
  return CertificateChain{{leaf, mid}};
}

}  // namespace

TEST_CASE("preferred_chain picks the alternate whose topmost issuer has that name",
          "[certd][acme]") {
  auto key = testing::unwrap(PrivateKey::generate(KeyType::kEcP256));
  const std::vector<CertificateChain> chains = {chainUnder("Pebble Root CA 1a2b3c", key),
                                                chainUnder("Pebble Root CA 4d5e6f", key)};
  CHECK(selectChain(chains, "Pebble Root CA 4d5e6f") == 1);
  CHECK(selectChain(chains, "Pebble Root CA 1a2b3c") == 0);
  CHECK(selectChain(chains, "") == 0);
  CHECK(selectChain(chains, "Nobody") == 0);  // no match keeps the default
  // The intermediate's own name is not the topmost issuer.
  CHECK(selectChain(chains, "Pebble Root CA 4d5e6f Intermediate") == 0);
}

TEST_CASE("Link headers yield the alternate URLs only", "[certd][acme]") {
  const std::vector<std::string> headers = {
      R"(<https://ca/dir>;rel="index")",
      R"(<https://ca/cert/1/1>;rel="alternate", <https://ca/cert/1/2>; rel="alternate")",
      R"(<https://ca/up>;rel=up)"};
  CHECK(linksWithRel(headers, "alternate") ==
        std::vector<std::string>{"https://ca/cert/1/1", "https://ca/cert/1/2"});
  CHECK(linksWithRel(headers, "up") == std::vector<std::string>{"https://ca/up"});
  CHECK(linksWithRel({"garbage<"}, "alternate").empty());
}

TEST_CASE("a rel= inside another Link parameter adds no alternate URL", "[certd][acme]") {
  const std::vector<std::string> headers = {
      R"(<https://evil/x>; title="rel=alternate", <https://ca/up>; rel="up")",
      R"(<https://evil/y>; norel=alternate)",
      R"(<https://ca/cert/1/1>; title="a, b"; REL="Alternate other")"};
  CHECK(linksWithRel(headers, "alternate") == std::vector<std::string>{"https://ca/cert/1/1"});
  CHECK(linksWithRel(headers, "up") == std::vector<std::string>{"https://ca/up"});
  CHECK(linksWithRel({"https://ca/no-brackets; rel=alternate"}, "alternate").empty());
}
