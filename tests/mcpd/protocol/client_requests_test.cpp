// Requests from a tool handler to the client (RequestContext::requestClient) through a
// whole Session: the request goes out on the handler's sink, the answer comes back in
// another handle() call on another thread.

#include <catch2/catch.hpp>
#include <future>

#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/server.h"
#include "mcpd/protocol/session.h"
#include "tests/mcpd/support/session_driver.h"

using mcpd::protocol::newObject;
using mcpd::protocol::RequestContext;
using mcpd::protocol::ToolResult;
using Poco::JSON::Object;
using protocol_testing::call;
using protocol_testing::initializeRequest;
using protocol_testing::parseObject;
using protocol_testing::RecordingSink;
using protocol_testing::rpcNotification;
using protocol_testing::rpcRequest;

namespace {

// "ask": sends arguments.method to the client with arguments.timeout_ms and answers with
// the client's result as JSON, or "<status code>: <message>" as an error result.
class AskTool final : public mcpd::protocol::Tool {
 public:
  AskTool() {
    spec_.name = "ask";
    spec_.description = "Asks the client.";
    spec_.input_schema = mcpd::jsonrpc::parseObjectLiteral(R"({"type":"object"})");
  }
  const mcpd::protocol::ToolSpec& spec() const override { return spec_; }
  ToolResult call(const Object::Ptr& arguments, RequestContext& context) const override {
    auto params = newObject();
    params->set("maxTokens", 10);
    auto answer = context.requestClient(
        arguments->optValue<std::string>("method", "sampling/createMessage"), params,
        std::chrono::milliseconds(arguments->optValue<int>("timeout_ms", 5000)));
    if (!answer)
      return ToolResult::error(std::string(shared::codeName(answer.status().code())) + ": " +
                               answer.status().message());
    return ToolResult::text(mcpd::jsonrpc::toJson(*answer));
  }

 private:
  mcpd::protocol::ToolSpec spec_;
};

struct ClientRequestsFixture {
  mcpd::protocol::Server server{{.name = "s", .version = "1"}};
  std::unique_ptr<mcpd::protocol::Session> session;
  RecordingSink stream;  // the tools/call request's own stream

  explicit ClientRequestsFixture(
      const std::string& capabilities = R"({"sampling":{},"elicitation":{}})") {
    server.addTool(std::make_shared<AskTool>());
    session = server.newSession();
    call(*session, initializeRequest("2025-11-25", capabilities));
  }

  // Calls "ask" on another thread, as the POST that carries it is handled.
  std::future<Object::Ptr> ask(int id, const std::string& arguments) {
    return std::async(std::launch::async, [this, id, arguments] {
      auto reply = session->handle(
          rpcRequest(id, "tools/call", R"({"name":"ask","arguments":)" + arguments + "}"), stream);
      return reply ? parseObject(*reply) : Object::Ptr();
    });
  }
};

Object::Ptr result(std::future<Object::Ptr>& reply) {
  REQUIRE(reply.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  auto object = reply.get();
  REQUIRE(object);
  return object->getObject("result");
}

std::string text(const Object::Ptr& tool_result) {
  return tool_result->getArray("content")->getObject(0)->getValue<std::string>("text");
}

}  // namespace

TEST_CASE("a handler's request reaches the client and the answer from another message resumes it",
          "[protocol]") {
  ClientRequestsFixture f;
  auto reply = f.ask(7, R"({"method":"sampling/createMessage"})");
  const auto request = f.stream.waitFor("sampling/createMessage");
  REQUIRE(request);
  CHECK(request->getObject("params")->getValue<int>("maxTokens") == 10);

  RecordingSink other;  // the POST carrying the answer has its own stream
  const std::string answer = mcpd::jsonrpc::serializeResult(
      mcpd::jsonrpc::Id(request->get("id")), parseObject(R"({"role":"assistant","model":"m"})"));
  CHECK_FALSE(f.session->handle(answer, other).has_value());  // a response gets no reply
  const auto tool_result = result(reply);
  CHECK_FALSE(tool_result->has("isError"));
  CHECK(text(tool_result) == R"({"model":"m","role":"assistant"})");
  CHECK(other.messages().empty());
}

TEST_CASE("a request the client did not declare a capability for is refused without being sent",
          "[protocol]") {
  ClientRequestsFixture f(R"({"roots":{}})");
  auto reply = f.ask(1, R"({"method":"elicitation/create"})");
  const auto tool_result = result(reply);
  CHECK(tool_result->getValue<bool>("isError"));
  CHECK(text(tool_result) ==
        "permission denied: elicitation/create: the client did not declare the elicitation "
        "capability");
  CHECK(f.stream.messages().empty());
}

TEST_CASE("a client's error answer fails the request with its code and message", "[protocol]") {
  ClientRequestsFixture f;
  auto reply = f.ask(1, "{}");
  const auto request = f.stream.waitFor("sampling/createMessage");
  REQUIRE(request);
  RecordingSink other;
  f.session->handle(mcpd::jsonrpc::serializeError(mcpd::jsonrpc::Id(request->get("id")),
                                                  {-1, "User rejected", {}}),
                    other);
  CHECK(text(result(reply)) ==
        "unavailable: sampling/createMessage: the client answered error -1: User rejected");
}

TEST_CASE("an unanswered request times out and the client is told it was cancelled", "[protocol]") {
  ClientRequestsFixture f;
  auto reply = f.ask(1, R"({"timeout_ms":20})");
  CHECK(text(result(reply)) ==
        "unavailable: sampling/createMessage: no answer from the client within 20 ms");
  const auto request = f.stream.waitFor("sampling/createMessage");
  const auto cancelled = f.stream.waitFor("notifications/cancelled");
  REQUIRE(request);
  REQUIRE(cancelled);
  CHECK(cancelled->getObject("params")->getValue<int>("requestId") == request->getValue<int>("id"));
  // A late answer finds nobody waiting and is dropped.
  RecordingSink other;
  CHECK_FALSE(f.session->handle(
      mcpd::jsonrpc::serializeResult(mcpd::jsonrpc::Id(request->get("id")), newObject()), other));
}

TEST_CASE("cancelling the tool call wakes the handler waiting for the client", "[protocol]") {
  ClientRequestsFixture f;
  auto reply = f.ask(42, R"({"timeout_ms":30000})");
  REQUIRE(f.stream.waitFor("sampling/createMessage"));
  RecordingSink other;
  f.session->handle(
      rpcNotification("notifications/cancelled", R"({"requestId":42,"reason":"user"})"), other);
  CHECK(text(result(reply)) == "unavailable: sampling/createMessage: the request was cancelled");
  CHECK(f.stream.waitFor("notifications/cancelled"));
}

TEST_CASE("closing the session wakes the handler waiting for the client", "[protocol]") {
  ClientRequestsFixture f;
  auto reply = f.ask(1, R"({"timeout_ms":30000})");
  REQUIRE(f.stream.waitFor("sampling/createMessage"));
  f.session->close();
  CHECK(f.session->closed());
  CHECK(text(result(reply)) == "unavailable: sampling/createMessage: the session ended");
}

TEST_CASE("a request whose stream is gone fails at once", "[protocol]") {
  ClientRequestsFixture f;
  f.stream.failWrites();
  auto reply = f.ask(1, "{}");
  CHECK(text(result(reply)) ==
        "io error: sampling/createMessage: the stream to the client is closed");
}

TEST_CASE("request ids count up within a session", "[protocol]") {
  ClientRequestsFixture f;
  for (int i = 0; i < 2; ++i) {
    auto reply = f.ask(10 + i, R"({"timeout_ms":1})");
    result(reply);
  }
  std::vector<int> ids;
  for (const std::string& message : f.stream.messages()) {
    auto object = parseObject(message);
    if (object->optValue<std::string>("method", "") == "sampling/createMessage")
      ids.push_back(object->getValue<int>("id"));
  }
  CHECK(ids == std::vector<int>{1, 2});
}
