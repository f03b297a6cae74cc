// Integration tests against a real Knot DNS server on loopback and
// the openssl command-line client. Hidden from the unit run by the "[.integration]" tag;
// tests/CMakeLists.txt runs them with the label "integration".

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <sstream>
#include <thread>

#include "certd/challenge/dns01_record.h"
#include "certd/challenge/dns01_rfc2136.h"
#include "certd/challenge/tls_alpn01.h"
#include "certd/dns/query.h"
#include "certd/dns/update.h"
#include "certd/dns/update_client.h"
#include "tests/certd/dns/knot_server.h"

using namespace certd::challenge;
using certd_test::run;

namespace {

std::vector<std::string> digTxt(std::uint16_t port, const std::string& name) {
  const std::string out =
      run("dig +short +norecurse @127.0.0.1 -p " + std::to_string(port) + " " + name + " TXT");
  std::vector<std::string> values;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    line.erase(std::remove(line.begin(), line.end(), '"'), line.end());
    if (!line.empty()) values.push_back(line);
  }
  std::sort(values.begin(), values.end());
  return values;
}

Dns01Rfc2136Options optionsFor(const certd_test::KnotServer& knot) {
  Dns01Rfc2136Options options;
  options.server = {"127.0.0.1", knot.port()};
  options.zone = "";  // found by SOA through the resolvers
  options.tsig_key_name = knot.keyName();
  options.tsig_algorithm = "hmac-sha256";
  options.tsig_secret = knot.secret();
  options.ttl = 0;
  options.propagation.resolvers = {{"127.0.0.1", knot.port()}};
  options.propagation.nameserver_port = knot.port();  // ns.test -> 127.0.0.1, Knot's port
  options.propagation.timeout = std::chrono::seconds(10);
  options.propagation.poll_interval = std::chrono::milliseconds(100);
  return options;
}

const ChallengeSpec kApex{"foo.test", "t1", "t1.thumb"};
const ChallengeSpec kWildcard{"*.foo.test", "t2", "t2.thumb"};

}  // namespace

TEST_CASE("dns-01 over RFC 2136 keeps a name's and its wildcard's TXT values apart",
          "[.integration][certd][dns]") {
  certd_test::KnotServer knot;
  REQUIRE(knot.start().empty());
  Dns01Rfc2136 solver(optionsFor(knot));
  const std::string name = "_acme-challenge.foo.test";

  REQUIRE(solver.present(kApex).message().empty());
  REQUIRE(solver.present(kWildcard).message().empty());
  std::vector<std::string> both = {dns01TxtValue(kApex.key_authorization),
                                   dns01TxtValue(kWildcard.key_authorization)};
  std::sort(both.begin(), both.end());
  CHECK(digTxt(knot.port(), name) == both);

  REQUIRE(solver.cleanUp(kWildcard).isOk());
  CHECK(digTxt(knot.port(), name) ==
        std::vector<std::string>{dns01TxtValue(kApex.key_authorization)});
  REQUIRE(solver.cleanUp(kApex).isOk());
  CHECK(digTxt(knot.port(), name).empty());
  CHECK(solver.cleanUp(kApex).isOk());  // deleting what is gone is fine
}

TEST_CASE(
    "dns-01 with a wrong TSIG secret fails with NOTAUTH naming the server and changes "
    "nothing",
    "[.integration][certd][dns]") {
  certd_test::KnotServer knot;
  REQUIRE(knot.start().empty());
  auto options = optionsFor(knot);
  options.zone = "test";
  options.tsig_secret = "d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC13cm9uZyE=";
  Dns01Rfc2136 solver(options);
  const auto status = solver.present(kApex);
  REQUIRE_FALSE(status.isOk());
  const std::string server = "127.0.0.1:" + std::to_string(knot.port());
  CHECK(status.message() == "dns01: present foo.test: dns: update _acme-challenge.foo.test at " +
                                server + ": NOTAUTH (TSIG error BADSIG)");
  CHECK(status.code() == shared::Status::Code::kPermissionDenied);
  CHECK(digTxt(knot.port(), "_acme-challenge.foo.test").empty());
}

TEST_CASE(
    "dns-01 propagation times out within its deadline when a server never has the "
    "record, and clean-up still removes it",
    "[.integration][certd][dns]") {
  certd_test::KnotServer knot;
  REQUIRE(knot.start().empty());
  const std::uint16_t dead = certd_test::freePort();  // nothing listens here
  auto options = optionsFor(knot);
  options.propagation.authoritative_servers = {{"127.0.0.1", knot.port()}, {"127.0.0.1", dead}};
  options.propagation.timeout = std::chrono::milliseconds(1500);
  Dns01Rfc2136 solver(options);

  const auto started = std::chrono::steady_clock::now();
  const auto status = solver.present(kApex);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  REQUIRE_FALSE(status.isOk());
  CHECK(status.message() == "dns01: _acme-challenge.foo.test TXT not served by 127.0.0.1:" +
                                std::to_string(dead) + " after 1500ms");
  CHECK(elapsed >= std::chrono::milliseconds(1500));
  CHECK(elapsed < std::chrono::milliseconds(4000));
  // The record was added to the primary; the caller's clean-up removes it.
  CHECK(digTxt(knot.port(), "_acme-challenge.foo.test").size() == 1);
  REQUIRE(solver.cleanUp(kApex).isOk());
  CHECK(digTxt(knot.port(), "_acme-challenge.foo.test").empty());
}

TEST_CASE(
    "tls-alpn-01 answers openssl s_client with the acmeIdentifier certificate only for "
    "acme-tls/1",
    "[.integration][certd][challenge]") {
  TlsAlpn01 solver({"127.0.0.1", 0});
  REQUIRE(solver.present({"a.test", "tok", "k.a"}).isOk());
  const std::string connect =
      "openssl s_client -connect 127.0.0.1:" + std::to_string(solver.port()) +
      " -servername a.test";
  int status = -1;
  const std::string text = run(
      connect + " -alpn acme-tls/1 </dev/null 2>/dev/null | openssl x509 -noout -text", &status);
  CHECK(status == 0);
  CHECK_THAT(text, Catch::Contains("1.3.6.1.5.5.7.1.31: critical"));
  const std::string der = run(connect +
                              " -alpn acme-tls/1 </dev/null 2>/dev/null | openssl x509 "
                              "-outform DER | od -An -v -tx1 | tr -d ' \\n'");
  // Extension: OID 1.3.6.1.5.5.7.1.31, critical TRUE, extnValue OCTET STRING { 04 20 ||
  // SHA-256("k.a") } (digest computed with openssl dgst -sha256).
  CHECK_THAT(der,
             Catch::Contains("06082b06010505070"
                             "11f0101ff04220420"
                             "735261b47c81e3d390b18f695bfd633a59b6ac03fd28da0ca866766e651abf0e"));
  CHECK_THAT(text, Catch::Contains("DNS:a.test"));

  const std::string refused = run(connect + " </dev/null 2>&1", &status);
  CHECK(status != 0);
  CHECK_THAT(refused, Catch::Contains("no application protocol"));
}

TEST_CASE(
    "updates signed too long ago or with an unknown key name get BADTIME and BADKEY from Knot",
    "[.integration][certd][dns]") {
  certd_test::KnotServer knot;
  REQUIRE(knot.start().empty());
  const shared::net::HostPort server{"127.0.0.1", knot.port()};
  const auto deadline = [] { return std::chrono::steady_clock::now() + std::chrono::seconds(5); };
  const auto now = [] {
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count());
  };
  const auto update = certd::dns::addTxtUpdate("test", "_acme-challenge.t.test", "v", 0, 1);

  auto key = certd::dns::makeTsigKey(knot.keyName(), "hmac-sha256", knot.secret());
  REQUIRE(key);
  // libldns signs at the system clock's time: a request signed with no fudge at all is out of
  // time once the clock has moved on by a second, as a skewed clock's would be.
  auto stale = certd::dns::tsigSign(update, *key, 0);
  REQUIRE(stale);
  const std::uint64_t signed_by = now();
  const auto wait_until = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (now() <= signed_by && std::chrono::steady_clock::now() < wait_until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the clock's next second
  }
  REQUIRE(now() > signed_by);
  const auto skewed = certd::dns::sendSignedUpdate(server, *key, update, *stale, now(), deadline());
  CHECK_THAT(skewed.message(), Catch::Contains("NOTAUTH (TSIG error BADTIME)"));

  auto other = certd::dns::makeTsigKey("other-key", "hmac-sha256", knot.secret());
  REQUIRE(other);
  const auto unknown = certd::dns::sendUpdate(server, *other, update, now(), deadline());
  CHECK_THAT(unknown.message(), Catch::Contains("NOTAUTH (TSIG error BADKEY)"));
  CHECK(digTxt(knot.port(), "_acme-challenge.t.test").empty());

  // The same update, well signed, succeeds (and Knot's signed answer verifies).
  CHECK(certd::dns::sendUpdate(server, *key, update, now(), deadline()).isOk());
  CHECK(digTxt(knot.port(), "_acme-challenge.t.test") == std::vector<std::string>{"v"});
}

TEST_CASE("a TXT answer too big for UDP is read over TCP from Knot", "[.integration][certd][dns]") {
  certd_test::KnotServer knot;
  REQUIRE(knot.start().empty());
  auto options = optionsFor(knot);
  options.zone = "test";
  Dns01Rfc2136 solver(options);
  std::vector<std::string> expected;
  for (int i = 0; i < 14; ++i) {  // 14 x 43-byte values: well over 512 bytes
    const ChallengeSpec spec{"big.test", "t", "t.k" + std::to_string(i)};
    REQUIRE(solver.present(spec).message().empty());
    expected.push_back(dns01TxtValue(spec.key_authorization));
  }
  auto values = certd::dns::queryTxt({"127.0.0.1", knot.port()}, "_acme-challenge.big.test",
                                     std::chrono::steady_clock::now() + std::chrono::seconds(5));
  REQUIRE(values.status().message().empty());
  std::sort(values->begin(), values->end());
  std::sort(expected.begin(), expected.end());
  CHECK(*values == expected);
}
