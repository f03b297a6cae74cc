#include "shared/http/proxy_protocol.h"

#include <catch2/catch.hpp>
#include <string>

using shared::http::kMaxProxyHeaderBytes;
using shared::http::parseProxyHeader;
using State = shared::http::ProxyHeader::State;

namespace {

const std::string kSignature("\r\n\r\n\0\r\nQUIT\n", 12);

// A v2 header: signature, version 2 and `command`, `family`, then `body`.
std::string v2(int command, int family, const std::string& body) {
  std::string bytes = kSignature;
  bytes += static_cast<char>(0x20 | command);
  bytes += static_cast<char>(family);
  bytes += static_cast<char>(body.size() >> 8);
  bytes += static_cast<char>(body.size() & 0xff);
  return bytes + body;
}

std::string tcp4(const std::string& tlvs = "") {
  // 192.0.2.7:51234 -> 198.51.100.1:443
  return std::string("\xc0\x00\x02\x07\xc6\x33\x64\x01\xc8\x22\x01\xbb", 12) + tlvs;
}

}  // namespace

TEST_CASE("a v1 proxy header names the client and ends at its crlf", "[http][proxy]") {
  const std::string line = "PROXY TCP4 192.0.2.7 198.51.100.1 51234 443\r\n";
  const auto header = parseProxyHeader(line + "GET / HTTP/1.1\r\n");
  REQUIRE(header.state == State::kDone);
  CHECK(header.length == line.size());
  REQUIRE(header.source);
  CHECK(header.source->toString() == "192.0.2.7:51234");

  const auto v6 = parseProxyHeader("PROXY TCP6 2001:db8::7 2001:db8::1 4711 443\r\n");
  REQUIRE(v6.state == State::kDone);
  CHECK(v6.source->host().toString() == "2001:db8::7");

  const auto unknown = parseProxyHeader("PROXY UNKNOWN whatever\r\n");
  REQUIRE(unknown.state == State::kDone);
  CHECK_FALSE(unknown.source);
}

TEST_CASE("a v2 proxy header names the client, a local one none", "[http][proxy]") {
  const auto header = parseProxyHeader(v2(1, 0x11, tcp4()) + "\x16\x03\x01");
  REQUIRE(header.state == State::kDone);
  CHECK(header.length == 16 + 12);
  REQUIRE(header.source);
  CHECK(header.source->toString() == "192.0.2.7:51234");
  CHECK_FALSE(header.client_tls);

  std::string v6_body(36, '\0');
  v6_body[0] = '\x20';
  v6_body[1] = '\x01';
  v6_body[15] = '\x07';
  v6_body[32] = '\x12';
  v6_body[33] = '\x67';
  const auto v6 = parseProxyHeader(v2(1, 0x21, v6_body));
  REQUIRE(v6.state == State::kDone);
  CHECK(v6.source->toString() == "[2001::7]:4711");

  const auto local = parseProxyHeader(v2(0, 0x00, ""));
  REQUIRE(local.state == State::kDone);
  CHECK_FALSE(local.source);
  // TLVs are skipped; PP2_TYPE_SSL with the client bit says the client spoke TLS.
  const auto ssl = parseProxyHeader(v2(1, 0x11, tcp4(std::string("\x20\x00\x05\x01\0\0\0\0", 8))));
  REQUIRE(ssl.state == State::kDone);
  CHECK(ssl.client_tls);
}

TEST_CASE("a partial proxy header asks for more, byte by byte", "[http][proxy]") {
  const std::string whole[] = {"PROXY TCP4 192.0.2.7 198.51.100.1 51234 443\r\n",
                               v2(1, 0x11, tcp4())};
  for (const std::string& bytes : whole) {
    for (std::size_t n = 0; n < bytes.size(); ++n)
      CHECK(parseProxyHeader(bytes.substr(0, n)).state == State::kNeedMore);
    CHECK(parseProxyHeader(bytes).state == State::kDone);
  }
}

TEST_CASE("hostile proxy headers are refused, never read past their bounds", "[http][proxy]") {
  const std::string hostile[] = {
      "GET / HTTP/1.1\r\n\r\n",                               // no header at all
      "\x16\x03\x01\x02\x00",                                 // a TLS ClientHello
      "PROXY TCP4 192.0.2.7 198.51.100.1 51234 443\n",        // LF only... then more
      "PROXY TCP4 192.0.2.7 198.51.100.1 51234\r\n",          // four fields
      "PROXY TCP4 2001:db8::1 198.51.100.1 1 2\r\n",          // family mismatch
      "PROXY TCP4 192.0.2.7 198.51.100.1 65536 443\r\n",      // port range
      "PROXY TCP4 192.0.2.7 198.51.100.1 -1 443\r\n",         // sign
      "PROXY TCP5 192.0.2.7 198.51.100.1 1 2\r\n",            // protocol
      "PROXY  TCP4 192.0.2.7 198.51.100.1 1 2\r\n",           // double space
      "PROXY TCP4 " + std::string(200, '1') + "\r\n",         // too long
      v2(2, 0x11, tcp4()),                                    // command
      std::string(kSignature) + "\x11\x11\x00\x0c" + tcp4(),  // version 1
      v2(1, 0x11, "short"),                                   // addresses cut
      v2(1, 0x41, tcp4()),                                    // family
      v2(1, 0x11, tcp4("\x20\x00\x09\x01")),                  // TLV longer than header
      v2(1, 0x11, tcp4("\x20")),                              // TLV cut
      std::string(kSignature) + "\x21\x11\xff\xff",           // 64 KiB announced
  };
  for (const std::string& bytes : hostile) {
    const auto header = parseProxyHeader(bytes);
    INFO(bytes);
    CHECK(header.state == State::kInvalid);
    CHECK_FALSE(header.problem.empty());
  }
  // The largest header accepted is bounded.
  CHECK(parseProxyHeader(v2(1, 0x11, tcp4(std::string(kMaxProxyHeaderBytes, '\0')))).state ==
        State::kInvalid);
}
