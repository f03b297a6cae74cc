#include "shared/http/client_limit.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <catch2/catch.hpp>
#include <string>

using shared::http::clientKey;
using shared::http::ClientLimit;

namespace {

std::string keyOf(const char* text) {
  sockaddr_in6 v6{};
  sockaddr_in v4{};
  if (inet_pton(AF_INET, text, &v4.sin_addr) == 1) {
    v4.sin_family = AF_INET;
    return clientKey(reinterpret_cast<sockaddr*>(&v4));
  }
  REQUIRE(inet_pton(AF_INET6, text, &v6.sin6_addr) == 1);
  v6.sin6_family = AF_INET6;
  return clientKey(reinterpret_cast<sockaddr*>(&v6));
}

}  // namespace

TEST_CASE("a client is an IPv4 address or an IPv6 /64", "[http]") {
  CHECK(keyOf("192.0.2.7") == "192.0.2.7");
  CHECK(keyOf("::ffff:192.0.2.7") == "192.0.2.7");
  CHECK(keyOf("2001:db8:1:2::1") == keyOf("2001:db8:1:2:ffff:1:2:3"));
  CHECK(keyOf("2001:db8:1:2::1") == "2001:db8:1:2::/64");
  CHECK(keyOf("2001:db8:1:3::1") != keyOf("2001:db8:1:2::1"));
}

TEST_CASE("the client limit refuses past the cap and frees places as slots go", "[http]") {
  ClientLimit limit(2);
  bool refused = false;
  auto a = limit.acquire("x", &refused);
  CHECK_FALSE(refused);
  {
    auto b = limit.acquire("x", &refused);
    CHECK_FALSE(refused);
    auto c = limit.acquire("x", &refused);
    CHECK(refused);
    auto other = limit.acquire("y", &refused);
    CHECK_FALSE(refused);
    CHECK(limit.open("x") == 2);
  }
  CHECK(limit.open("x") == 1);
  CHECK(limit.open("y") == 0);
}
