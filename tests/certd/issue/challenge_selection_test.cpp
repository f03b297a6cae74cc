#include "certd/issue/challenge_selection.h"

#include <catch2/catch.hpp>

#include "certd/acme/directory.h"

using namespace certd;

namespace {

// An authorization as a CA following draft-ietf-acme-dns-persist-01 §3.1 sends it: the
// dns-persist-01 challenge has no token, and the issuer names under "issuer-domain-names".
acme::Authorization authorizationWith(const std::string& persist_challenge) {
  const std::string body = R"({"status":"pending",
    "identifier":{"type":"dns","value":"example.com"},
    "challenges":[
      {"type":"http-01","url":"https://ca.example/chall/1","status":"pending","token":"tok1"},
      )" + persist_challenge +
                           R"(,
      {"type":"dns-01","url":"https://ca.example/chall/3","status":"pending","token":"tok3"}]})";
  return acme::parseAuthorization(body).value();
}

}  // namespace

TEST_CASE("a draft dns-persist-01 challenge parses without a token, with its issuer names",
          "[certd][issue][dns-persist]") {
  auto challenge = acme::parseChallenge(
      R"({"type":"dns-persist-01","url":"https://ca.example/acme/authz/1234/0",
          "status":"pending","issuer-domain-names":["authority.example","ca.example.net"]})");
  REQUIRE(challenge);
  CHECK(challenge->token.empty());
  CHECK(challenge->issuer_domain_names ==
        std::vector<std::string>{"authority.example", "ca.example.net"});
  // draft -02 renamed the member to camelCase.
  auto renamed = acme::parseChallenge(
      R"({"type":"dns-persist-01","url":"https://ca.example/c","status":"pending",
          "issuerDomainNames":["authority.example"]})");
  REQUIRE(renamed);
  CHECK(renamed->issuer_domain_names == std::vector<std::string>{"authority.example"});
}

TEST_CASE("a draft -02 directory gives the issuer names and the account hash prefix",
          "[certd][issue][dns-persist]") {
  // draft-ietf-acme-dns-persist-02 §10.3, Figure 6.
  auto directory = acme::parseDirectory(
      R"({"newNonce":"https://ca.example/n","newAccount":"https://ca.example/a",
          "newOrder":"https://ca.example/o",
          "meta":{"accountHashPrefix":"https://ca.example/account-hash/",
                  "issuerDomainNames":["authority.example","ca.example.net"]}})");
  REQUIRE(directory);
  CHECK(directory->meta.account_hash_prefix == "https://ca.example/account-hash/");
  CHECK(directory->meta.issuer_domain_names ==
        std::vector<std::string>{"authority.example", "ca.example.net"});
}

TEST_CASE("dns-persist-01 is answered where the CA offers it and the config prefers it",
          "[certd][issue][dns-persist]") {
  const auto authz = authorizationWith(
      R"({"type":"dns-persist-01","url":"https://ca.example/chall/2","status":"pending",
          "issuer-domain-names":["letsencrypt.org"]})");
  const auto preferred = issue::selectChallenge(authz, "http-01", "dns-persist-01");
  REQUIRE(preferred.challenge != nullptr);
  CHECK(preferred.preferred);
  CHECK(preferred.challenge->url == "https://ca.example/chall/2");
  CHECK(preferred.passed_over.empty());

  const auto without = issue::selectChallenge(authz, "http-01", std::nullopt);
  REQUIRE(without.challenge != nullptr);
  CHECK_FALSE(without.preferred);
  CHECK(without.challenge->url == "https://ca.example/chall/1");
}

TEST_CASE("without a dns-persist-01 offer the configured solver answers",
          "[certd][issue][dns-persist]") {
  const auto authz = authorizationWith(
      R"({"type":"tls-alpn-01","url":"https://ca.example/chall/2","status":"pending","token":"t"})");
  const auto selection = issue::selectChallenge(authz, "dns-01", "dns-persist-01");
  REQUIRE(selection.challenge != nullptr);
  CHECK_FALSE(selection.preferred);
  CHECK(selection.challenge->url == "https://ca.example/chall/3");
  CHECK(selection.passed_over.empty());
  CHECK(issue::selectChallenge(authz, "none-01", "dns-persist-01").challenge == nullptr);
}

TEST_CASE("a dns-persist-01 offer with a malformed issuer list is passed over, saying why",
          "[certd][issue][dns-persist]") {
  for (const std::string issuers :
       {R"([])", R"(["A.example"])",
        R"(["a1.example","a2.example","a3.example","a4.example","a5.example","a6.example",
            "a7.example","a8.example","a9.example","a10.example","a11.example"])"}) {
    const auto authz = authorizationWith(
        R"({"type":"dns-persist-01","url":"https://ca.example/chall/2","status":"pending",
            "issuer-domain-names":)" +
        issuers + "}");
    const auto selection = issue::selectChallenge(authz, "http-01", "dns-persist-01");
    REQUIRE(selection.challenge != nullptr);
    CHECK_FALSE(selection.preferred);
    CHECK(selection.challenge->url == "https://ca.example/chall/1");
    CHECK_FALSE(selection.passed_over.empty());
  }
}
