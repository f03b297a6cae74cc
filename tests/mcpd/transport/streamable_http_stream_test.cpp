// The Streamable HTTP transport's GET /mcp over the real HTTP stack: 405 for a server that
// sends nothing unprompted, otherwise the standalone SSE stream of
// mcpd/transport/streamable_http.h (priming event, one per session, 400/404/406/409, its end).

#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "mcpd/protocol/outcome.h"
#include "mcpd/protocol/resource_provider.h"
#include "mcpd/transport/streamable_http.h"
#include "tests/mcpd/support/http_test_client.h"
#include "tests/mcpd/support/test_server.h"

using namespace std::chrono_literals;
using testing::HttpReply;
using testing::openSession;
using testing::parseObject;
using testing::postMcp;
using testing::requestBody;
using testing::requireJsonRpcError;
using testing::sendHttp;
using testing::TestHttpStack;

namespace {

constexpr const char* kLiveUri = "test://live";

// One subscribable resource, so that the server sends unprompted messages (resource
// updates) and Streamable HTTP offers the standalone GET stream.
class LiveResources final : public mcpd::protocol::ResourceProvider {
 public:
  mcpd::protocol::ResourcePage list(std::size_t offset, std::size_t) const override {
    mcpd::protocol::ResourcePage page;
    if (offset == 0) {
      auto r = mcpd::protocol::newObject();
      r->set("uri", kLiveUri);
      r->set("name", "live");
      page.resources->add(r);
    }
    return page;
  }
  std::optional<Poco::JSON::Array::Ptr> read(const std::string& uri) const override {
    if (uri != kLiveUri) return std::nullopt;
    auto c = mcpd::protocol::newObject();
    c->set("uri", uri);
    c->set("text", "now");
    Poco::JSON::Array::Ptr contents = new Poco::JSON::Array;
    contents->add(c);
    return contents;
  }
  bool subscribable() const override { return true; }
};

testing::StackOptions streamingServer() {
  testing::StackOptions options;
  options.server = testing::makeTestServer();
  options.server->setResources(std::make_shared<LiveResources>());
  return options;
}

testing::Headers streamHeaders(const std::string& session_id) {
  return {{"Accept", "text/event-stream"}, {"Mcp-Session-Id", session_id}};
}

}  // namespace

TEST_CASE("streamable http answers GET /mcp with 405 when the server sends nothing unprompted",
          "[transport]") {
  TestHttpStack stack;
  REQUIRE_FALSE(stack.mcp().sendsUnprompted());
  const std::string id = openSession(stack.port());

  const HttpReply reply = sendHttp(
      stack.port(),
      {.path = "/mcp", .headers = {{"Accept", "text/event-stream"}, {"Mcp-Session-Id", id}}});

  CHECK(reply.status == 405);
  CHECK(reply.header("Allow") == "POST, DELETE");
  requireJsonRpcError(reply.body);
}

TEST_CASE(
    "streamable http answers a bodyless 2026-07-28 request with 405 and an invalid-request error",
    "[transport]") {
  TestHttpStack stack;
  const HttpReply reply = sendHttp(
      stack.port(),
      {.path = "/mcp",
       .headers = {{"Accept", "text/event-stream"}, {"MCP-Protocol-Version", "2026-07-28"}}});

  CHECK(reply.status == 405);
  CHECK(reply.header("Allow") == "POST");
  CHECK(requireJsonRpcError(reply.body) == -32600);
}

TEST_CASE(
    "streamable http opens a standalone SSE stream on GET when the server sends unprompted "
    "messages",
    "[transport]") {
  TestHttpStack stack(streamingServer());
  REQUIRE(stack.mcp().sendsUnprompted());
  const std::string id = openSession(stack.port());
  REQUIRE(
      postMcp(stack.port(), requestBody("1", "resources/subscribe", R"({"uri":"test://live"})"), id)
          .status == 200);

  testing::SseReader stream(stack.port(), "/mcp", streamHeaders(id));
  REQUIRE(stream.status() == 200);
  CHECK(stream.response().getContentType().starts_with("text/event-stream"));
  const auto priming = stream.next();
  REQUIRE(priming);
  testing::checkPrimingEvent(*priming);

  // The priming event is written once the stream is attached, so the update has a stream.
  CHECK(stack.mcp().resourceUpdated(kLiveUri) == 1);
  const auto update = stream.nextEvent();
  REQUIRE(update);
  CHECK(update->event == "message");
  CHECK_FALSE(update->id.empty());
  CHECK(update->id != priming->id);
  const auto notification = parseObject(update->data);
  CHECK(notification->getValue<std::string>("method") == "notifications/resources/updated");
  CHECK(notification->getObject("params")->getValue<std::string>("uri") == kLiveUri);
}

TEST_CASE("streamable http answers a second standalone stream for one session with 409",
          "[transport]") {
  TestHttpStack stack(streamingServer());
  const std::string id = openSession(stack.port());
  testing::SseReader first(stack.port(), "/mcp", streamHeaders(id));
  REQUIRE(first.status() == 200);
  REQUIRE(first.next());

  testing::SseReader second(stack.port(), "/mcp", streamHeaders(id));

  CHECK(second.status() == 409);
  requireJsonRpcError(second.readBody());
}

TEST_CASE(
    "streamable http answers a GET /mcp without a session 400, an unknown one 404, a wrong Accept "
    "406",
    "[transport]") {
  TestHttpStack stack(streamingServer());
  const std::string id = openSession(stack.port());

  const HttpReply missing =
      sendHttp(stack.port(), {.path = "/mcp", .headers = {{"Accept", "text/event-stream"}}});
  CHECK(missing.status == 400);
  requireJsonRpcError(missing.body);

  const HttpReply unknown =
      sendHttp(stack.port(), {.path = "/mcp", .headers = streamHeaders(std::string(32, 'c'))});
  CHECK(unknown.status == 404);
  requireJsonRpcError(unknown.body);

  const HttpReply accept = sendHttp(
      stack.port(),
      {.path = "/mcp", .headers = {{"Accept", "application/json"}, {"Mcp-Session-Id", id}}});
  CHECK(accept.status == 406);
  requireJsonRpcError(accept.body);

  testing::Headers bad_version = streamHeaders(id);
  bad_version.emplace_back("MCP-Protocol-Version", "1999-01-01");
  const HttpReply version = sendHttp(stack.port(), {.path = "/mcp", .headers = bad_version});
  CHECK(version.status == 400);
  requireJsonRpcError(version.body);
}

TEST_CASE("streamable http ends the standalone stream when the session is deleted", "[transport]") {
  TestHttpStack stack(streamingServer());
  const std::string id = openSession(stack.port());
  testing::SseReader stream(stack.port(), "/mcp", streamHeaders(id));
  REQUIRE(stream.status() == 200);
  REQUIRE(stream.next());

  REQUIRE(sendHttp(stack.port(),
                   {.method = "DELETE", .path = "/mcp", .headers = {{"Mcp-Session-Id", id}}})
              .status == 200);

  // The stream ends (no event) well before the 5 s deadline; a keep-alive would be 15 s away.
  const auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(stream.nextEvent(5s));
  CHECK(std::chrono::steady_clock::now() - start < 4s);
  CHECK(stack.context().threaded_streams.load() == 0);
}

TEST_CASE("streamable http frees the standalone stream when the client closes it", "[transport]") {
  TestHttpStack stack(streamingServer());
  const std::string id = openSession(stack.port());
  auto first = std::make_unique<testing::SseReader>(stack.port(), "/mcp", streamHeaders(id));
  REQUIRE(first->status() == 200);
  REQUIRE(first->next());
  first->close();

  // The server notices the client went away on its next check; poll with a deadline.
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    testing::SseReader again(stack.port(), "/mcp", streamHeaders(id));
    status = again.status();
    if (status != 409) break;
    std::this_thread::sleep_for(10ms);
  }
  CHECK(status == 200);
}

TEST_CASE("streamable http lets the server stop promptly with a standalone stream open",
          "[transport]") {
  TestHttpStack stack(streamingServer());
  const std::string id = openSession(stack.port());
  testing::SseReader stream(stack.port(), "/mcp", streamHeaders(id));
  REQUIRE(stream.status() == 200);
  REQUIRE(stream.next());

  const auto start = std::chrono::steady_clock::now();
  stack.stop();

  CHECK(std::chrono::steady_clock::now() - start < 1s);
  CHECK(stack.context().threaded_streams.load() == 0);
}
