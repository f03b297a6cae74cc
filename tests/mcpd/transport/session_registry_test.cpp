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

TEST_CASE("streamable http answers an initialize beyond max_sessions with 503", "[transport]") {
  TestHttpStack stack({.limits = {.max_sessions = 2}});
  REQUIRE(postMcp(stack.port(), initializeBody()).status == 200);
  REQUIRE(postMcp(stack.port(), initializeBody()).status == 200);

  const HttpReply third = postMcp(stack.port(), initializeBody());

  CHECK(third.status == 503);
  CHECK_FALSE(third.has("Mcp-Session-Id"));
  CHECK(requireJsonRpcError(third.body) == -32000);
  CHECK(stack.registry().size() == 2);
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
  SECTION("max_sessions") {
    TestHttpStack stack({.limits = {.max_sessions = 1}});
    testing::openSession(stack.port());
    SseReader reader(stack.port());
    CHECK(reader.status() == 503);
    requireJsonRpcError(reader.readBody());
    CHECK(stack.context().open_streams.load() == 0);
  }
  SECTION("max_per_client") {
    TestHttpStack stack({.limits = {.max_per_client = 1}});
    testing::openSession(stack.port());
    SseReader reader(stack.port());
    CHECK(reader.status() == 429);
    requireJsonRpcError(reader.readBody());
    CHECK(stack.context().open_streams.load() == 0);
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
