// dns-persist-01 against a real Knot on loopback: the record published over RFC 2136 is the
// one the solver's read-only check accepts, and a record for another account is refused
// before the CA would be asked. Hidden from the unit run by the "[.integration]" tag.

#include <catch2/catch.hpp>

#include "certd/challenge/dns_persist01.h"
#include "certd/challenge/dns_persist_record.h"
#include "certd/challenge/rfc2136_txt_publisher.h"
#include "tests/certd/dns/knot_server.h"

using namespace certd::challenge;

TEST_CASE("a published dns-persist-01 record satisfies the solver's check for its account only",
          "[.integration][certd][dns][dns-persist]") {
  certd_test::KnotServer knot;
  REQUIRE(knot.start().empty());
  Rfc2136Options options;
  options.server = {"127.0.0.1", knot.port()};
  options.tsig_key_name = knot.keyName();
  options.tsig_secret = knot.secret();
  options.ttl = 0;
  options.propagation.resolvers = {{"127.0.0.1", knot.port()}};
  options.propagation.nameserver_port = knot.port();  // ns.test -> 127.0.0.1, Knot's port
  options.propagation.timeout = std::chrono::seconds(10);
  options.propagation.poll_interval = std::chrono::milliseconds(100);
  const std::string account = "https://ca.test/acct/7";
  const std::string name = dnsPersistRecordName("foo.test");
  const std::string value =
      dnsPersistTxtValue({.issuer = "ca.test", .account_uri = account, .wildcard = true});

  DnsPersist01 solver({.issuer = "ca.test", .propagation = options.propagation});
  ChallengeSpec spec{.domain = "foo.test"};
  spec.issuer_domain_names = {"ca.test"};
  spec.account_uri = account;
  const shared::Status before = solver.present(spec);
  CHECK(before.code() == shared::Status::Code::kUnavailable);
  CHECK_THAT(before.message(),
             Catch::Contains("certd account dns-persist-record foo.test --publish") &&
                 Catch::Contains(dnsPersistZoneLine(
                     name, dnsPersistTxtValue({.issuer = "ca.test", .account_uri = account}))));

  Rfc2136TxtPublisher publisher(options);
  const auto zone = publisher.zoneFor(name);
  REQUIRE(zone);
  REQUIRE(publisher.update(true, *zone, name, value).isOk());
  REQUIRE(publisher.awaitServed(*zone, name, value).value() == 1);
  const std::string served = certd_test::run("dig +short +norecurse @127.0.0.1 -p " +
                                             std::to_string(knot.port()) + " " + name + " TXT");
  CHECK(served == "\"" + value + "\"\n");

  spec.wildcard = true;  // policy=wildcard is in the record
  CHECK(solver.present(spec).isOk());
  CHECK(solver.cleanUp(spec).isOk());
  CHECK(certd_test::run("dig +short +norecurse @127.0.0.1 -p " + std::to_string(knot.port()) + " " +
                        name + " TXT") == served);  // the record stays

  ChallengeSpec other = spec;
  other.account_uri = "https://ca.test/acct/8";
  CHECK_THAT(solver.present(other).message(), Catch::Contains("serves no record"));
  ChallengeSpec other_ca = spec;
  other_ca.issuer_domain_names = {"other-ca.test"};
  CHECK_FALSE(solver.present(other_ca).isOk());
}
