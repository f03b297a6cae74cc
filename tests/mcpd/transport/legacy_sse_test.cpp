// The legacy HTTP+SSE transport (GET /sse, POST /message) over the real HTTP stack: the
// rules of mcpd/transport/legacy_sse.h, the stream cap and shutdown.

#include "mcpd/transport/legacy_sse.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "tests/mcpd/support/http_test_client.h"

using namespace std::chrono_literals;
using testing::HttpCall;
using testing::HttpReply;
using testing::initializeBody;
using testing::parseObject;
using testing::requireJsonRpcError;
using testing::sendHttp;
using testing::SseReader;
using testing::TestHttpStack;

namespace {

constexpr const char* kEndpointPrefix = "/message?sessionId=";

// Reads the endpoint event that opens every legacy stream and returns the POST path.
std::string readEndpoint(SseReader& reader) {
  REQUIRE(reader.status() == 200);
  const auto endpoint = reader.nextEvent();
  REQUIRE(endpoint);
  REQUIRE(endpoint->event == "endpoint");
  REQUIRE(endpoint->data.starts_with(kEndpointPrefix));
  return endpoint->data;
}

HttpReply postMessage(std::uint16_t port, const std::string& path, const std::string& body,
                      const std::string& content_type = "application/json") {
  return sendHttp(
      port,
      {.method = "POST", .path = path, .headers = {{"Content-Type", content_type}}, .body = body});
}

}  // namespace

TEST_CASE("legacy sse opens a stream whose first event is the endpoint to POST to", "[transport]") {
  const bool hub = GENERATE(false, true);
  INFO((hub ? "streams on the SSE hub" : "streams on worker threads"));
  TestHttpStack stack({.sse_hub = hub});

  SseReader reader(stack.port(), "/sse", {{"Accept", "text/event-stream"}});

  REQUIRE(reader.status() == 200);
  CHECK(reader.response().getContentType().starts_with("text/event-stream"));
  const auto first = reader.next();
  REQUIRE(first);
  CHECK(first->event == "endpoint");
  REQUIRE(first->data.starts_with(kEndpointPrefix));
  const std::string id = first->data.substr(std::string(kEndpointPrefix).size());
  CHECK(id.size() == 32);
  CHECK(stack.registry().find(id, mcpd::transport::SessionEntry::Transport::kLegacySse) != nullptr);
}

TEST_CASE("legacy sse answers a POST to /message with 202 and sends the reply on the stream",
          "[transport]") {
  const bool hub = GENERATE(false, true);
  INFO((hub ? "streams on the SSE hub" : "streams on worker threads"));
  TestHttpStack stack({.sse_hub = hub});
  SseReader reader(stack.port());
  const std::string endpoint = readEndpoint(reader);

  const HttpReply accepted = postMessage(stack.port(), endpoint, initializeBody(3, "2024-11-05"));
  CHECK(accepted.status == 202);

  const auto message = reader.nextEvent();
  REQUIRE(message);
  CHECK(message->event == "message");
  const auto reply = parseObject(message->data);
  CHECK(reply->getValue<int>("id") == 3);
  CHECK(reply->getObject("result")->getValue<std::string>("protocolVersion") == "2024-11-05");

  // A notification is accepted too, and puts nothing on the stream; the next request's
  // reply is the next event.
  CHECK(postMessage(stack.port(), endpoint, testing::notificationBody("notifications/initialized"))
            .status == 202);
  CHECK(postMessage(stack.port(), endpoint, testing::requestBody("4", "ping")).status == 202);
  const auto pong = reader.nextEvent();
  REQUIRE(pong);
  CHECK(parseObject(pong->data)->getValue<int>("id") == 4);
}

TEST_CASE("legacy sse answers a POST with an unknown or missing sessionId with 404",
          "[transport]") {
  const bool hub = GENERATE(false, true);
  INFO((hub ? "streams on the SSE hub" : "streams on worker threads"));
  TestHttpStack stack({.sse_hub = hub});
  SseReader reader(stack.port());
  readEndpoint(reader);

  for (const std::string& path : {"/message?sessionId=" + std::string(32, '0'),
                                  std::string("/message"), std::string("/message?sessionId=")}) {
    INFO(path);
    const HttpReply reply = postMessage(stack.port(), path, initializeBody());
    CHECK(reply.status == 404);
    requireJsonRpcError(reply.body);
  }
}

TEST_CASE("legacy sse does not accept a Streamable HTTP session id on /message", "[transport]") {
  const bool hub = GENERATE(false, true);
  INFO((hub ? "streams on the SSE hub" : "streams on worker threads"));
  TestHttpStack stack({.sse_hub = hub});
  const std::string id = testing::openSession(stack.port());

  const HttpReply reply =
      postMessage(stack.port(), kEndpointPrefix + id, testing::requestBody("1", "ping"));

  CHECK(reply.status == 404);
  requireJsonRpcError(reply.body);
}

TEST_CASE("legacy sse answers a POST to /sse with 405 and Allow: GET", "[transport]") {
  const bool hub = GENERATE(false, true);
  INFO((hub ? "streams on the SSE hub" : "streams on worker threads"));
  TestHttpStack stack({.sse_hub = hub});

  const HttpReply reply = sendHttp(stack.port(), {.method = "POST",
                                                  .path = "/sse",
                                                  .headers = testing::mcpHeaders(),
                                                  .body = initializeBody()});

  CHECK(reply.status == 405);
  CHECK(reply.header("Allow") == "GET");
  requireJsonRpcError(reply.body);
  CHECK(stack.registry().size() == 0);
}

TEST_CASE("legacy sse answers a /message Content-Type other than application/json with 415",
          "[transport]") {
  const bool hub = GENERATE(false, true);
  INFO((hub ? "streams on the SSE hub" : "streams on worker threads"));
  TestHttpStack stack({.sse_hub = hub});
  SseReader reader(stack.port());
  const std::string endpoint = readEndpoint(reader);

  const HttpReply reply = postMessage(stack.port(), endpoint, initializeBody(), "text/plain");

  CHECK(reply.status == 415);
  requireJsonRpcError(reply.body);
}

TEST_CASE("legacy sse answers a /message body over max_body_bytes with 413", "[transport]") {
  const bool hub = GENERATE(false, true);
  INFO((hub ? "streams on the SSE hub" : "streams on worker threads"));
  TestHttpStack stack({.transport = {.max_body_bytes = 256}, .sse_hub = hub});
  SseReader reader(stack.port());
  const std::string endpoint = readEndpoint(reader);

  const HttpReply reply =
      postMessage(stack.port(), endpoint, initializeBody() + std::string(1024, ' '));

  CHECK(reply.status == 413);
  requireJsonRpcError(reply.body);
}

TEST_CASE("legacy sse sends a keep-alive comment every keepalive interval", "[transport]") {
  const bool hub = GENERATE(false, true);
  INFO((hub ? "streams on the SSE hub" : "streams on worker threads"));
  TestHttpStack stack({.transport = {.keepalive = 50ms}, .sse_hub = hub});
  SseReader reader(stack.port());
  readEndpoint(reader);

  const auto block = reader.next(5s);

  REQUIRE(block);
  CHECK(block->isComment());
  CHECK(block->comments == std::vector<std::string>{"keep-alive"});
}

TEST_CASE("legacy sse answers a GET /sse beyond max_streams with 503 while the first is open",
          "[transport]") {
  const bool hub = GENERATE(false, true);
  INFO((hub ? "streams on the SSE hub" : "streams on worker threads"));
  TestHttpStack stack({.transport = {.max_streams = 1}, .sse_hub = hub});
  SseReader first(stack.port());
  readEndpoint(first);

  SseReader second(stack.port());

  CHECK(second.status() == 503);
  requireJsonRpcError(second.readBody());
  CHECK(stack.registry().size() == 1);
}

TEST_CASE("legacy sse frees the stream slot when the client closes its stream", "[transport]") {
  const bool hub = GENERATE(false, true);
  INFO((hub ? "streams on the SSE hub" : "streams on worker threads"));
  TestHttpStack stack({.transport = {.max_streams = 1, .keepalive = 50ms}, .sse_hub = hub});
  auto first = std::make_unique<SseReader>(stack.port());
  readEndpoint(*first);
  first->close();

  // The server notices the client is gone when a keep-alive write fails; poll with a deadline.
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  std::unique_ptr<SseReader> next;
  while (std::chrono::steady_clock::now() < deadline) {
    next = std::make_unique<SseReader>(stack.port());
    if (next->status() == 200) break;
    next.reset();
    std::this_thread::sleep_for(10ms);
  }
  REQUIRE(next);
  readEndpoint(*next);
  CHECK(stack.registry().size() == 1);
}

TEST_CASE("legacy sse lets the server stop promptly with a stream open", "[transport]") {
  const bool hub = GENERATE(false, true);
  INFO((hub ? "streams on the SSE hub" : "streams on worker threads"));
  TestHttpStack stack(
      {.sse_hub = hub});  // the default keep-alive (15 s) would hold a worker far too long
  SseReader reader(stack.port());
  readEndpoint(reader);

  const auto start = std::chrono::steady_clock::now();
  stack.stop();
  const auto took = std::chrono::steady_clock::now() - start;

  CHECK(took < 1s);
  CHECK(stack.registry().size() == 0);
  CHECK(stack.context().open_streams.load() == 0);
  // The stream ended cleanly: the reader sees its end rather than a keep-alive.
  CHECK_FALSE(reader.nextEvent(2s));
}
