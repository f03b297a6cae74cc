// RequestGuard's DNS-rebinding and cross-site checks, applied by the router to every MCP
// endpoint (and never to /healthz), over the real HTTP stack.

#include "mcpd/http/request_guard.h"

#include <catch2/catch.hpp>
#include <string>

#include "tests/mcpd/support/http_test_client.h"

using testing::HttpReply;
using testing::initializeBody;
using testing::postMcp;
using testing::requireJsonRpcError;
using testing::sendHttp;
using testing::TestHttpStack;

namespace {

HttpReply initializeWith(const TestHttpStack& stack, const testing::Headers& headers) {
  return postMcp(stack.port(), initializeBody(), "", headers);
}

}  // namespace

TEST_CASE("the guard on a loopback listener refuses a foreign Host with 403", "[transport]") {
  TestHttpStack stack;

  const HttpReply reply = initializeWith(stack, {{"Host", "evil.example"}});

  CHECK(reply.status == 403);
  requireJsonRpcError(reply.body);
  CHECK(stack.registry().size() == 0);
}

TEST_CASE("the guard on a loopback listener accepts localhost and 127.0.0.1 with the port",
          "[transport]") {
  TestHttpStack stack;
  const std::string port = std::to_string(stack.port());

  for (const std::string& host :
       {"localhost:" + port, "127.0.0.1:" + port, "LOCALHOST:" + port, "[::1]:" + port}) {
    INFO("Host: " << host);
    CHECK(initializeWith(stack, {{"Host", host}}).status == 200);
  }
}

TEST_CASE("the guard refuses a host name that only looks like a loopback address", "[transport]") {
  TestHttpStack stack;
  const std::string port = std::to_string(stack.port());

  // A DNS-rebinding attacker controls names like these and can point them at 127.0.0.1.
  for (const std::string& host : {"127.evil.example:" + port, "127.0.0.1.nip.io:" + port,
                                  std::string("localhost.evil.example")}) {
    INFO("Host: " << host);
    const HttpReply reply = initializeWith(stack, {{"Host", host}});
    CHECK(reply.status == 403);
  }
  const HttpReply origin = initializeWith(stack, {{"Origin", "http://127.evil.example:" + port}});
  CHECK(origin.status == 403);
}

TEST_CASE("the guard refuses a foreign Origin with 403", "[transport]") {
  TestHttpStack stack;

  for (const std::string origin :
       {"http://evil.example", "https://evil.example:3000", "null", "file://"}) {
    INFO("Origin: " << origin);
    const HttpReply reply = initializeWith(stack, {{"Origin", origin}});
    CHECK(reply.status == 403);
    requireJsonRpcError(reply.body);
  }
  CHECK(stack.registry().size() == 0);
}

TEST_CASE("the guard accepts a loopback Origin", "[transport]") {
  TestHttpStack stack;

  for (const std::string origin :
       {"http://localhost:3000", "http://127.0.0.1:8080", "https://localhost"}) {
    INFO("Origin: " << origin);
    CHECK(initializeWith(stack, {{"Origin", origin}}).status == 200);
  }
}

TEST_CASE("the guard accepts an Origin listed in allowed_origins", "[transport]") {
  TestHttpStack stack({.allowed_origins = {"https://app.example"}});

  CHECK(initializeWith(stack, {{"Origin", "https://app.example"}}).status == 200);
  CHECK(initializeWith(stack, {{"Origin", "https://other.example"}}).status == 403);
}

TEST_CASE("the guard accepts any Origin when allowed_origins has *", "[transport]") {
  TestHttpStack stack({.allowed_origins = {"*"}});

  CHECK(initializeWith(stack, {{"Origin", "https://anything.example"}}).status == 200);
}

TEST_CASE("the guard accepts only listed Hosts when allowed_hosts is set", "[transport]") {
  TestHttpStack stack({.allowed_hosts = {"mcp.example"}});

  CHECK(initializeWith(stack, {{"Host", "mcp.example:443"}}).status == 200);
  CHECK(initializeWith(stack, {{"Host", "localhost"}}).status == 403);
}

TEST_CASE("the guard on a non-loopback listener accepts any Host", "[transport]") {
  TestHttpStack stack({.loopback_listener = false});

  CHECK(initializeWith(stack, {{"Host", "evil.example"}}).status == 200);
  CHECK(initializeWith(stack, {{"Host", "mcp.example:8443"}}).status == 200);
  // An Origin of the same host as the request is same-origin.
  CHECK(
      initializeWith(stack, {{"Host", "mcp.example"}, {"Origin", "https://mcp.example"}}).status ==
      200);
  CHECK(
      initializeWith(stack, {{"Host", "mcp.example"}, {"Origin", "https://evil.example"}}).status ==
      403);
}

TEST_CASE("the guard protects the legacy SSE endpoints too", "[transport]") {
  TestHttpStack stack;

  testing::SseReader stream(stack.port(), "/sse", {{"Host", "evil.example"}});
  CHECK(stream.status() == 403);
  requireJsonRpcError(stream.readBody());

  const HttpReply message = sendHttp(
      stack.port(),
      {.method = "POST",
       .path = "/message?sessionId=x",
       .headers = {{"Origin", "http://evil.example"}, {"Content-Type", "application/json"}},
       .body = initializeBody()});
  CHECK(message.status == 403);
  requireJsonRpcError(message.body);
}

TEST_CASE("the guard never applies to /healthz", "[transport]") {
  TestHttpStack stack;

  const HttpReply reply = sendHttp(
      stack.port(), {.path = "/healthz",
                     .headers = {{"Host", "evil.example"}, {"Origin", "http://evil.example"}}});

  CHECK(reply.status == 200);
  CHECK(reply.body == "ok\n");
}

TEST_CASE("the guard reads an Origin strictly: user info cannot smuggle in localhost",
          "[transport]") {
  TestHttpStack stack;

  for (const std::string& origin :
       {std::string("http://evil.example\\@localhost"),
        std::string("http://evil.example@localhost"), std::string("http://localhost/path")}) {
    INFO("Origin: " << origin);
    const HttpReply reply = initializeWith(stack, {{"Origin", origin}});
    CHECK(reply.status == 403);
    requireJsonRpcError(reply.body);
  }
  CHECK(initializeWith(stack, {{"Origin", "http://localhost:3000"}}).status == 200);
}

TEST_CASE("a Host with user info is refused before any handler", "[transport]") {
  TestHttpStack stack;

  const HttpReply reply = initializeWith(stack, {{"Host", "localhost:80@evil"}});

  CHECK(reply.status == 400);
  requireJsonRpcError(reply.body);
  CHECK(stack.registry().size() == 0);
}
