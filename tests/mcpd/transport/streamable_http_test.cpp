// The Streamable HTTP transport's POST and DELETE at /mcp over the real HTTP stack: every
// status-code rule of mcpd/transport/streamable_http.h, and the router's own answers. GET
// (the standalone stream) is in streamable_http_stream_test.cpp.

#include "mcpd/transport/streamable_http.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <tuple>

#include "tests/mcpd/support/http_test_client.h"

using testing::HttpCall;
using testing::HttpReply;
using testing::initializeBody;
using testing::notificationBody;
using testing::openSession;
using testing::parseObject;
using testing::postMcp;
using testing::requestBody;
using testing::requireJsonRpcError;
using testing::sendHttp;
using testing::TestHttpStack;

namespace {

bool isSessionId(const std::string& id) {
  return id.size() == 32 && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

TEST_CASE("streamable http opens a session on initialize and names it in Mcp-Session-Id",
          "[transport]") {
  TestHttpStack stack;

  const HttpReply first = postMcp(stack.port(), initializeBody());
  const HttpReply second = postMcp(stack.port(), initializeBody());

  REQUIRE(first.status == 200);
  REQUIRE(second.status == 200);
  const std::string id1 = first.header("Mcp-Session-Id");
  const std::string id2 = second.header("Mcp-Session-Id");
  CHECK(isSessionId(id1));
  CHECK(isSessionId(id2));
  CHECK(id1 != id2);
  CHECK(parseObject(first.body)->getObject("result")->getValue<std::string>("protocolVersion") ==
        "2025-06-18");
  CHECK(stack.registry().size() == 2);
}

TEST_CASE("streamable http answers a non-initialize POST without Mcp-Session-Id with 400",
          "[transport]") {
  TestHttpStack stack;

  const HttpReply reply = postMcp(stack.port(), requestBody("1", "tools/list"));

  CHECK(reply.status == 400);
  requireJsonRpcError(reply.body);
  CHECK(stack.registry().size() == 0);
}

TEST_CASE("streamable http answers an unknown session id with 404", "[transport]") {
  TestHttpStack stack;

  const HttpReply reply = postMcp(stack.port(), requestBody("1", "ping"), std::string(32, 'a'));

  CHECK(reply.status == 404);
  requireJsonRpcError(reply.body);
}

TEST_CASE("streamable http answers a deleted session with 404, and a second DELETE with 404",
          "[transport]") {
  TestHttpStack stack;
  const std::string id = openSession(stack.port());
  const HttpCall del{.method = "DELETE", .path = "/mcp", .headers = {{"Mcp-Session-Id", id}}};

  const HttpReply deleted = sendHttp(stack.port(), del);
  REQUIRE(deleted.status == 200);
  CHECK(stack.registry().size() == 0);

  const HttpReply after = postMcp(stack.port(), requestBody("2", "ping"), id);
  CHECK(after.status == 404);
  requireJsonRpcError(after.body);

  const HttpReply again = sendHttp(stack.port(), del);
  CHECK(again.status == 404);
  requireJsonRpcError(again.body);
}

TEST_CASE("streamable http answers a DELETE without Mcp-Session-Id with 400", "[transport]") {
  TestHttpStack stack;
  openSession(stack.port());

  const HttpReply reply = sendHttp(stack.port(), {.method = "DELETE", .path = "/mcp"});

  CHECK(reply.status == 400);
  requireJsonRpcError(reply.body);
  CHECK(stack.registry().size() == 1);
}

TEST_CASE("streamable http answers 406 unless Accept admits both JSON and event streams",
          "[transport]") {
  TestHttpStack stack;

  for (const std::string accept : {"application/json", "text/event-stream", "text/html",
                                   "application/json, text/event-stream;q=0",
                                   "application/json, text/event-stream; level=1; Q = 0.0"}) {
    INFO("Accept: " << accept);
    const HttpReply reply = postMcp(stack.port(), initializeBody(), "", {{"Accept", accept}});
    CHECK(reply.status == 406);
    requireJsonRpcError(reply.body);
  }
  const HttpReply missing =
      sendHttp(stack.port(), {.method = "POST",
                              .path = "/mcp",
                              .headers = {{"Content-Type", "application/json"}},
                              .body = initializeBody()});
  CHECK(missing.status == 406);
  requireJsonRpcError(missing.body);
  CHECK(stack.registry().size() == 0);

  for (const std::string accept :
       {"*/*", "application/*, text/*", "text/event-stream, application/json",
        "Application/JSON;charset=utf-8 , TEXT/Event-Stream; q=0.5"}) {
    INFO("Accept: " << accept);
    CHECK(postMcp(stack.port(), initializeBody(), "", {{"Accept", accept}}).status == 200);
  }
}

TEST_CASE("streamable http answers a Content-Type other than application/json with 415",
          "[transport]") {
  TestHttpStack stack;

  for (const std::string type :
       {"text/plain", "application/x-www-form-urlencoded", "application/jsonp"}) {
    INFO("Content-Type: " << type);
    const HttpReply reply = postMcp(stack.port(), initializeBody(), "", {{"Content-Type", type}});
    CHECK(reply.status == 415);
    requireJsonRpcError(reply.body);
  }
  CHECK(stack.registry().size() == 0);

  CHECK(postMcp(stack.port(), initializeBody(), "",
                {{"Content-Type", "Application/JSON; charset=utf-8"}})
            .status == 200);
}

TEST_CASE("streamable http answers an unsupported MCP-Protocol-Version with 400", "[transport]") {
  TestHttpStack stack;
  const std::string id = openSession(stack.port());

  for (const std::string version : {"1999-01-01", "garbage", ""}) {
    INFO("MCP-Protocol-Version: " << version);
    const HttpReply reply =
        postMcp(stack.port(), requestBody("1", "ping"), id, {{"MCP-Protocol-Version", version}});
    CHECK(reply.status == 400);
    requireJsonRpcError(reply.body);
  }
  for (const std::string version : {"2025-06-18", "2025-03-26", "2025-11-25"}) {
    INFO("MCP-Protocol-Version: " << version);
    CHECK(postMcp(stack.port(), requestBody("1", "ping"), id, {{"MCP-Protocol-Version", version}})
              .status == 200);
  }
}

TEST_CASE(
    "streamable http answers a body over max_body_bytes with 413, with or without Content-Length",
    "[transport]") {
  TestHttpStack stack({.transport = {.max_body_bytes = 1024}});
  const std::string id = openSession(stack.port());
  const std::string big =
      requestBody("1", "tools/call",
                  R"({"name":"echo","arguments":{"text":")" + std::string(4096, 'x') + R"("}})");
  HttpCall call{.method = "POST", .path = "/mcp", .headers = testing::mcpHeaders(id), .body = big};

  SECTION("with Content-Length") {
    const HttpReply reply = sendHttp(stack.port(), call);
    CHECK(reply.status == 413);
    requireJsonRpcError(reply.body);
  }
  SECTION("chunked, without Content-Length") {
    call.chunked = true;
    const HttpReply reply = sendHttp(stack.port(), call);
    CHECK(reply.status == 413);
    requireJsonRpcError(reply.body);
  }
  SECTION("a body at the limit is accepted") {
    const std::string ping = requestBody("1", "ping");
    call.body = ping + std::string(1024 - ping.size(), ' ');
    CHECK(sendHttp(stack.port(), call).status == 200);
    call.chunked = true;
    CHECK(sendHttp(stack.port(), call).status == 200);
  }
}

TEST_CASE("streamable http answers a notification or a response with 202 and an empty body",
          "[transport]") {
  TestHttpStack stack;
  const HttpReply init = postMcp(stack.port(), initializeBody());
  const std::string id = init.header("Mcp-Session-Id");

  const HttpReply notification =
      postMcp(stack.port(), notificationBody("notifications/initialized"), id);
  CHECK(notification.status == 202);
  CHECK(notification.body.empty());

  const HttpReply response =
      postMcp(stack.port(), R"({"jsonrpc":"2.0","id":"s-1","result":{}})", id);
  CHECK(response.status == 202);
  CHECK(response.body.empty());
}

TEST_CASE("streamable http answers a request with 200 and the JSON-RPC reply with the same id",
          "[transport]") {
  TestHttpStack stack;
  const std::string id = openSession(stack.port());

  const HttpReply numeric = postMcp(stack.port(), requestBody("42", "tools/list"), id);
  REQUIRE(numeric.status == 200);
  CHECK(numeric.mediaType() == "application/json");
  const auto reply = parseObject(numeric.body);
  CHECK(reply->getValue<std::string>("jsonrpc") == "2.0");
  CHECK(reply->getValue<int>("id") == 42);
  CHECK(reply->getObject("result")->getArray("tools")->size() > 0);

  const HttpReply text = postMcp(stack.port(), requestBody(R"("req-7")", "ping"), id);
  REQUIRE(text.status == 200);
  CHECK(text.mediaType() == "application/json");
  CHECK(parseObject(text.body)->getValue<std::string>("id") == "req-7");
}

TEST_CASE("streamable http streams progress as SSE events before the reply", "[transport]") {
  TestHttpStack stack;
  const std::string id = openSession(stack.port());

  const HttpReply reply = postMcp(
      stack.port(),
      requestBody("9", "tools/call",
                  R"({"name":"progress","arguments":{},"_meta":{"progressToken":"tok-1"}})"),
      id);

  REQUIRE(reply.status == 200);
  CHECK(reply.mediaType() == "text/event-stream");
  const auto events = testing::parseEventStream(reply.body);
  INFO(reply.body);
  // A priming event first (SEP-1699), then two progress notifications, then the reply.
  REQUIRE(events.size() == 4);
  testing::checkPrimingEvent(events[0]);
  for (std::size_t i = 1; i <= 2; ++i) {
    CHECK(events[i].event == "message");
    const auto progress = parseObject(events[i].data);
    CHECK(progress->getValue<std::string>("method") == "notifications/progress");
    CHECK(progress->getObject("params")->getValue<std::string>("progressToken") == "tok-1");
    CHECK(progress->getObject("params")->getValue<double>("progress") == static_cast<double>(i));
  }
  CHECK(events[3].event == "message");
  const auto result = parseObject(events[3].data);
  CHECK(result->getValue<int>("id") == 9);
  CHECK(result->getObject("result")->getArray("content")->getObject(0)->getValue<std::string>(
            "text") == "finished");
  // Every event carries an id, unique within the stream.
  std::set<std::string> ids;
  for (const auto& event : events) {
    CHECK_FALSE(event.id.empty());
    ids.insert(event.id);
  }
  CHECK(ids.size() == events.size());
}

TEST_CASE(
    "streamable http answers a failed initialize with the JSON-RPC error and keeps no session",
    "[transport]") {
  TestHttpStack stack;

  const HttpReply reply =
      postMcp(stack.port(),
              requestBody("5", "initialize", R"({"capabilities":{},"clientInfo":{"name":"t"}})"));

  CHECK(reply.status == 200);
  CHECK_FALSE(reply.has("Mcp-Session-Id"));
  CHECK(requireJsonRpcError(reply.body) == -32602);
  CHECK(parseObject(reply.body)->getValue<int>("id") == 5);
  CHECK(stack.registry().size() == 0);
}

TEST_CASE("streamable http answers every refusal with a JSON-RPC error body", "[transport]") {
  TestHttpStack stack({.transport = {.max_body_bytes = 256}});
  const std::string id = openSession(stack.port());
  const std::string ping = requestBody("1", "ping");
  const HttpCall post{
      .method = "POST", .path = "/mcp", .headers = testing::mcpHeaders(id), .body = ping};

  struct Case {
    const char* name;
    HttpCall call;
    int status;
  };
  std::vector<Case> cases = {
      {"missing session",
       {.method = "POST", .path = "/mcp", .headers = testing::mcpHeaders(), .body = ping},
       400},
      {"unknown session",
       {.method = "POST",
        .path = "/mcp",
        .headers = testing::mcpHeaders(std::string(32, 'f')),
        .body = ping},
       404},
      {"delete without session", {.method = "DELETE", .path = "/mcp"}, 400},
      {"GET", {.method = "GET", .path = "/mcp", .headers = {{"Accept", "text/event-stream"}}}, 405},
      {"PUT",
       {.method = "PUT", .path = "/mcp", .headers = testing::mcpHeaders(id), .body = ping},
       405},
  };
  auto with = [&](const char* name, const std::string& header, const std::string& value,
                  int status) {
    Case c{name, post, status};
    std::erase_if(c.call.headers, [&](const auto& h) { return h.first == header; });
    c.call.headers.emplace_back(header, value);
    cases.push_back(c);
  };
  with("Accept", "Accept", "text/html", 406);
  with("Content-Type", "Content-Type", "text/plain", 415);
  with("version", "MCP-Protocol-Version", "1999-01-01", 400);
  Case big{"body size", post, 413};
  big.call.body = std::string(1024, ' ');
  cases.push_back(big);

  for (const Case& c : cases) {
    INFO(c.name);
    const HttpReply reply = sendHttp(stack.port(), c.call);
    CHECK(reply.status == c.status);
    CHECK(reply.mediaType() == "application/json");
    requireJsonRpcError(reply.body);
  }
}

TEST_CASE("the router answers an unknown path with 404 and / with a short text", "[transport]") {
  TestHttpStack stack;

  const HttpReply unknown = sendHttp(stack.port(), {.path = "/nope"});
  CHECK(unknown.status == 404);

  const HttpReply index = sendHttp(stack.port(), {.path = "/"});
  CHECK(index.status == 200);
  CHECK(index.mediaType() == "text/plain");
  CHECK(index.body.find("/mcp") != std::string::npos);
  CHECK(index.body.find("/sse") != std::string::npos);

  const HttpReply health = sendHttp(stack.port(), {.path = "/healthz"});
  CHECK(health.status == 200);
  CHECK(health.body == "ok\n");
}

// Refusals sent before the body is read (406, 413 with Content-Length, 415, 400 version,
// 403/405 from the router) must not leave the unread body to be parsed as the next request.
TEST_CASE(
    "streamable http leaves a keep-alive connection usable after refusing a request with a body",
    "[transport]") {
  TestHttpStack stack({.transport = {.max_body_bytes = 1024}});
  const std::string id = openSession(stack.port());
  const std::string big = requestBody("1", "ping") + std::string(4096, ' ');

  // A refusal sent before the body was read must either consume the body or close the
  // connection (RFC 9112 section 9.3); otherwise the body is parsed as the next request.
  struct Refusal {
    const char* name;
    std::string content_type;
    std::string body;
    int status;
  };
  for (const Refusal& refusal : {Refusal{"415", "text/plain", requestBody("1", "ping"), 415},
                                 Refusal{"413", "application/json", big, 413}}) {
    INFO(refusal.name);
    Poco::Net::HTTPClientSession session("127.0.0.1", stack.port());
    session.setKeepAlive(true);
    session.setTimeout(Poco::Timespan(10, 0));
    auto exchange = [&](const std::string& content_type, const std::string& body) {
      Poco::Net::HTTPRequest request("POST", "/mcp", Poco::Net::HTTPMessage::HTTP_1_1);
      request.setKeepAlive(true);
      request.set("Accept", "application/json, text/event-stream");
      request.setContentType(content_type);
      request.set("Mcp-Session-Id", id);
      request.setContentLength(static_cast<std::streamsize>(body.size()));
      session.sendRequest(request) << body;
      Poco::Net::HTTPResponse response;
      std::string text;
      Poco::StreamCopier::copyToString(session.receiveResponse(response), text);
      return std::pair{static_cast<int>(response.getStatus()), response.getKeepAlive()};
    };
    int status = 0;
    bool keep_alive = false;
    REQUIRE_NOTHROW(std::tie(status, keep_alive) = exchange(refusal.content_type, refusal.body));
    CHECK(status == refusal.status);
    if (!keep_alive) continue;  // the server closes the connection: equally correct
    int next = 0;
    REQUIRE_NOTHROW(next = exchange("application/json", requestBody("2", "ping")).first);
    CHECK(next == 200);
  }
}
