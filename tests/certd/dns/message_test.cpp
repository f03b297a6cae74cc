#include "certd/dns/message.h"

#include <catch2/catch.hpp>

#include "certd/dns/name.h"
#include "certd/dns/rcode.h"
#include "certd/dns/rdata.h"
#include "tests/certd/dns/dns_test_support.h"

using namespace certd::dns;
using certd_test::fromHex;

TEST_CASE("a dns message survives encode then parse unchanged", "[certd][dns]") {
  Message message;
  message.header = {0xBEEF, true, opcode::kQuery, true, false, true, true, 3};
  message.questions.push_back({"_acme-challenge.a.test", rrtype::kTxt, rrclass::kIn});
  message.answers.push_back(
      {"_acme-challenge.a.test", rrtype::kTxt, rrclass::kIn, 60, txtRdata("value-1")});
  message.authorities.push_back({"test", rrtype::kNs, rrclass::kIn, 3600, *encodeName("ns.test")});
  message.additionals.push_back({"ns.test", rrtype::kA, rrclass::kIn, 0, fromHex("7f000001")});
  auto wire = encodeMessage(message);
  REQUIRE(wire);
  auto parsed = parseMessage(*wire);
  REQUIRE(parsed);
  CHECK(parsed->message == message);
  REQUIRE(parsed->last_additional_offset);
  CHECK(*parsed->last_additional_offset < wire->size());
}

TEST_CASE("a recorded response with compressed names parses", "[certd][dns]") {
  // A hand-recorded authoritative answer to "a.test TXT": the answer owner is a pointer to
  // the question name (c00c), the NS owner points at "test" (c00e) and so does the NS rdata.
  const std::string wire = fromHex(
      "1234"  // id
      "8580"  // QR AA RD RA, NOERROR
      "0001000100010000"
      "0161047465737400"
      "00100001"  // TXT IN
      "c00c001000010000003c0006"
      "0568656c6c6f"  // a.test TXT "hello"
      "c00e000200010000012c0005"
      "026e73c00e");  // test NS ns.test
  auto parsed = parseMessage(wire);
  REQUIRE(parsed);
  const Message& m = parsed->message;
  CHECK(m.header.id == 0x1234);
  CHECK(m.header.qr);
  CHECK(m.header.aa);
  CHECK(m.header.rcode == 0);
  REQUIRE(m.answers.size() == 1);
  CHECK(m.answers[0].name == "a.test");
  CHECK(*parseTxtRdata(m.answers[0].rdata) == "hello");
  REQUIRE(m.authorities.size() == 1);
  CHECK(m.authorities[0].name == "test");
  CHECK(m.authorities[0].ttl == 300);
  CHECK(*parseNameRdata(m.authorities[0].rdata) == "ns.test");
}

TEST_CASE("malformed messages are rejected with a reason", "[certd][dns]") {
  CHECK_FALSE(parseMessage(fromHex("1234")));
  // A name whose pointer points at itself.
  auto loop = parseMessage(fromHex("123400000001000000000000c00c00100001"));
  REQUIRE_FALSE(loop);
  CHECK_THAT(loop.status().message(), Catch::Contains("pointer"));
  // A record whose rdata length runs past the end.
  CHECK_FALSE(parseMessage(fromHex("12348000000000010000000000000100010000003c0010")));
}

TEST_CASE("names encode with length-prefixed labels and reject bad labels", "[certd][dns]") {
  CHECK(*encodeName("a.test.") == fromHex("0161047465737400"));
  CHECK(*encodeName("") == std::string(1, '\0'));
  CHECK(*encodeCanonicalName("A.TeSt") == *encodeName("a.test"));
  CHECK_FALSE(encodeName("a..test"));
  CHECK_FALSE(encodeName(std::string(64, 'x') + ".test"));
  CHECK(sameName("A.test.", "a.TEST"));
  CHECK(parentName("a.b.test") == "b.test");
  CHECK(parentName("test").empty());
}

TEST_CASE("long TXT values split into 255-byte strings and join back", "[certd][dns]") {
  const std::string value(300, 'v');
  const std::string rdata = txtRdata(value);
  CHECK(rdata.size() == 302);
  CHECK(static_cast<unsigned char>(rdata[0]) == 255);
  CHECK(*parseTxtRdata(rdata) == value);
  CHECK_FALSE(parseTxtRdata(fromHex("0561")));
}

TEST_CASE("response codes name themselves in the status", "[certd][dns]") {
  const auto notauth = rcodeStatus(9, 16, "update x.test", "127.0.0.1:53");
  CHECK(notauth.code() == shared::Status::Code::kPermissionDenied);
  CHECK(notauth.message() == "dns: update x.test at 127.0.0.1:53: NOTAUTH (TSIG error BADSIG)");
  CHECK(rcodeStatus(5, 0, "q", "s").message() == "dns: q at s: REFUSED");
  CHECK(rcodeStatus(2, 0, "q", "s").code() == shared::Status::Code::kUnavailable);
  CHECK(rcodeStatus(3, 0, "q", "s").code() == shared::Status::Code::kNotFound);
  CHECK(rcodeStatus(0, 0, "q", "s").isOk());
  CHECK(rcodeName(17) == "BADKEY");
  CHECK(rcodeName(18) == "BADTIME");
  CHECK(rcodeName(42) == "RCODE42");
}
