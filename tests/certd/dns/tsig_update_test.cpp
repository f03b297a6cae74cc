#include <openssl/hmac.h>

#include <catch2/catch.hpp>

#include "certd/dns/tsig.h"
#include "certd/dns/update.h"
#include "certd/dns/wire_buffer.h"
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
constexpr std::uint64_t kTimeSigned = 0x6b027450;

}  // namespace

TEST_CASE("an add-TXT UPDATE has the RFC 2136 layout nsupdate sends", "[certd][dns]") {
  const Message update = addTxtUpdate("test.", "_acme-challenge.foo.test", "hello", 60, 0x124b);
  auto wire = encodeMessage(update);
  REQUIRE(wire);
  // nsupdate's packet up to its TSIG record, with ARCOUNT 0.
  std::string expected = fromHex(kNsupdatePacket).substr(0, wire->size());
  expected[11] = 0;
  CHECK(toHex(*wire) == toHex(expected));
  CHECK(toHex(wire->substr(2, 2)) == "2800");  // opcode UPDATE
}

TEST_CASE("a delete-one-TXT UPDATE uses class NONE and TTL 0", "[certd][dns]") {
  auto wire = encodeMessage(deleteTxtUpdate("test", "_acme-challenge.foo.test", "hello", 7));
  REQUIRE(wire);
  CHECK(toHex(*wire) ==
        "000728000001000000010000"  // header: UPDATE, 1 zone, 1 update
        "047465737400"
        "00060001"                                              // zone test SOA IN
        "0f5f61636d652d6368616c6c656e676503666f6f047465737400"  // owner
        "0010"
        "00fe"
        "00000000"
        "0006"
        "0568656c6c6f");  // TXT NONE ttl 0 "hello"
}

TEST_CASE("TSIG signing reproduces nsupdate's signed packet byte for byte", "[certd][dns]") {
  auto key = makeTsigKey("certd-key", "hmac-sha256.", kSecret);
  REQUIRE(key);
  auto wire = encodeMessage(addTxtUpdate("test", "_acme-challenge.foo.test", "hello", 60, 0x124b));
  REQUIRE(wire);
  auto signed_request = tsigSign(*wire, *key, kTimeSigned, 300);
  REQUIRE(signed_request);
  CHECK(toHex(signed_request->wire) == kNsupdatePacket);
  CHECK(toHex(signed_request->mac) ==
        "9f727780d403ada6ee2b62065189983228be7943e22565e0f4fefeddeadb90a9");
}

TEST_CASE("TSIG MACs for sha384 and sha512 match OpenSSL's one-shot HMAC", "[certd][dns]") {
  for (const char* algorithm : {"hmac-sha384", "hmac-sha512"}) {
    auto key = makeTsigKey("k", algorithm, kSecret);
    REQUIRE(key);
    const std::string wire = fromHex(
        "abcd28000001000000000000047465737400"
        "00060001");
    auto signed_request = tsigSign(wire, *key, 1000, 300);
    REQUIRE(signed_request);
    // RFC 8945 §4.3.3 digest input, built independently here.
    std::string data = wire + fromHex(
                                  "016b00"
                                  "00ff"
                                  "00000000");
    data += std::string(1, '\x0b') + algorithm + std::string(1, '\0');
    data += fromHex(
        "0000000003e8"
        "012c"
        "0000"
        "0000");
    const EVP_MD* md = std::string(algorithm) == "hmac-sha384" ? EVP_sha384() : EVP_sha512();
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(md, key->secret.data(), static_cast<int>(key->secret.size()),
         reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &length);
    CHECK(toHex(signed_request->mac) == toHex(std::string(reinterpret_cast<char*>(out), length)));
  }
}

TEST_CASE("a signed response verifies and a tampered one does not", "[certd][dns]") {
  auto key = makeTsigKey("certd-key", "hmac-sha256", kSecret);
  REQUIRE(key);
  const std::string request_mac(32, '\x11');
  // A response signed as a server would (RFC 8945 §4.3.1): request MAC, response, variables.
  const std::string response = fromHex(
      "124ba8000001000000000000047465737400"
      "00060001");
  std::string data;
  putU16(data, 32);
  data += request_mac + response;
  data += fromHex(
      "0963657274642d6b657900"
      "00ff"
      "00000000"
      "0b686d61632d73686132353600");
  data += fromHex(
      "00006b027450"
      "012c"
      "0000"
      "0000");
  auto mac = tsigHmac(TsigAlgorithm::kHmacSha256, key->secret, data);
  REQUIRE(mac);
  std::string signed_response = response;
  signed_response[11] = 1;
  std::string rdata = fromHex(
      "0b686d61632d73686132353600"
      "00006b027450"
      "012c"
      "0020");
  rdata += *mac + fromHex(
                      "124b"
                      "0000"
                      "0000");
  signed_response += fromHex(
      "0963657274642d6b657900"
      "00fa"
      "00ff"
      "00000000");
  putU16(signed_response, static_cast<std::uint16_t>(rdata.size()));
  signed_response += rdata;

  auto parsed = parseMessage(signed_response);
  REQUIRE(parsed);
  CHECK(tsigVerifyResponse(signed_response, *parsed, *key, request_mac, kTimeSigned + 10).isOk());

  const auto late =
      tsigVerifyResponse(signed_response, *parsed, *key, request_mac, kTimeSigned + 301);
  CHECK_THAT(late.message(), Catch::Contains("outside fudge"));
  CHECK_FALSE(
      tsigVerifyResponse(signed_response, *parsed, *key, std::string(32, '\x12'), kTimeSigned));
  std::string tampered = signed_response;
  tampered[3] = static_cast<char>(tampered[3] | 0x05);  // rcode REFUSED
  auto tampered_parsed = parseMessage(tampered);
  REQUIRE(tampered_parsed);
  CHECK_THAT(
      tsigVerifyResponse(tampered, *tampered_parsed, *key, request_mac, kTimeSigned).message(),
      Catch::Contains("MAC does not match"));
}

TEST_CASE("TSIG keys reject unknown algorithms and bad secrets without echoing them",
          "[certd][dns]") {
  auto algorithm = makeTsigKey("k", "hmac-md5", kSecret);
  REQUIRE_FALSE(algorithm);
  CHECK_THAT(algorithm.status().message(), Catch::Contains("hmac-sha256, hmac-sha384"));
  auto secret = makeTsigKey("k", "hmac-sha256", "not base64!");
  REQUIRE_FALSE(secret);
  CHECK_THAT(secret.status().message(), !Catch::Contains("not base64!"));
  CHECK_FALSE(makeTsigKey("", "hmac-sha256", kSecret));
  CHECK(makeTsigKey("k", "HMAC-SHA512", kSecret)->algorithm == TsigAlgorithm::kHmacSha512);
}
