// certd's own code around libldns's parser: which records answer a question, TXT/A/NS
// values as text, response codes by name, and messages libldns must not see.

#include "certd/dns/message.h"

#include <catch2/catch.hpp>

#include "certd/dns/ldns_handles.h"
#include "certd/dns/query.h"
#include "certd/dns/rcode.h"
#include "certd/dns/update.h"
#include "tests/certd/dns/dns_test_support.h"

using namespace certd::dns;
using certd_test::fromHex;

namespace {

Message queryFor(const char* name, ldns_rr_type type) {
  ldns_pkt* packet = nullptr;
  REQUIRE(ldns_pkt_query_new_frm_str(&packet, name, type, LDNS_RR_CLASS_IN, LDNS_RD) ==
          LDNS_STATUS_OK);
  return Message(packet);
}

// A hand-recorded authoritative answer to "a.test TXT": the answer owner is a pointer to
// the question name (c00c), the NS owner points at "test" (c00e) and so does the NS rdata.
const std::string kRecordedTxtAnswer = fromHex(
    "1234"  // id
    "8580"  // QR AA RD RA, NOERROR
    "0001000100010000"
    "0161047465737400"
    "00100001"  // TXT IN
    "c00c001000010000003c0006"
    "0568656c6c6f"  // a.test TXT "hello"
    "c00e000200010000012c0005"
    "026e73c00e");  // test NS ns.test

}  // namespace

TEST_CASE("a recorded response with compressed names answers its question", "[certd][dns]") {
  auto parsed = parseMessage(kRecordedTxtAnswer);
  REQUIRE(parsed.status().message().empty());
  CHECK(ldns_pkt_id(parsed->packet()) == 0x1234);
  CHECK(answersQuestion(*parsed, queryFor("A.Test.", LDNS_RR_TYPE_TXT)));
  CHECK_FALSE(answersQuestion(*parsed, queryFor("b.test.", LDNS_RR_TYPE_TXT)));
  CHECK_FALSE(answersQuestion(*parsed, queryFor("a.test.", LDNS_RR_TYPE_A)));
  CHECK(*answerValues(*parsed, "a.test", rrtype::kTxt) == std::vector<std::string>{"hello"});
  CHECK(answerValues(*parsed, "b.test", rrtype::kTxt)->empty());
  // The NS record sits in the authority section: not an answer.
  CHECK(answerValues(*parsed, "test", rrtype::kNs)->empty());
  const ldns_rr* ns = ldns_rr_list_rr(ldns_pkt_authority(parsed->packet()), 0);
  CHECK(ldns_rr_ttl(ns) == 300);
}

TEST_CASE("malformed messages are rejected with a reason", "[certd][dns]") {
  auto short_header = parseMessage(fromHex("1234"));
  REQUIRE_FALSE(short_header);
  CHECK_THAT(short_header.status().message(), Catch::StartsWith("dns: malformed message: "));
  // A name whose pointer points at itself.
  CHECK_FALSE(parseMessage(fromHex("123400000001000000000000c00c00100001")));
  // A record whose rdata length runs past the end.
  CHECK_FALSE(parseMessage(fromHex("12348000000000010000000000000100010000003c0010")));
  // A question is not an answer.
  auto request = queryFor("a.test.", LDNS_RR_TYPE_TXT);
  CHECK_FALSE(answersQuestion(request, request));
}

TEST_CASE("a TSIG record anywhere but last is refused before libldns reads it", "[certd][dns]") {
  // Two additional records: a TSIG record (empty key name, minimal rdata), then an A record.
  const std::string tsig =
      "00"
      "00fa00ff00000000"
      "0011"
      "00"                // algorithm: root
      "000000000000012c"  // time signed 0, fudge 300
      "0000"              // MAC size 0
      "12340000"          // original id, error
      "0000";             // other len
  const std::string a =
      "0000010001000000000004"
      "7f000001";
  auto parsed = parseMessage(fromHex("123480000000000000000002" + tsig + a));
  REQUIRE_FALSE(parsed);
  CHECK_THAT(parsed.status().message(), Catch::Contains("TSIG record is not the last record"));
  CHECK(parseMessage(fromHex("123480000000000000000002" + a + tsig)));
}

TEST_CASE("A and NS values read as text; RDATA of the wrong shape is an error", "[certd][dns]") {
  const std::string header = "123484000001000100000000";
  const std::string a_answer =
      header + "026e7304746573740000010001" + "c00c00010001000000000004" + "7f000001";
  CHECK(*answerValues(*parseMessage(fromHex(a_answer)), "ns.test", rrtype::kA) ==
        std::vector<std::string>{"127.0.0.1"});
  const std::string ns_answer =
      header + "04746573740000020001" + "c00c00020001000000000005" + "026e73c00c";
  CHECK(*answerValues(*parseMessage(fromHex(ns_answer)), "test.", rrtype::kNs) ==
        std::vector<std::string>{"ns.test"});
}

TEST_CASE("long TXT values split into 255-byte strings and join back", "[certd][dns]") {
  const std::string value(300, 'v');
  auto wire = encodeMessage(addTxtUpdate("test", "_acme-challenge.a.test", value, 60, 1));
  REQUIRE(wire);
  auto parsed = parseMessage(*wire);
  REQUIRE(parsed);
  const ldns_rr* rr = ldns_rr_list_rr(ldns_pkt_authority(parsed->packet()), 0);
  REQUIRE(ldns_rr_rd_count(rr) == 2);
  CHECK(ldns_rdf_size(ldns_rr_rdf(rr, 0)) == 256);
  // The same record as an answer reads back as the one value.
  ldns_pkt_push_rr(parsed->packet(), LDNS_SECTION_ANSWER, ldns_rr_clone(rr));
  CHECK(*answerValues(*parsed, "_acme-challenge.a.test", rrtype::kTxt) ==
        std::vector<std::string>{value});
}

TEST_CASE("a bad name makes a message that says why when encoded", "[certd][dns]") {
  auto wire = encodeMessage(addTxtUpdate("test", "a..test", "v", 60, 1));
  REQUIRE_FALSE(wire);
  CHECK_THAT(wire.status().message(), Catch::Contains("\"a..test\""));
  CHECK_FALSE(encodeMessage(addTxtUpdate("test", std::string(64, 'x') + ".test", "v", 60, 1)));
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
