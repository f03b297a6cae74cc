#include "mcpd/protocol/resource_subscriptions.h"

#include <catch2/catch.hpp>

#include "tests/mcpd/support/session_driver.h"

using mcpd::protocol::OutboundChannel;
using mcpd::protocol::ResourceSubscriptions;
using protocol_testing::parseObject;
using protocol_testing::RecordingSink;

namespace {

// A channel with a recording stream attached.
struct Subscriber {
  std::shared_ptr<OutboundChannel> channel = std::make_shared<OutboundChannel>();
  std::shared_ptr<RecordingSink> sink = std::make_shared<RecordingSink>();
  Subscriber() { REQUIRE(channel->attach(sink)); }
};

}  // namespace

TEST_CASE("resource subscriptions notify each subscriber of the changed uri once", "[protocol]") {
  ResourceSubscriptions subscriptions;
  Subscriber a, b;
  subscriptions.subscribe("test://x", a.channel);
  subscriptions.subscribe("test://x", a.channel);  // twice is once
  subscriptions.subscribe("test://x", b.channel);
  subscriptions.subscribe("test://y", b.channel);

  CHECK(subscriptions.publish("test://x") == 2);
  REQUIRE(a.sink->messages().size() == 1);
  const auto update = parseObject(a.sink->messages()[0]);
  CHECK(update->getValue<std::string>("method") == "notifications/resources/updated");
  CHECK(update->getObject("params")->getValue<std::string>("uri") == "test://x");
  CHECK(b.sink->messages().size() == 1);
  CHECK(subscriptions.publish("test://nobody") == 0);
}

TEST_CASE("resource subscriptions stop after unsubscribe", "[protocol]") {
  ResourceSubscriptions subscriptions;
  Subscriber a;
  subscriptions.subscribe("test://x", a.channel);
  subscriptions.subscribe("test://y", a.channel);
  subscriptions.unsubscribe("test://x", a.channel.get());
  CHECK(subscriptions.publish("test://x") == 0);
  CHECK(subscriptions.count("test://y") == 1);
  subscriptions.unsubscribeAll(a.channel.get());
  CHECK(subscriptions.publish("test://y") == 0);
  CHECK(a.sink->messages().empty());
}

TEST_CASE("resource subscriptions skip and forget a session that ended without unsubscribing",
          "[protocol]") {
  ResourceSubscriptions subscriptions;
  Subscriber kept;
  subscriptions.subscribe("test://x", kept.channel);
  {
    Subscriber gone;
    subscriptions.subscribe("test://x", gone.channel);
    CHECK(subscriptions.count("test://x") == 2);
  }
  CHECK(subscriptions.count("test://x") == 1);
  CHECK(subscriptions.publish("test://x") == 1);
}

TEST_CASE("resource subscriptions count a subscriber without an open stream as not told",
          "[protocol]") {
  ResourceSubscriptions subscriptions;
  auto channel = std::make_shared<OutboundChannel>();  // no stream attached
  subscriptions.subscribe("test://x", channel);
  CHECK(subscriptions.publish("test://x") == 0);
  CHECK(subscriptions.count("test://x") == 1);
}
