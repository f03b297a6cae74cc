// UPDATE messages and TSIG, checked against a packet BIND's nsupdate sent and against
// responses signed the way a server signs them (libldns, RFC 8945 §4.3.1).

#include <catch2/catch.hpp>
#include <chrono>

#include "certd/dns/ldns_handles.h"
#include "certd/dns/tsig.h"
#include "certd/dns/update.h"
#include "tests/certd/dns/dns_test_support.h"

using namespace certd::dns;
using certd_test::fromHex;
using certd_test::toHex;

namespace {

// Captured from BIND's nsupdate on 2026-11-22 with a UDP listener standing in for the server:
//   server 127.0.0.1 PORT / zone test. /
//   update add _acme-challenge.foo.test. 60 TXT "hello" / send
//   nsupdate -y hmac-sha256:certd-key:c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXh5eg==
const std::string kNsupdatePacket =
    "124b28000001000000010001047465737400000600010f5f61636d652d6368616c6c656e676503666f6f04746573"
    "7400001000010000003c00060568656c6c6f0963657274642d6b65790000fa00ff00000000003d0b686d61632d73"
    "68613235360000006b027450012c00209f727780d403ada6ee2b62065189983228be7943e22565e0f4fefeddeadb"
    "90a9124b00000000";
const std::string kSecret = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXh5eg==";

std::uint64_t secondsNow() {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count());
}

const ldns_rr* onlyRecord(const ldns_rr_list* list) {
  REQUIRE(ldns_rr_list_rr_count(list) == 1);
  return ldns_rr_list_rr(list, 0);
}

// The answer a server would give to `request`: an UPDATE response with `rcode`, signed
// with `key_name`/`secret` over the request's MAC.
std::string signedResponse(const SignedRequest& request, const char* key_name, const char* secret,
                           ldns_pkt_rcode rcode = LDNS_RCODE_NOERROR) {
  auto parsed = parseMessage(request.wire);
  REQUIRE(parsed);
  ldns_pkt* response = ldns_pkt_new();
  ldns_pkt_set_id(response, ldns_pkt_id(parsed->packet()));
  ldns_pkt_set_qr(response, true);
  ldns_pkt_set_opcode(response, LDNS_PACKET_UPDATE);
  ldns_pkt_set_rcode(response, rcode);
  ldns_pkt_push_rr(response, LDNS_SECTION_QUESTION,
                   ldns_rr_clone(onlyRecord(ldns_pkt_question(parsed->packet()))));
  const Message message(response);
  ldns_rdf* mac =
      ldns_rdf_new_frm_data(LDNS_RDF_TYPE_INT16_DATA, request.mac.size(), request.mac.data());
  REQUIRE(ldns_pkt_tsig_sign(response, key_name, secret, 300, "hmac-sha256.", mac) ==
          LDNS_STATUS_OK);
  ldns_rdf_deep_free(mac);
  return *encodeMessage(message);
}

}  // namespace

TEST_CASE("an add-TXT UPDATE carries the sections nsupdate sends", "[certd][dns]") {
  auto ours = encodeMessage(addTxtUpdate("test.", "_acme-challenge.foo.test", "hello", 60, 0x124b));
  REQUIRE(ours);
  CHECK(toHex(ours->substr(0, 4)) == "124b2800");  // id, opcode UPDATE, no RD
  auto parsed = parseMessage(*ours);
  auto theirs = parseMessage(fromHex(kNsupdatePacket));
  REQUIRE(parsed);
  REQUIRE(theirs);
  CHECK(ldns_rr_compare(onlyRecord(ldns_pkt_question(parsed->packet())),
                        onlyRecord(ldns_pkt_question(theirs->packet()))) == 0);
  CHECK(ldns_rr_compare(onlyRecord(ldns_pkt_authority(parsed->packet())),
                        onlyRecord(ldns_pkt_authority(theirs->packet()))) == 0);
  CHECK(ldns_rr_ttl(onlyRecord(ldns_pkt_authority(parsed->packet()))) == 60);
  CHECK(ldns_pkt_ancount(parsed->packet()) == 0);
}

TEST_CASE("a delete-one-TXT UPDATE uses class NONE and TTL 0", "[certd][dns]") {
  auto wire = encodeMessage(deleteTxtUpdate("test", "_acme-challenge.foo.test", "hello", 7));
  REQUIRE(wire);
  auto parsed = parseMessage(*wire);
  REQUIRE(parsed);
  const ldns_rr* rr = onlyRecord(ldns_pkt_authority(parsed->packet()));
  CHECK(ldns_rr_get_class(rr) == LDNS_RR_CLASS_NONE);
  CHECK(ldns_rr_get_type(rr) == LDNS_RR_TYPE_TXT);
  CHECK(ldns_rr_ttl(rr) == 0);
  CHECK(toHex(std::string(reinterpret_cast<const char*>(ldns_rdf_data(ldns_rr_rdf(rr, 0))), 6)) ==
        "0568656c6c6f");
}

TEST_CASE("nsupdate's signature verifies under the key as certd reads it", "[certd][dns]") {
  auto key = makeTsigKey("certd-key.", "HMAC-SHA256.", " " + kSecret + "\n");
  REQUIRE(key);
  const std::string wire = fromHex(kNsupdatePacket);
  auto parsed = parseMessage(wire);
  REQUIRE(parsed);
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(wire.data());
  CHECK(ldns_pkt_tsig_verify(parsed->packet(), bytes, wire.size(), key->name.c_str(),
                             key->base64_secret.c_str(), nullptr));
  auto other = makeTsigKey("certd-key", "hmac-sha256", "b3RoZXItc2VjcmV0");
  CHECK_FALSE(ldns_pkt_tsig_verify(parsed->packet(), bytes, wire.size(), other->name.c_str(),
                                   other->base64_secret.c_str(), nullptr));
}

TEST_CASE("a signed update names its key and algorithm, for sha256 and sha512", "[certd][dns]") {
  for (const char* algorithm : {"hmac-sha256", "hmac-sha512"}) {
    auto key = makeTsigKey("certd-key", algorithm, kSecret);
    REQUIRE(key);
    const std::uint64_t before = secondsNow();
    auto request = tsigSign(addTxtUpdate("test", "_acme-challenge.a.test", "v", 60, 9), *key);
    REQUIRE(request.status().message().empty());
    auto parsed = parseMessage(request->wire);
    REQUIRE(parsed);
    const ldns_rr* tsig = ldns_pkt_tsig(parsed->packet());
    REQUIRE(tsig != nullptr);
    char* name = ldns_rdf2str(ldns_rr_rdf(tsig, 0));
    CHECK(std::string(name) == std::string(algorithm) + ".");
    std::free(name);
    std::uint64_t signed_at = 0;
    for (int i = 0; i < 6; ++i)
      signed_at = (signed_at << 8) | ldns_rdf_data(ldns_rr_rdf(tsig, 1))[i];
    CHECK(signed_at >= before);
    CHECK(signed_at <= secondsNow());
    CHECK(request->mac.size() == 2 + (std::string(algorithm) == "hmac-sha512" ? 64u : 32u));
    CHECK(ldns_pkt_tsig_verify(parsed->packet(),
                               reinterpret_cast<const std::uint8_t*>(request->wire.data()),
                               request->wire.size(), "certd-key", kSecret.c_str(), nullptr));
  }
}

TEST_CASE("a signed response verifies and a tampered or foreign one does not", "[certd][dns]") {
  auto key = makeTsigKey("certd-key", "hmac-sha256", kSecret);
  REQUIRE(key);
  auto request = tsigSign(addTxtUpdate("test", "_acme-challenge.a.test", "v", 60, 0x124b), *key);
  REQUIRE(request);
  const std::string response = signedResponse(*request, "certd-key", kSecret.c_str());
  auto parsed = parseMessage(response);
  REQUIRE(parsed);
  CHECK(tsigVerifyResponse(response, *parsed, *key, request->mac, secondsNow()).isOk());

  const auto late = tsigVerifyResponse(response, *parsed, *key, request->mac, secondsNow() + 400);
  CHECK_THAT(late.message(), Catch::Contains("outside fudge"));
  CHECK(tsigVerifyResponse(response, *parsed, *key, std::string(34, '\x12'), secondsNow())
            .message() == "tsig: response TSIG MAC does not match");

  std::string tampered = response;
  tampered[3] = static_cast<char>(tampered[3] | 0x05);  // rcode REFUSED
  auto tampered_parsed = parseMessage(tampered);
  REQUIRE(tampered_parsed);
  CHECK(
      tsigVerifyResponse(tampered, *tampered_parsed, *key, request->mac, secondsNow()).message() ==
      "tsig: response TSIG MAC does not match");

  const std::string foreign = signedResponse(*request, "other-key", kSecret.c_str());
  CHECK(tsigVerifyResponse(foreign, *parseMessage(foreign), *key, request->mac, secondsNow())
            .message() == "tsig: response signed with another key");

  const std::string unsigned_wire =
      *encodeMessage(addTxtUpdate("test", "_acme-challenge.a.test", "v", 60, 0x124b));
  CHECK(tsigVerifyResponse(unsigned_wire, *parseMessage(unsigned_wire), *key, request->mac,
                           secondsNow())
            .message() == "tsig: response has no TSIG record");
}

TEST_CASE("the TSIG error of an answer is read out", "[certd][dns]") {
  auto key = makeTsigKey("certd-key", "hmac-sha256", kSecret);
  auto request = tsigSign(addTxtUpdate("test", "_acme-challenge.a.test", "v", 60, 1), *key);
  REQUIRE(request);
  auto parsed = parseMessage(request->wire);
  CHECK(tsigError(*parsed) == 0);
  std::string bad_time = request->wire;
  bad_time[bad_time.size() - 3] = 18;  // error field, just before "other len"
  CHECK(tsigError(*parseMessage(bad_time)) == 18);
}

TEST_CASE("TSIG keys reject unknown algorithms and bad secrets without echoing them",
          "[certd][dns]") {
  auto md5 = makeTsigKey("k", "hmac-md5", kSecret);
  REQUIRE_FALSE(md5);
  CHECK_THAT(md5.status().message(), Catch::Contains("(accepted: hmac-sha256, hmac-sha512)"));
  // libldns 1.8.3 cannot sign with sha384 (it looks the digest up as "hmac-shac384").
  CHECK_FALSE(makeTsigKey("k", "hmac-sha384", kSecret));
  auto secret = makeTsigKey("k", "hmac-sha256", "not base64!");
  REQUIRE_FALSE(secret);
  CHECK_THAT(secret.status().message(), !Catch::Contains("not base64!"));
  CHECK_FALSE(makeTsigKey("k", "hmac-sha256", ""));
  CHECK_FALSE(makeTsigKey("", "hmac-sha256", kSecret));
  CHECK_FALSE(makeTsigKey("a..b", "hmac-sha256", kSecret));
  CHECK(makeTsigKey("k", "HMAC-SHA512", kSecret)->algorithm == TsigAlgorithm::kHmacSha512);
}
