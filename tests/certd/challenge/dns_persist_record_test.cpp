#include "certd/challenge/dns_persist_record.h"

#include <catch2/catch.hpp>

using namespace certd::challenge;

// Examples from draft-ietf-acme-dns-persist-01 §4.1 and §10 (accounturi as the account URL,
// as Let's Encrypt and Pebble implement it).
TEST_CASE("the dns-persist-01 record lives at _validation-persist of the base name",
          "[certd][challenge][dns-persist]") {
  CHECK(dnsPersistRecordName("example.com") == "_validation-persist.example.com");
  CHECK(dnsPersistRecordName("*.example.com") == "_validation-persist.example.com");
  CHECK(dnsPersistRecordName("WWW.Example.com.") == "_validation-persist.www.example.com");
}

TEST_CASE("the dns-persist-01 value names the issuer and the account, then the options",
          "[certd][challenge][dns-persist]") {
  CHECK(dnsPersistTxtValue(
            {.issuer = "authority.example", .account_uri = "https://ca.example/acct/123"}) ==
        "authority.example; accounturi=https://ca.example/acct/123");
  CHECK(dnsPersistTxtValue({.issuer = "authority.example",
                            .account_uri = "https://ca.example/acct/123",
                            .wildcard = true,
                            .persist_until = 1767225600}) ==
        "authority.example; accounturi=https://ca.example/acct/123; policy=wildcard; "
        "persistUntil=1767225600");
}

TEST_CASE("a dns-persist-01 value reads back as it was written, with unknown tags ignored",
          "[certd][challenge][dns-persist]") {
  const auto record = parseDnsPersistTxt(
      " Authority.Example ;accounturi=https://ca.example/acct/123 ; policy=WILDCARD;"
      " persistUntil=1767225600; future=x");
  REQUIRE(record);
  CHECK(record->issuer == "authority.example");
  CHECK(record->account_uri == "https://ca.example/acct/123");
  CHECK(record->wildcard);
  CHECK(record->persist_until == 1767225600);
  CHECK_FALSE(parseDnsPersistTxt("authority.example"));               // no accounturi
  CHECK_FALSE(parseDnsPersistTxt("authority.example; accounturi"));   // not tag=value
  CHECK_FALSE(parseDnsPersistTxt("; accounturi=https://ca/acct/1"));  // no issuer
  CHECK_FALSE(parseDnsPersistTxt("a.example; accounturi=u; persistUntil=tomorrow"));
  CHECK_FALSE(parseDnsPersistTxt("a.example; accounturi=u; policy=other")->wildcard);
}

TEST_CASE("a served value satisfies a challenge only for its issuers, account and scope",
          "[certd][challenge][dns-persist]") {
  const std::vector<std::string> issuers{"authority.example", "ca.example.net"};
  const std::string account = "https://ca.example/acct/123";
  const std::string value = "ca.example.net; accounturi=" + account;
  CHECK(dnsPersistTxtSatisfies(value, issuers, account, false, 1000));
  CHECK_FALSE(dnsPersistTxtSatisfies(value, {"other.example"}, account, false, 1000));
  CHECK_FALSE(dnsPersistTxtSatisfies(value, issuers, "https://ca.example/acct/124", false, 1000));
  CHECK_FALSE(dnsPersistTxtSatisfies(value, issuers, account, true, 1000));  // needs wildcard
  CHECK(dnsPersistTxtSatisfies(value + "; policy=wildcard", issuers, account, true, 1000));
  CHECK(dnsPersistTxtSatisfies(value + "; persistUntil=1000", issuers, account, false, 1000));
  CHECK_FALSE(dnsPersistTxtSatisfies(value + "; persistUntil=999", issuers, account, false, 1000));
}

TEST_CASE("the CA's issuer domain wins over the configured one",
          "[certd][challenge][dns-persist]") {
  CHECK(chooseIssuerDomainName({"a.example", "b.example"}, "b.example").value() == "b.example");
  CHECK(chooseIssuerDomainName({"a.example", "b.example"}, "c.example").value() == "a.example");
  CHECK(chooseIssuerDomainName({}, "c.example").value() == "c.example");
  const auto none = chooseIssuerDomainName({}, "");
  REQUIRE_FALSE(none);
  CHECK_THAT(none.status().message(), Catch::Contains("dns_persist.issuer"));
}

TEST_CASE("a malformed issuer list from the CA is refused, as the draft requires",
          "[certd][challenge][dns-persist]") {
  CHECK(issuerDomainNamesProblem({"letsencrypt.org"}).empty());
  CHECK_THAT(issuerDomainNamesProblem({}), Catch::Contains("no issuer"));
  CHECK_THAT(issuerDomainNamesProblem(std::vector<std::string>(11, "a.example")),
             Catch::Contains("more than 10"));
  CHECK_THAT(issuerDomainNamesProblem({"LetsEncrypt.org"}), Catch::Contains("'L'"));
  CHECK_THAT(issuerDomainNamesProblem({"letsencrypt.org."}), Catch::Contains("dot"));
  CHECK_FALSE(chooseIssuerDomainName({"a.example."}, "a.example"));
}

TEST_CASE("the zone-file line quotes the value and splits it at 255 octets",
          "[certd][challenge][dns-persist]") {
  CHECK(dnsPersistZoneLine("_validation-persist.a.test", "ca.test; accounturi=https://c/1") ==
        "_validation-persist.a.test. IN TXT \"ca.test; accounturi=https://c/1\"");
  const std::string long_value = "ca.test; accounturi=https://c/" + std::string(300, 'x');
  const std::string line = dnsPersistZoneLine("n.test.", long_value);
  CHECK(line ==
        "n.test. IN TXT \"" + long_value.substr(0, 255) + "\" \"" + long_value.substr(255) + "\"");
  CHECK(dnsPersistZoneLine("n.test", "a\"b\\c") == "n.test. IN TXT \"a\\\"b\\\\c\"");
}

TEST_CASE("the accounturi is the account URL, or draft -02's hashed URI under the CA's prefix",
          "[certd][challenge][dns-persist]") {
  // draft-ietf-acme-dns-persist-02 §10.2 test vector (RFC 7638 §3.1's example thumbprint).
  const std::string thumbprint = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";
  const std::string account = "https://ca.example/acct/123";
  CHECK(dnsPersistAccountUri("", "example.com", thumbprint, account) == account);
  const std::string hashed =
      "https://ca.example/account-hash/sha-256/5SQm7n6tPh2-PlLbCKGnViTXX5z19SCN4cPGQHSk-kw";
  CHECK(dnsPersistAccountUri("https://ca.example/account-hash/", "example.com", thumbprint,
                             account) == hashed);
  // The wildcard's record is its base name's, so is the hash.
  CHECK(dnsPersistAccountUri("https://ca.example/account-hash/", "*.Example.com.", thumbprint,
                             account) == hashed);
}
