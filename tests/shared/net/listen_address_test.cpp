#include "shared/net/listen_address.h"

#include <Poco/Net/StreamSocket.h>

#include <catch2/catch.hpp>

using shared::Status;
using shared::net::chooseListenAddress;
using shared::net::HostPort;

namespace {
Status ipv6Works() {
  return Status::ok();
}
Status ipv6Refused() {
  return Status::fromErrno("ipv6 socket", EAFNOSUPPORT);
}
}  // namespace

TEST_CASE("an empty host listens dual-stack on [::] where IPv6 works", "[net]") {
  const auto chosen = chooseListenAddress({"", 8443}, ipv6Works);
  REQUIRE(chosen);
  CHECK(chosen->address.toString() == "[::]:8443");
  CHECK(chosen->wildcard);
  CHECK(chosen->dual_stack);
  CHECK(chosen->ipv6_error.empty());
}

TEST_CASE("a wildcard falls back to 0.0.0.0 and keeps the reason when IPv6 is refused", "[net]") {
  for (const std::string host : {"", "::"}) {
    const auto chosen = chooseListenAddress({host, 8443}, ipv6Refused);
    REQUIRE(chosen);
    CHECK(chosen->address.toString() == "0.0.0.0:8443");
    CHECK_FALSE(chosen->dual_stack);
    CHECK(chosen->ipv6_error == "ipv6 socket: Address family not supported by protocol");
  }
}

TEST_CASE("ip literals are used as written and never resolved", "[net]") {
  bool asked = false;
  const auto probe = [&asked] {
    asked = true;
    return Status::ok();
  };
  CHECK(chooseListenAddress({"0.0.0.0", 80}, probe)->address.toString() == "0.0.0.0:80");
  CHECK(chooseListenAddress({"127.0.0.1", 80}, probe)->address.toString() == "127.0.0.1:80");
  CHECK(chooseListenAddress({"::1", 80}, probe)->address.toString() == "[::1]:80");
  CHECK_FALSE(chooseListenAddress({"::1", 80}, probe)->wildcard);
  CHECK_FALSE(asked);
}

TEST_CASE("a host name that does not resolve is an error naming it", "[net]") {
  const auto chosen = chooseListenAddress({"no-such-host.invalid", 80});
  REQUIRE_FALSE(chosen);
  CHECK_THAT(chosen.status().message(), Catch::StartsWith("resolve \"no-such-host.invalid\": "));
}

TEST_CASE("a wildcard listener accepts IPv4 clients on 127.0.0.1", "[net]") {
  Poco::Net::ServerSocket server;
  shared::net::bindListener(server, {"", 0}, "test.net");
  server.listen(4);
  Poco::Net::StreamSocket client(
      Poco::Net::SocketAddress(shared::net::localConnectHost(""), server.address().port()));
  Poco::Net::StreamSocket accepted = server.acceptConnection();
  CHECK(accepted.peerAddress().port() == client.address().port());
}

TEST_CASE("local clients reach wildcard listeners over 127.0.0.1", "[net]") {
  CHECK(shared::net::localConnectHost("") == "127.0.0.1");
  CHECK(shared::net::localConnectHost("::") == "127.0.0.1");
  CHECK(shared::net::localConnectHost("0.0.0.0") == "127.0.0.1");
  CHECK(shared::net::localConnectHost("::1") == "::1");
}
