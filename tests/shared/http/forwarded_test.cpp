#include "shared/http/forwarded.h"

#include <catch2/catch.hpp>

using shared::http::ForwardingHeaders;
using shared::http::RequestOrigin;
using shared::http::resolveForwarded;
using shared::net::AddressSet;

namespace {

const AddressSet kTrusted = AddressSet::parse({"10.0.0.0/8", "fd00::/8"}).value();
const RequestOrigin kFromProxy{"10.0.0.2", "http", "docs.example"};
const RequestOrigin kFromClient{"198.51.100.9", "http", "docs.example"};

RequestOrigin resolve(const ForwardingHeaders& headers, const RequestOrigin& direct = kFromProxy) {
  return resolveForwarded(direct, headers, kTrusted).origin;
}

}  // namespace

TEST_CASE("x-forwarded-for from a trusted proxy names the client, skipping trusted hops",
          "[http][forwarded]") {
  auto origin = resolve({.x_forwarded_for = {"203.0.113.5, 10.1.1.1"}});
  CHECK(origin.client == "203.0.113.5");
  // Several header lines count as one list; a spoofed left part is never reached.
  origin = resolve({.x_forwarded_for = {"1.2.3.4", "203.0.113.5", "10.9.9.9"}});
  CHECK(origin.client == "203.0.113.5");
  origin = resolve({.x_forwarded_for = {"[2001:db8::7]:4711"}});
  CHECK(origin.client == "2001:db8::7");
  origin = resolve({.forwarded = {R"(for="[::ffff:203.0.113.6]")"}});
  CHECK(origin.client == "203.0.113.6");
  origin = resolve({.forwarded = {R"(for="[203.0.113.6]")"}});  // brackets hold IPv6 only
  CHECK(origin.client == "10.0.0.2");
  origin = resolve({.x_forwarded_for = {"2001:db8::8"}});
  CHECK(origin.client == "2001:db8::8");
  origin = resolve({.x_forwarded_for = {"203.0.113.5:555"}});
  CHECK(origin.client == "203.0.113.5");
  // Every hop trusted: the leftmost is as far as anyone can tell.
  origin = resolve({.x_forwarded_for = {"10.3.3.3, 10.4.4.4"}});
  CHECK(origin.client == "10.3.3.3");
}

TEST_CASE("forwarding headers from an untrusted peer change nothing", "[http][forwarded]") {
  const auto result = resolveForwarded(kFromClient,
                                       {.forwarded = {"for=1.2.3.4;proto=https;host=evil"},
                                        .x_forwarded_for = {"1.2.3.4"},
                                        .x_forwarded_proto = {"https"},
                                        .x_forwarded_host = {"evil.example"}},
                                       kTrusted);
  CHECK(result.origin.client == "198.51.100.9");
  CHECK(result.origin.scheme == "http");
  CHECK(result.origin.host == "docs.example");
  CHECK_FALSE(result.forwarded);
  CHECK(result.problem.empty());
}

TEST_CASE("x-forwarded-proto and -host give the scheme and host the client used",
          "[http][forwarded]") {
  auto origin = resolve({.x_forwarded_for = {"203.0.113.5"},
                         .x_forwarded_proto = {"HTTPS"},
                         .x_forwarded_host = {"mcp.example.org"}});
  CHECK(origin.scheme == "https");
  CHECK(origin.host == "mcp.example.org");
  // No X-Forwarded-For: the proxy still tells the scheme.
  origin = resolve({.x_forwarded_proto = {"https"}});
  CHECK(origin.scheme == "https");
  CHECK(origin.client == "10.0.0.2");
  // One value per hop: the client's hop counts.
  origin =
      resolve({.x_forwarded_for = {"203.0.113.5, 10.1.1.1"}, .x_forwarded_proto = {"https, http"}});
  CHECK(origin.scheme == "https");
}

TEST_CASE("forwarded (rfc 7239) names client, scheme and host, quoted or not",
          "[http][forwarded]") {
  auto origin = resolve({.forwarded = {"for=203.0.113.5;proto=https;host=mcp.example.org"}});
  CHECK(origin.client == "203.0.113.5");
  CHECK(origin.scheme == "https");
  CHECK(origin.host == "mcp.example.org");
  origin = resolve({.forwarded = {R"(for="[2001:db8:cafe::17]:4711";proto=https)"}});
  CHECK(origin.client == "2001:db8:cafe::17");
  origin =
      resolve({.forwarded = {"for=1.1.1.1, For=\"203.0.113.5:80\" ; Proto=https , for=10.2.2.2"}});
  CHECK(origin.client == "203.0.113.5");
  CHECK(origin.scheme == "https");
  // Forwarded wins over X-Forwarded-For when both are there.
  origin = resolve({.forwarded = {"for=203.0.113.5"}, .x_forwarded_for = {"198.51.100.1"}});
  CHECK(origin.client == "203.0.113.5");
}

TEST_CASE("an unknown or obfuscated hop ends the walk at the proxy that wrote it",
          "[http][forwarded]") {
  auto origin = resolve({.forwarded = {"for=unknown;proto=https"}});
  CHECK(origin.client == "10.0.0.2");
  CHECK(origin.scheme == "https");
  origin = resolve({.forwarded = {"for=203.0.113.5, for=_hidden, for=10.7.7.7"}});
  CHECK(origin.client == "10.7.7.7");
  origin = resolve({.forwarded = {"for=\"_gazonk:_port\""}});
  CHECK(origin.client == "10.0.0.2");
  origin = resolve({.x_forwarded_for = {"203.0.113.5, unknown"}});
  CHECK(origin.client == "10.0.0.2");
}

TEST_CASE("a malformed forwarding header is ignored as a whole, with the reason",
          "[http][forwarded]") {
  const std::vector<ForwardingHeaders> hostile = {
      {.forwarded = {"for=\"203.0.113.5"}},            // unterminated quote
      {.forwarded = {"for=[2001:db8::1]"}},            // brackets need quotes
      {.forwarded = {"for=203.0.113.5;for=1.2.3.4"}},  // a parameter twice
      {.forwarded = {"for=999.1.1.1"}},                // no address
      {.forwarded = {"for"}},                          // no value
      {.forwarded = {"for=\"[::1]:99999999\""}},       // port too long
      {.forwarded = {"for=1.2.3.4;proto=\"ht tp\""}},  // no scheme
      {.forwarded = {"for=1.2.3.4;host=\"a/b\""}},     // no host
      {.forwarded = {"for=\"1.2.3.4\r\nX: y\""}},      // control characters
      {.x_forwarded_for = {"203.0.113.5, <script>"}},  // no address
      {.x_forwarded_for = {"1.2.3.4"}, .x_forwarded_proto = {"https, http"}},  // counts differ
      {.x_forwarded_for = {"1.2.3.4"}, .x_forwarded_host = {"a b"}},
      {.x_forwarded_for = {std::string(10000, ',') + "1.2.3.4," + std::string(40, '1') +
                           ", 2.2.2.2"}},
  };
  for (const auto& headers : hostile) {
    const auto result = resolveForwarded(kFromProxy, headers, kTrusted);
    CHECK(result.origin.client == "10.0.0.2");
    CHECK(result.origin.scheme == "http");
    CHECK(result.origin.host == "docs.example");
    CHECK_FALSE(result.problem.empty());
  }
  // Too many hops: refused rather than walked.
  std::string chain;
  for (int i = 0; i < 40; ++i) chain += "10.0.0." + std::to_string(i) + ",";
  const auto result = resolveForwarded(kFromProxy, {.x_forwarded_for = {chain}}, kTrusted);
  CHECK(result.origin.client == "10.0.0.2");
  CHECK_THAT(result.problem, Catch::Contains("too many"));
}

TEST_CASE("a malformed forwarded header falls back to x-forwarded-for", "[http][forwarded]") {
  const auto result = resolveForwarded(
      kFromProxy, {.forwarded = {"for=\"oops"}, .x_forwarded_for = {"203.0.113.5"}}, kTrusted);
  CHECK(result.origin.client == "203.0.113.5");
  CHECK_THAT(result.problem, Catch::Contains("Forwarded"));
}
