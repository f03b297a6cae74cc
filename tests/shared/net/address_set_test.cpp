#include "shared/net/address_set.h"

#include <catch2/catch.hpp>

using shared::net::AddressSet;
using shared::net::parseIp;

namespace {

bool has(const AddressSet& set, const char* ip) {
  const auto parsed = parseIp(ip);
  REQUIRE(parsed);
  return set.contains(*parsed);
}

}  // namespace

TEST_CASE("trusted proxies hold addresses and networks of both families", "[net]") {
  const auto set = AddressSet::parse({"10.0.0.0/8", "192.0.2.7", "fd00::/8", "2001:db8::1"});
  REQUIRE(set);
  CHECK(has(*set, "10.255.1.2"));
  CHECK_FALSE(has(*set, "11.0.0.1"));
  CHECK(has(*set, "192.0.2.7"));
  CHECK_FALSE(has(*set, "192.0.2.8"));
  CHECK(has(*set, "fd12:3456::1"));
  CHECK_FALSE(has(*set, "fe80::1"));
  CHECK(has(*set, "2001:db8::1"));
  CHECK_FALSE(has(*set, "2001:db8::2"));
}

TEST_CASE("an IPv4-mapped IPv6 peer matches as its IPv4 address", "[net]") {
  const auto set = AddressSet::parse({"127.0.0.0/8"});
  REQUIRE(set);
  CHECK(has(*set, "::ffff:127.0.0.1"));
  CHECK_FALSE(has(*set, "::1"));
}

TEST_CASE("prefixes that do not end on a byte boundary match exactly their bits", "[net]") {
  const auto set = AddressSet::parse({"172.16.0.0/12", "0.0.0.0/0"});
  REQUIRE(set);
  CHECK(has(*set, "172.31.255.255"));
  CHECK(has(*set, "8.8.8.8"));  // /0: every IPv4 address
  const auto narrow = AddressSet::parse({"172.16.0.0/12"});
  CHECK_FALSE(has(*narrow, "172.32.0.0"));
  CHECK_FALSE(has(*narrow, "::1"));
}

TEST_CASE("a trusted proxy that is no address or network is refused by name", "[net]") {
  for (const char* bad : {"10.0.0.0/33", "fd00::/129", "proxy.example", "10.0.0.0/", "10.0.0.0/8x",
                          "[::1]", "10.0.0.1:80", "", "10.0.0.0/-1"}) {
    const auto set = AddressSet::parse({bad});
    REQUIRE_FALSE(set);
    CHECK_THAT(set.status().message(), Catch::Contains(std::string("\"") + bad + "\""));
  }
  CHECK(AddressSet::parse({}).value().empty());
}
