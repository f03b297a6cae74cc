#include "certd/acme/directory.h"

#include <catch2/catch.hpp>

#include "certd/acme/resources.h"
#include "tests/support/test_pki.h"

using namespace certd::acme;

TEST_CASE("the Pebble 2.4.0 directory parses without renewalInfo or profiles", "[certd][acme]") {
  // Recorded from Pebble 2.4.0.
  auto directory = testing::unwrap(parseDirectory(R"({
   "keyChange": "https://127.0.0.1:14000/rollover-account-key",
   "meta": {"externalAccountRequired": false, "termsOfService": "data:text/plain,Do%20what%20thou%20wilt"},
   "newAccount": "https://127.0.0.1:14000/sign-me-up",
   "newNonce": "https://127.0.0.1:14000/nonce-plz",
   "newOrder": "https://127.0.0.1:14000/order-plz",
   "revokeCert": "https://127.0.0.1:14000/revoke-cert"})"));
  CHECK(directory.new_nonce == "https://127.0.0.1:14000/nonce-plz");
  CHECK(directory.new_account == "https://127.0.0.1:14000/sign-me-up");
  CHECK(directory.key_change == "https://127.0.0.1:14000/rollover-account-key");
  CHECK(directory.renewal_info.empty());
  CHECK_FALSE(directory.meta.external_account_required);
  CHECK(directory.meta.terms_of_service.starts_with("data:text/plain"));
}

TEST_CASE("a directory with renewalInfo, profiles and EAB required parses all three",
          "[certd][acme]") {
  // Shape of Let's Encrypt's 2025 directory.
  auto directory = testing::unwrap(parseDirectory(R"({
   "newNonce": "https://ca/n", "newAccount": "https://ca/a", "newOrder": "https://ca/o",
   "revokeCert": "https://ca/r", "keyChange": "https://ca/k",
   "renewalInfo": "https://ca/draft-ietf-acme-ari-03/renewalInfo",
   "meta": {"externalAccountRequired": true, "website": "https://ca",
            "profiles": {"classic": "The same profile you're accustomed to",
                         "tlsserver": "https://letsencrypt.org/docs/profiles#tlsserver"}}})"));
  CHECK(directory.renewal_info == "https://ca/draft-ietf-acme-ari-03/renewalInfo");
  CHECK(directory.meta.external_account_required);
  REQUIRE(directory.meta.profiles.size() == 2);
  CHECK(directory.meta.profiles.count("tlsserver") == 1);
}

TEST_CASE("a directory without newOrder is refused with the missing member", "[certd][acme]") {
  auto directory = parseDirectory(R"({"newNonce":"https://ca/n","newAccount":"https://ca/a"})");
  REQUIRE_FALSE(directory.isOk());
  CHECK(directory.status().message() == "directory: missing newOrder");
}

TEST_CASE("an order and its authorization parse with challenges and errors", "[certd][acme]") {
  auto order = testing::unwrap(parseOrder(R"({"status":"invalid","expires":"2026-11-23T00:00:00Z",
    "identifiers":[{"type":"dns","value":"a.test"},{"type":"dns","value":"b.test"}],
    "authorizations":["https://ca/authz/1","https://ca/authz/2"],
    "finalize":"https://ca/finalize/1",
    "error":{"type":"urn:ietf:params:acme:error:unauthorized","detail":"no"}})"));
  CHECK(order.identifiers.size() == 2);
  CHECK(order.authorizations[1] == "https://ca/authz/2");
  REQUIRE(order.error.has_value());
  CHECK(order.error->is(error::kUnauthorized));

  auto authz = testing::unwrap(parseAuthorization(R"({"status":"invalid",
    "identifier":{"type":"dns","value":"b.test"},
    "challenges":[{"type":"http-01","url":"https://ca/chal/1","token":"tok","status":"invalid",
      "error":{"type":"urn:ietf:params:acme:error:connection","detail":"refused"}},
      {"type":"dns-01","url":"https://ca/chal/2","token":"tok2","status":"pending"}]})"));
  CHECK(authz.identifier.value == "b.test");
  REQUIRE(authz.challengeOfType("dns-01") != nullptr);
  CHECK(authz.challengeOfType("dns-01")->token == "tok2");
  REQUIRE(authz.firstError() != nullptr);
  CHECK(authz.firstError()->describe() == "connection: refused");
  CHECK_FALSE(parseOrder(R"({"status":"pending"})").isOk());
}
