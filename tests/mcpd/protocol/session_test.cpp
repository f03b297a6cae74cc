#include "mcpd/protocol/session.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>
#include <future>
#include <thread>

#include "mcpd/protocol/server.h"
#include "tests/mcpd/support/test_server.h"

using mcpd::protocol::Session;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

class CapturingSink final : public mcpd::protocol::MessageSink {
 public:
  bool send(const std::string& message) override {
    std::lock_guard lock(mu);
    messages.push_back(message);
    return true;
  }
  std::mutex mu;
  std::vector<std::string> messages;
};

Poco::Dynamic::Var parsedJson(const std::string& text) {
  return Poco::JSON::Parser().parse(text);
}
Object::Ptr object(const std::string& text) {
  return parsedJson(text).extract<Object::Ptr>();
}

// Sends one body and returns the reply parsed; fails the test when there is none.
Object::Ptr call(Session& session, const std::string& body,
                 mcpd::protocol::MessageSink* sink = nullptr) {
  CapturingSink ignored;
  auto reply = session.handle(body, sink != nullptr ? *sink : ignored);
  REQUIRE(reply.has_value());
  return object(*reply);
}

std::string request(int id, const std::string& method, const std::string& params = "{}") {
  return R"({"jsonrpc":"2.0","id":)" + std::to_string(id) + R"(,"method":")" + method +
         R"(","params":)" + params + "}";
}

std::string initializeRequest(const std::string& version) {
  return request(0, "initialize",
                 R"({"protocolVersion":")" + version +
                     R"(","capabilities":{},"clientInfo":{"name":"t","version":"1"}})");
}

struct SessionFixture {
  std::unique_ptr<mcpd::protocol::Server> server = testing::makeTestServer();
  std::unique_ptr<Session> session = server->newSession();

  void initialize(const std::string& version) {
    auto reply = call(*session, initializeRequest(version));
    REQUIRE(reply->getObject("result")->getValue<std::string>("protocolVersion") == version);
  }
};

int errorCode(const Object::Ptr& reply) {
  return reply->getObject("error")->getValue<int>("code");
}

}  // namespace

TEST_CASE("initialize echoes every supported protocol version", "[protocol]") {
  for (const char* version : {"2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"}) {
    SessionFixture f;
    auto result = call(*f.session, initializeRequest(version))->getObject("result");
    CHECK(result->getValue<std::string>("protocolVersion") == version);
    CHECK(result->getObject("serverInfo")->getValue<std::string>("name") == "test-server");
    CHECK(result->getObject("capabilities")->has("tools"));
    CHECK(result->getObject("capabilities")->has("resources"));
    CHECK(result->getObject("capabilities")->has("logging"));
    CHECK(result->getValue<std::string>("instructions") == "Use echo.");
    CHECK(f.session->protocolVersion() == version);
  }
}

TEST_CASE("initialize answers the newest version when the client's is unknown", "[protocol]") {
  SessionFixture f;
  auto result = call(*f.session, initializeRequest("2030-01-01"))->getObject("result");
  CHECK(result->getValue<std::string>("protocolVersion") == "2025-11-25");
}

TEST_CASE("initialize without a protocol version is invalid params", "[protocol]") {
  SessionFixture f;
  CHECK(errorCode(call(*f.session, request(0, "initialize", R"({"capabilities":{}})"))) == -32602);
  CHECK(f.session->protocolVersion().empty());
}

TEST_CASE("a second initialize on one session is an invalid request", "[protocol]") {
  SessionFixture f;
  f.initialize("2025-06-18");
  CHECK(errorCode(call(*f.session, initializeRequest("2025-06-18"))) == -32600);
}

TEST_CASE("ping answers an empty result", "[protocol]") {
  SessionFixture f;
  auto reply = call(*f.session, request(5, "ping"));
  CHECK(reply->getValue<int>("id") == 5);
  CHECK(reply->getObject("result")->size() == 0);
}

TEST_CASE("an unknown method is method-not-found and names it", "[protocol]") {
  SessionFixture f;
  f.initialize("2025-11-25");
  auto reply = call(*f.session, request(1, "prompts/list"));
  CHECK(errorCode(reply) == -32601);
  CHECK(reply->getObject("error")->getValue<std::string>("message") ==
        "Method not found: prompts/list");
}

TEST_CASE("notifications get no reply", "[protocol]") {
  SessionFixture f;
  CapturingSink sink;
  CHECK_FALSE(f.session->handle(R"({"jsonrpc":"2.0","method":"notifications/initialized"})", sink)
                  .has_value());
  CHECK(f.session->initialized());
  CHECK_FALSE(f.session->handle(R"({"jsonrpc":"2.0","method":"notifications/whatever"})", sink)
                  .has_value());
}

TEST_CASE("tool listings follow the negotiated revision", "[protocol]") {
  SECTION("2025-06-18 and later carry titles, output schemas and annotations") {
    SessionFixture f;
    f.initialize("2025-06-18");
    auto tools = call(*f.session, request(1, "tools/list"))->getObject("result")->getArray("tools");
    auto echo = tools->getObject(0);
    CHECK(echo->getValue<std::string>("name") == "echo");
    CHECK(echo->has("title"));
    CHECK(echo->has("outputSchema"));
    CHECK(echo->getObject("annotations")->getValue<bool>("readOnlyHint"));
  }
  SECTION("2025-03-26 has annotations but no titles or output schemas") {
    SessionFixture f;
    f.initialize("2025-03-26");
    auto echo = call(*f.session, request(1, "tools/list"))
                    ->getObject("result")
                    ->getArray("tools")
                    ->getObject(0);
    CHECK_FALSE(echo->has("title"));
    CHECK_FALSE(echo->has("outputSchema"));
    CHECK(echo->has("annotations"));
  }
  SECTION("2024-11-05 has neither") {
    SessionFixture f;
    f.initialize("2024-11-05");
    auto echo = call(*f.session, request(1, "tools/list"))
                    ->getObject("result")
                    ->getArray("tools")
                    ->getObject(0);
    CHECK_FALSE(echo->has("annotations"));
    CHECK(echo->has("inputSchema"));
  }
}

TEST_CASE("a tool call returns content, and structured content where the revision has it",
          "[protocol]") {
  SessionFixture f;
  f.initialize("2025-11-25");
  auto result =
      call(*f.session, request(2, "tools/call", R"({"name":"echo","arguments":{"text":"hi"}})"))
          ->getObject("result");
  CHECK(result->getArray("content")->getObject(0)->getValue<std::string>("text") ==
        R"({"echo":"hi"})");
  CHECK(result->getObject("structuredContent")->getValue<std::string>("echo") == "hi");
  CHECK_FALSE(result->has("isError"));

  SessionFixture old;
  old.initialize("2025-03-26");
  auto old_result =
      call(*old.session, request(2, "tools/call", R"({"name":"echo","arguments":{"text":"hi"}})"))
          ->getObject("result");
  CHECK_FALSE(old_result->has("structuredContent"));
}

TEST_CASE("an unknown tool is invalid params", "[protocol]") {
  SessionFixture f;
  f.initialize("2025-11-25");
  auto reply = call(*f.session, request(3, "tools/call", R"({"name":"nope"})"));
  CHECK(errorCode(reply) == -32602);
  CHECK(reply->getObject("error")->getValue<std::string>("message") ==
        "Invalid params: Unknown tool: nope");
  CHECK(errorCode(call(*f.session, request(4, "tools/call", R"({"arguments":{}})"))) == -32602);
  CHECK(errorCode(call(*f.session,
                       request(5, "tools/call", R"({"name":"echo","arguments":[1]})"))) == -32602);
}

TEST_CASE("a failing tool is an isError result and a crashing one too", "[protocol]") {
  SessionFixture f;
  f.initialize("2025-11-25");
  auto failed =
      call(*f.session, request(3, "tools/call", R"({"name":"fail"})"))->getObject("result");
  CHECK(failed->getValue<bool>("isError"));
  auto crashed =
      call(*f.session, request(4, "tools/call", R"({"name":"throws"})"))->getObject("result");
  CHECK(crashed->getValue<bool>("isError"));
}

TEST_CASE("progress notifications precede the reply when the request asks for them", "[protocol]") {
  SessionFixture f;
  f.initialize("2025-11-25");
  CapturingSink sink;
  call(*f.session,
       request(6, "tools/call", R"({"name":"progress","_meta":{"progressToken":"tok"}})"), &sink);
  REQUIRE(sink.messages.size() == 2);  // no log message: the client set no level
  auto first = object(sink.messages[0]);
  CHECK(first->getValue<std::string>("method") == "notifications/progress");
  CHECK(first->getObject("params")->getValue<std::string>("progressToken") == "tok");
  CHECK(first->getObject("params")->getValue<double>("progress") == 1);
  CHECK(first->getObject("params")->getValue<std::string>("message") == "half");

  CapturingSink quiet;
  call(*f.session, request(7, "tools/call", R"({"name":"progress"})"), &quiet);
  CHECK(quiet.messages.empty());
}

TEST_CASE("log messages flow once the client sets a level, filtered by it", "[protocol]") {
  SessionFixture f;
  f.initialize("2025-11-25");
  CHECK(call(*f.session, request(1, "logging/setLevel", R"({"level":"info"})"))->has("result"));
  CapturingSink sink;
  call(*f.session, request(2, "tools/call", R"({"name":"progress"})"), &sink);
  REQUIRE(sink.messages.size() == 1);
  auto log = object(sink.messages[0]);
  CHECK(log->getValue<std::string>("method") == "notifications/message");
  CHECK(log->getObject("params")->getValue<std::string>("level") == "info");

  call(*f.session, request(3, "logging/setLevel", R"({"level":"error"})"));
  CapturingSink filtered;
  call(*f.session, request(4, "tools/call", R"({"name":"progress"})"), &filtered);
  CHECK(filtered.messages.empty());
  CHECK(errorCode(call(*f.session, request(5, "logging/setLevel", R"({"level":"loud"})"))) ==
        -32602);
}

TEST_CASE("resources are listed page by page with a cursor", "[protocol]") {
  SessionFixture f;  // 5 resources, 2 per page
  f.initialize("2025-11-25");
  std::vector<std::string> uris;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    const std::string params = cursor.empty() ? "{}" : R"({"cursor":")" + cursor + R"("})";
    auto result = call(*f.session, request(page, "resources/list", params))->getObject("result");
    auto resources = result->getArray("resources");
    for (std::size_t i = 0; i < resources->size(); ++i)
      uris.push_back(resources->getObject(i)->getValue<std::string>("uri"));
    if (!result->has("nextCursor")) break;
    cursor = result->getValue<std::string>("nextCursor");
  }
  CHECK(uris == std::vector<std::string>{"test://item/0", "test://item/1", "test://item/2",
                                         "test://item/3", "test://item/4"});
  CHECK(errorCode(call(*f.session, request(9, "resources/list", R"({"cursor":"bogus"})"))) ==
        -32602);
}

TEST_CASE("reading a resource returns its contents, an unknown one -32002 with its uri",
          "[protocol]") {
  SessionFixture f;
  f.initialize("2025-11-25");
  auto contents = call(*f.session, request(1, "resources/read", R"({"uri":"test://item/3"})"))
                      ->getObject("result")
                      ->getArray("contents");
  CHECK(contents->getObject(0)->getValue<std::string>("text") == "content of item 3");
  auto missing = call(*f.session, request(2, "resources/read", R"({"uri":"test://item/99"})"));
  CHECK(errorCode(missing) == -32002);
  CHECK(missing->getObject("error")->getObject("data")->getValue<std::string>("uri") ==
        "test://item/99");
  CHECK(errorCode(call(*f.session, request(3, "resources/read", "{}"))) == -32602);
  CHECK(call(*f.session, request(4, "resources/templates/list"))
            ->getObject("result")
            ->has("resourceTemplates"));
}

TEST_CASE("batches work only where the revision allows them", "[protocol]") {
  const std::string batch = "[" + request(1, "ping") + "," + request(2, "ping") + "]";
  SECTION("2025-03-26 answers a batch with a batch") {
    SessionFixture f;
    f.initialize("2025-03-26");
    CapturingSink sink;
    auto reply = f.session->handle(batch, sink);
    REQUIRE(reply);
    auto array = parsedJson(*reply).extract<Array::Ptr>();
    CHECK(array->size() == 2);
    const std::string with_init = "[" + initializeRequest("2025-03-26") + "]";
    auto refused = parsedJson(*f.session->handle(with_init, sink)).extract<Array::Ptr>();
    CHECK(refused->getObject(0)->getObject("error")->getValue<int>("code") == -32600);
    CHECK_FALSE(
        f.session->handle(R"([{"jsonrpc":"2.0","method":"notifications/initialized"}])", sink));
  }
  SECTION("2025-06-18 refuses batches") {
    SessionFixture f;
    f.initialize("2025-06-18");
    CHECK(errorCode(call(*f.session, batch)) == -32600);
  }
}

TEST_CASE("a cancelled request sees the cancellation while it runs", "[protocol]") {
  SessionFixture f;
  f.initialize("2025-11-25");
  CapturingSink sink;
  auto running = std::async(std::launch::async, [&] {
    return f.session->handle(request(42, "tools/call", R"({"name":"wait_cancel"})"), sink);
  });
  // Cancel until the request is seen in flight and stops; a cancel for an unknown id is ignored.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (running.wait_for(std::chrono::milliseconds(1)) != std::future_status::ready &&
         std::chrono::steady_clock::now() < deadline) {
    f.session->handle(
        R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":42}})", sink);
  }
  auto reply = running.get();
  REQUIRE(reply);
  CHECK(
      object(*reply)->getObject("result")->getArray("content")->getObject(0)->getValue<std::string>(
          "text") == "cancelled");
}

TEST_CASE("the server tells transports which body opens a session without them naming methods",
          "[protocol]") {
  CHECK(mcpd::protocol::Server::opensSession(initializeRequest("2025-11-25")));
  CHECK_FALSE(mcpd::protocol::Server::opensSession(request(1, "ping")));
  CHECK_FALSE(mcpd::protocol::Server::opensSession("[" + initializeRequest("2025-03-26") + "]"));
  CHECK_FALSE(mcpd::protocol::Server::opensSession("not json"));
}
