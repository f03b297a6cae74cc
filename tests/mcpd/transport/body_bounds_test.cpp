// What both transports do with a body before any parser builds a tree from it, and with
// requests that come in the wrong order or on the wrong transport: refusals carry an HTTP
// status and one JSON-RPC error, however many messages the body held.

#include <catch2/catch.hpp>

#include "tests/mcpd/support/http_test_client.h"

using testing::HttpReply;
using testing::initializeBody;
using testing::postMcp;
using testing::requestBody;
using testing::requireJsonRpcError;
using testing::sendHttp;
using testing::SseReader;
using testing::TestHttpStack;

namespace {

std::string emptyObjectsArray(std::size_t n) {
  std::string body = "[";
  for (std::size_t i = 0; i < n; ++i) body += i == 0 ? "{}" : ",{}";
  return body + "]";
}

// A Streamable HTTP session in a revision that still has batches.
std::string openBatchSession(std::uint16_t port) {
  const HttpReply init = postMcp(port, initializeBody(1, "2025-03-26"));
  REQUIRE(init.status == 200);
  const std::string id = init.header("Mcp-Session-Id");
  REQUIRE(postMcp(port, testing::notificationBody("notifications/initialized"), id).status == 202);
  return id;
}

HttpReply postToSession(std::uint16_t port, const std::string& path, const std::string& body) {
  return sendHttp(port, {.method = "POST",
                         .path = path,
                         .headers = {{"Content-Type", "application/json"}},
                         .body = body});
}

std::string legacyEndpoint(SseReader& reader) {
  REQUIRE(reader.status() == 200);
  const auto endpoint = reader.nextEvent();
  REQUIRE(endpoint);
  REQUIRE(endpoint->event == "endpoint");
  return endpoint->data;
}

}  // namespace

TEST_CASE("streamable http answers malformed JSON in a session with 400 and -32700",
          "[transport][bounds]") {
  TestHttpStack stack;
  const std::string id = testing::openSession(stack.port());

  const HttpReply reply = postMcp(stack.port(), R"({"jsonrpc":"2.0","id":1,)", id);

  CHECK(reply.status == 400);
  CHECK(requireJsonRpcError(reply.body) == -32700);
}

TEST_CASE("streamable http answers a batch past the cap with one error", "[transport][bounds]") {
  TestHttpStack stack;
  const std::string id = openBatchSession(stack.port());

  const HttpReply hostile = postMcp(stack.port(), emptyObjectsArray(1024 * 1024), id);

  CHECK(hostile.status == 413);
  CHECK(requireJsonRpcError(hostile.body) == -32600);
  CHECK(hostile.body.find("at most 100 messages") != std::string::npos);
  CHECK(hostile.body.size() < 200);

  std::string batch = "[";
  for (int i = 0; i < 100; ++i) batch += (i ? "," : "") + requestBody(std::to_string(i), "ping");
  const HttpReply fits = postMcp(stack.port(), batch + "]", id);
  CHECK(fits.status == 200);
  CHECK(fits.body.starts_with("[{"));
}

TEST_CASE("streamable http refuses a body with too many values before parsing it",
          "[transport][bounds]") {
  TestHttpStack stack({.transport = {.body_limits = {.max_values = 1000}}});
  const std::string id = testing::openSession(stack.port());
  std::string values = "[0";
  for (int i = 0; i < 2000; ++i) values += ",0";
  const HttpReply reply = postMcp(
      stack.port(),
      requestBody("1", "tools/call", R"({"name":"echo","arguments":{"v":)" + values + "]}}"), id);

  CHECK(reply.status == 413);
  CHECK(requireJsonRpcError(reply.body) == -32600);
}

TEST_CASE("a request without a session is small and never a batch", "[transport][bounds]") {
  TestHttpStack stack({.transport = {.max_body_without_session = 4096}});

  const HttpReply batch = postMcp(stack.port(), emptyObjectsArray(100));
  CHECK(batch.status == 400);
  CHECK(requireJsonRpcError(batch.body) == -32600);
  CHECK_FALSE(batch.has("Mcp-Session-Id"));

  const HttpReply big =
      postMcp(stack.port(), R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"x":")" +
                                std::string(8192, 'x') + R"("}})");
  CHECK(big.status == 413);
  requireJsonRpcError(big.body);

  CHECK(postMcp(stack.port(), initializeBody()).status == 200);
  CHECK(stack.registry().size() == 1);
}

TEST_CASE("streamable http does not take a legacy sse session id", "[transport][bounds]") {
  TestHttpStack stack;
  SseReader reader(stack.port());
  const std::string endpoint = legacyEndpoint(reader);
  const std::string id = endpoint.substr(endpoint.find('=') + 1);

  const HttpReply reply = postMcp(stack.port(), requestBody("1", "ping"), id);

  CHECK(reply.status == 404);
  CHECK(requireJsonRpcError(reply.body) == -32001);
}

TEST_CASE("legacy sse does not take a streamable http session id", "[transport][bounds]") {
  TestHttpStack stack;
  const std::string id = testing::openSession(stack.port());

  const HttpReply reply =
      postToSession(stack.port(), "/message?sessionId=" + id, requestBody("1", "ping"));

  CHECK(reply.status == 404);
  CHECK(requireJsonRpcError(reply.body) == -32001);
}

TEST_CASE("legacy sse refuses requests but pings before initialize and takes one right after it",
          "[transport][bounds]") {
  TestHttpStack stack;
  SseReader reader(stack.port());
  const std::string endpoint = legacyEndpoint(reader);

  const HttpReply early = postToSession(stack.port(), endpoint, requestBody("1", "tools/list"));
  CHECK(early.status == 400);
  CHECK(requireJsonRpcError(early.body) == -32600);
  // The lifecycle lets a client ping before initialize; the pong travels on the stream.
  REQUIRE(postToSession(stack.port(), endpoint, requestBody("7", "ping")).status == 202);
  const auto pong = reader.nextEvent();
  REQUIRE(pong);
  CHECK(testing::parseObject(pong->data)->getValue<int>("id") == 7);
  CHECK(testing::parseObject(pong->data)->has("result"));

  REQUIRE(postToSession(stack.port(), endpoint, initializeBody(2, "2024-11-05")).status == 202);
  const auto init = reader.nextEvent();
  REQUIRE(init);
  CHECK(testing::parseObject(init->data)->has("result"));
  // Before notifications/initialized, as clients race it.
  CHECK(postToSession(stack.port(), endpoint, requestBody("3", "tools/list")).status == 202);
  const auto tools = reader.nextEvent();
  REQUIRE(tools);
  CHECK(testing::parseObject(tools->data)->getValue<int>("id") == 3);
}

TEST_CASE("legacy sse answers malformed JSON and hostile batches with one error",
          "[transport][bounds]") {
  TestHttpStack stack;
  SseReader reader(stack.port());
  const std::string endpoint = legacyEndpoint(reader);
  REQUIRE(postToSession(stack.port(), endpoint, initializeBody(1, "2024-11-05")).status == 202);

  const HttpReply malformed = postToSession(stack.port(), endpoint, "{\"jsonrpc\":");
  CHECK(malformed.status == 400);
  CHECK(requireJsonRpcError(malformed.body) == -32700);

  const HttpReply hostile = postToSession(stack.port(), endpoint, emptyObjectsArray(100000));
  CHECK(hostile.status == 413);
  CHECK(requireJsonRpcError(hostile.body) == -32600);
}

TEST_CASE("an undecodable sessionId is answered with 400 and a JSON-RPC error",
          "[transport][bounds]") {
  TestHttpStack stack;

  // The HTTP layer refuses a request target it cannot decode before any transport sees it.
  const HttpReply reply =
      postToSession(stack.port(), "/message?sessionId=%zz", requestBody("1", "ping"));

  CHECK(reply.status == 400);
  requireJsonRpcError(reply.body);
}

TEST_CASE("a stateless 2026-07-28 body gets the same verdicts from its one parse",
          "[transport][bounds]") {
  TestHttpStack stack({.transport = {.body_limits = {.max_values = 1000}}});
  const testing::Headers modern = {{"MCP-Protocol-Version", "2026-07-28"}};

  const HttpReply malformed = postMcp(stack.port(), R"({"jsonrpc":"2.0","id":1,)", "", modern);
  CHECK(malformed.status == 400);
  CHECK(requireJsonRpcError(malformed.body) == -32700);

  std::string values = "[0";
  for (int i = 0; i < 2000; ++i) values += ",0";
  const HttpReply many = postMcp(
      stack.port(),
      requestBody("1", "tools/call", R"({"name":"echo","arguments":{"v":)" + values + "]}}"), "",
      modern);
  CHECK(many.status == 413);
  CHECK(requireJsonRpcError(many.body) == -32600);
}
