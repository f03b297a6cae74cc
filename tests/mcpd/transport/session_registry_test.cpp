// SessionRegistry's limits and idle expiry, seen through the HTTP transports that enforce
// them (429 per client, 503 in total, 404 once a session has expired).

#include "mcpd/transport/session_registry.h"

#include <catch2/catch.hpp>
#include <chrono>

#include "tests/mcpd/support/http_test_client.h"

using namespace std::chrono_literals;
using testing::HttpReply;
using testing::initializeBody;
using testing::postMcp;
using testing::requireJsonRpcError;
using testing::SseReader;
using testing::TestHttpStack;

TEST_CASE("a full session table evicts its least recently used idle session", "[transport]") {
  TestHttpStack stack({.limits = {.max_sessions = 2}});
  const std::string older = testing::openSession(stack.port());
  const std::string newer = testing::openSession(stack.port());
  stack.clock().advance(1s);
  REQUIRE(postMcp(stack.port(), testing::requestBody("1", "ping"), older).status == 200);

  const HttpReply third = postMcp(stack.port(), initializeBody());

  CHECK(third.status == 200);
  CHECK(third.has("Mcp-Session-Id"));
  CHECK(stack.registry().size() == 2);
  CHECK(stack.registry().evicted() == 1);
  CHECK(postMcp(stack.port(), testing::requestBody("2", "ping"), older).status == 200);
  const HttpReply gone = postMcp(stack.port(), testing::requestBody("3", "ping"), newer);
  CHECK(gone.status == 404);
  CHECK(requireJsonRpcError(gone.body) == -32001);
}

TEST_CASE("a session never used after initialize is evicted before a used one", "[transport]") {
  TestHttpStack stack({.limits = {.max_sessions = 2}});
  const std::string used = testing::openSession(stack.port());
  const HttpReply unused = postMcp(stack.port(), initializeBody());
  REQUIRE(unused.status == 200);

  REQUIRE(postMcp(stack.port(), initializeBody()).status == 200);

  CHECK(postMcp(stack.port(), testing::requestBody("1", "ping"), used).status == 200);
  CHECK(postMcp(stack.port(), testing::requestBody("2", "ping"), unused.header("Mcp-Session-Id"))
            .status == 404);
}

TEST_CASE("a session never used after initialize expires after the short timeout", "[transport]") {
  TestHttpStack stack({.limits = {.idle_timeout = 30min, .unused_timeout = 1min}});
  const std::string used = testing::openSession(stack.port());
  REQUIRE(postMcp(stack.port(), initializeBody()).status == 200);

  stack.clock().advance(2min);

  CHECK(stack.registry().expireIdle() == 1);
  CHECK(postMcp(stack.port(), testing::requestBody("1", "ping"), used).status == 200);
}

TEST_CASE("streamable http answers 503 when every session in a full table is busy", "[transport]") {
  TestHttpStack stack({.limits = {.max_sessions = 1}});
  const std::string id = testing::openSession(stack.port());
  const auto held = stack.registry().find(id);  // as a request in flight holds it
  REQUIRE(held);

  const HttpReply refused = postMcp(stack.port(), initializeBody());

  CHECK(refused.status == 503);
  CHECK_FALSE(refused.has("Mcp-Session-Id"));
  CHECK(requireJsonRpcError(refused.body) == -32000);
}

TEST_CASE("legacy sse sessions have their own cap and never evict", "[transport]") {
  TestHttpStack stack({.limits = {.max_sessions = 1, .max_legacy_sessions = 1}});
  testing::openSession(stack.port());
  SseReader first(stack.port());
  REQUIRE(first.status() == 200);
  REQUIRE(first.nextEvent());

  SseReader second(stack.port());
  CHECK(second.status() == 503);
  requireJsonRpcError(second.readBody());
  // Streamable HTTP still opens sessions (evicting its own idle one), whatever SSE holds.
  CHECK(postMcp(stack.port(), initializeBody()).status == 200);
}

TEST_CASE("streamable http answers an initialize beyond max_per_client with 429", "[transport]") {
  TestHttpStack stack({.limits = {.max_per_client = 1}});
  REQUIRE(postMcp(stack.port(), initializeBody()).status == 200);

  const HttpReply second = postMcp(stack.port(), initializeBody());

  CHECK(second.status == 429);
  CHECK_FALSE(second.has("Mcp-Session-Id"));
  CHECK(requireJsonRpcError(second.body) == -32000);
  CHECK(stack.registry().size() == 1);
}

TEST_CASE("per-client caps count an IPv6 /64 as one client", "[transport]") {
  shared::ManualClock clock{shared::Clock::TimePoint{}};
  mcpd::transport::SessionRegistry registry({.max_per_client = 2}, clock);
  auto session = [] { return std::unique_ptr<mcpd::protocol::Session>(); };
  using Refusal = mcpd::transport::SessionRegistry::Refusal;
  CHECK_FALSE(std::holds_alternative<Refusal>(registry.add("2001:db8:0:1::1", session())));
  CHECK_FALSE(std::holds_alternative<Refusal>(registry.add("2001:db8:0:1::ffff:2", session())));
  const auto third = registry.add("2001:db8:0:1:8000::3", session());
  REQUIRE(std::holds_alternative<Refusal>(third));
  CHECK(std::get<Refusal>(third) == Refusal::kClientFull);
  CHECK_FALSE(std::holds_alternative<Refusal>(registry.add("2001:db8:0:2::1", session())));
  CHECK_FALSE(std::holds_alternative<Refusal>(registry.add("192.0.2.1", session())));
  CHECK_FALSE(std::holds_alternative<Refusal>(registry.add("::ffff:192.0.2.1", session())));
  CHECK(std::holds_alternative<Refusal>(registry.add("192.0.2.1", session())));
}

TEST_CASE("a deleted session no longer counts against max_per_client", "[transport]") {
  TestHttpStack stack({.limits = {.max_per_client = 1}});
  const std::string id = testing::openSession(stack.port());
  REQUIRE(postMcp(stack.port(), initializeBody()).status == 429);

  REQUIRE(
      testing::sendHttp(stack.port(),
                        {.method = "DELETE", .path = "/mcp", .headers = {{"Mcp-Session-Id", id}}})
          .status == 200);

  CHECK(postMcp(stack.port(), initializeBody()).status == 200);
}

TEST_CASE("legacy sse answers a GET /sse beyond the session limits with 503 or 429",
          "[transport]") {
  SECTION("max_legacy_sessions") {
    TestHttpStack stack({.limits = {.max_legacy_sessions = 1}});
    SseReader first(stack.port());
    REQUIRE(first.status() == 200);
    SseReader reader(stack.port());
    CHECK(reader.status() == 503);
    requireJsonRpcError(reader.readBody());
    CHECK(stack.context().open_streams.load() == 1);
  }
  SECTION("max_per_client") {
    TestHttpStack stack({.limits = {.max_per_client = 1}});
    SseReader first(stack.port());
    REQUIRE(first.status() == 200);
    SseReader reader(stack.port());
    CHECK(reader.status() == 429);
    requireJsonRpcError(reader.readBody());
    CHECK(stack.context().open_streams.load() == 1);
  }
}

TEST_CASE("an idle streamable session expires and then answers 404, an open SSE session stays",
          "[transport]") {
  TestHttpStack stack({.limits = {.idle_timeout = 30min}});
  const std::string streamable = testing::openSession(stack.port());
  SseReader reader(stack.port());
  REQUIRE(reader.status() == 200);
  const auto endpoint = reader.nextEvent();
  REQUIRE(endpoint);
  REQUIRE(stack.registry().size() == 2);

  stack.clock().advance(29min);
  CHECK(stack.registry().expireIdle() == 0);
  stack.clock().advance(2min);
  CHECK(stack.registry().expireIdle() == 1);

  const HttpReply expired = postMcp(stack.port(), testing::requestBody("1", "ping"), streamable);
  CHECK(expired.status == 404);
  requireJsonRpcError(expired.body);

  // The legacy session lives as long as its stream: it still takes messages.
  CHECK(stack.registry().size() == 1);
  const HttpReply accepted =
      testing::sendHttp(stack.port(), {.method = "POST",
                                       .path = endpoint->data,
                                       .headers = {{"Content-Type", "application/json"}},
                                       .body = initializeBody(8, "2024-11-05")});
  CHECK(accepted.status == 202);
  const auto reply = reader.nextEvent();
  REQUIRE(reply);
  CHECK(testing::parseObject(reply->data)->getValue<int>("id") == 8);
}

TEST_CASE("using a streamable session resets its idle timer", "[transport]") {
  TestHttpStack stack({.limits = {.idle_timeout = 30min}});
  const std::string id = testing::openSession(stack.port());

  stack.clock().advance(20min);
  REQUIRE(postMcp(stack.port(), testing::requestBody("1", "ping"), id).status == 200);
  stack.clock().advance(20min);

  CHECK(stack.registry().expireIdle() == 0);
  CHECK(postMcp(stack.port(), testing::requestBody("2", "ping"), id).status == 200);
}

TEST_CASE("an expired session no longer counts against max_per_client", "[transport]") {
  TestHttpStack stack({.limits = {.max_per_client = 1, .idle_timeout = 1min}});
  testing::openSession(stack.port());
  REQUIRE(postMcp(stack.port(), initializeBody()).status == 429);

  stack.clock().advance(2min);
  REQUIRE(stack.registry().expireIdle() == 1);

  CHECK(postMcp(stack.port(), initializeBody()).status == 200);
}

TEST_CASE("a registry with a replica name starts every session id with it", "[transport]") {
  mcpd::transport::SessionRegistry named({}, shared::SystemClock::instance(), "mcpd-2");
  auto added = named.add("127.0.0.1", nullptr);
  REQUIRE(std::holds_alternative<std::shared_ptr<mcpd::transport::SessionEntry>>(added));
  const std::string id = std::get<std::shared_ptr<mcpd::transport::SessionEntry>>(added)->id;
  CHECK(id.starts_with("mcpd-2."));
  CHECK(id.size() == 7 + 32);
  CHECK(named.find(id) != nullptr);

  mcpd::transport::SessionRegistry unnamed({}, shared::SystemClock::instance());
  auto plain =
      std::get<std::shared_ptr<mcpd::transport::SessionEntry>>(unnamed.add("::1", nullptr));
  CHECK(plain->id.size() == 32);
  CHECK(plain->id.find('.') == std::string::npos);
}
