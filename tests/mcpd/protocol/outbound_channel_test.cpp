#include "mcpd/protocol/outbound_channel.h"

#include <catch2/catch.hpp>

#include "tests/mcpd/support/session_driver.h"

using mcpd::protocol::OutboundChannel;
using protocol_testing::RecordingSink;

TEST_CASE("an outbound channel drops messages until a stream is attached", "[protocol]") {
  OutboundChannel channel;
  CHECK_FALSE(channel.send("lost"));
  auto sink = std::make_shared<RecordingSink>();
  REQUIRE(channel.attach(sink));
  CHECK(channel.send("one"));
  CHECK(sink->messages() == std::vector<std::string>{"one"});
}

TEST_CASE("an outbound channel takes one stream at a time", "[protocol]") {
  OutboundChannel channel;
  auto first = std::make_shared<RecordingSink>();
  auto second = std::make_shared<RecordingSink>();
  REQUIRE(channel.attach(first));
  CHECK_FALSE(channel.attach(second));
  channel.detach(second.get());  // not the attached one: no effect
  CHECK(channel.attached());
  channel.detach(first.get());
  CHECK_FALSE(channel.attached());
  CHECK(channel.attach(second));
}

TEST_CASE("an outbound channel detaches a stream that fails", "[protocol]") {
  OutboundChannel channel;
  auto sink = std::make_shared<RecordingSink>();
  REQUIRE(channel.attach(sink));
  sink->failWrites();
  CHECK_FALSE(channel.send("x"));
  CHECK_FALSE(channel.attached());
}

TEST_CASE("a closed outbound channel refuses streams", "[protocol]") {
  OutboundChannel channel;
  auto sink = std::make_shared<RecordingSink>();
  REQUIRE(channel.attach(sink));
  channel.close();
  CHECK_FALSE(channel.attached());
  CHECK_FALSE(channel.attach(sink));
  CHECK_FALSE(channel.send("x"));
}
