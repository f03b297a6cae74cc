#include "mcpd/protocol/prompt_methods.h"

#include <Poco/JSON/Array.h>

#include <catch2/catch.hpp>

#include "mcpd/protocol/session.h"
#include "tests/mcpd/support/session_driver.h"
#include "tests/mcpd/support/test_server.h"

using mcpd::protocol::newObject;
using Poco::JSON::Object;
using protocol_testing::call;
using protocol_testing::errorCode;
using protocol_testing::initializeRequest;
using protocol_testing::rpcRequest;

namespace {

// Prompts "p0".."p<n-1>"; each takes one required argument "topic".
class CountedPrompts final : public mcpd::protocol::PromptProvider {
 public:
  explicit CountedPrompts(std::size_t count) : count_(count) {}
  mcpd::protocol::PromptPage list(std::size_t offset, std::size_t limit) const override {
    mcpd::protocol::PromptPage page;
    for (std::size_t i = offset; i < count_ && i < offset + limit; ++i) {
      auto prompt = newObject();
      prompt->set("name", "p" + std::to_string(i));
      prompt->set("description", "prompt " + std::to_string(i));
      page.prompts->add(prompt);
    }
    page.more = offset + limit < count_;
    return page;
  }
  shared::Result<Object::Ptr> get(const std::string& name,
                                  const Object::Ptr& arguments) const override {
    if (name == "broken") return shared::Status::ioError("disk on fire");
    if (!name.starts_with("p")) return shared::Status::notFound("unknown prompt " + name);
    if (!arguments->has("topic"))
      return shared::Status::invalidArgument("missing argument \"topic\"");
    auto content = newObject();
    content->set("type", "text");
    content->set("text", "Tell me about " + arguments->getValue<std::string>("topic"));
    auto message = newObject();
    message->set("role", "user");
    message->set("content", content);
    Poco::JSON::Array::Ptr messages = new Poco::JSON::Array;
    messages->add(message);
    auto result = newObject();
    result->set("messages", messages);
    return result;
  }

 private:
  std::size_t count_;
};

struct PromptFixture {
  std::unique_ptr<mcpd::protocol::Server> server = testing::makeTestServer(5, 2);
  std::unique_ptr<mcpd::protocol::Session> session;
  explicit PromptFixture(bool with_prompts = true) {
    if (with_prompts) server->setPrompts(std::make_shared<CountedPrompts>(5));
    session = server->newSession();
    call(*session, initializeRequest());
  }
};

}  // namespace

TEST_CASE("the prompts capability is declared only when the server has prompts", "[protocol]") {
  auto server = testing::makeTestServer();
  auto capabilities = call(*server->newSession(), initializeRequest())
                          ->getObject("result")
                          ->getObject("capabilities");
  CHECK_FALSE(capabilities->has("prompts"));
  server->setPrompts(std::make_shared<CountedPrompts>(1));
  capabilities = call(*server->newSession(), initializeRequest())
                     ->getObject("result")
                     ->getObject("capabilities");
  CHECK(capabilities->getObject("prompts")->getValue<bool>("listChanged") == false);
}

TEST_CASE("prompts are listed page by page with a cursor", "[protocol]") {
  PromptFixture f;  // 5 prompts, 2 per page
  std::vector<std::string> names;
  std::string cursor;
  for (int page = 1; page < 10; ++page) {
    const std::string params = cursor.empty() ? "{}" : R"({"cursor":")" + cursor + R"("})";
    auto result = call(*f.session, rpcRequest(page, "prompts/list", params))->getObject("result");
    auto prompts = result->getArray("prompts");
    for (std::size_t i = 0; i < prompts->size(); ++i)
      names.push_back(prompts->getObject(i)->getValue<std::string>("name"));
    if (!result->has("nextCursor")) break;
    cursor = result->getValue<std::string>("nextCursor");
  }
  CHECK(names == std::vector<std::string>{"p0", "p1", "p2", "p3", "p4"});
  CHECK(errorCode(call(*f.session, rpcRequest(20, "prompts/list", R"({"cursor":"nonsense"})"))) ==
        -32602);
}

TEST_CASE("a prompt is filled with its arguments", "[protocol]") {
  PromptFixture f;
  auto result = call(*f.session,
                     rpcRequest(1, "prompts/get", R"({"name":"p1","arguments":{"topic":"ACME"}})"))
                    ->getObject("result");
  auto message = result->getArray("messages")->getObject(0);
  CHECK(message->getValue<std::string>("role") == "user");
  CHECK(message->getObject("content")->getValue<std::string>("text") == "Tell me about ACME");
}

TEST_CASE(
    "prompts/get answers invalid params for an unknown prompt, a missing or a non-string argument",
    "[protocol]") {
  PromptFixture f;
  auto unknown =
      call(*f.session, rpcRequest(1, "prompts/get", R"({"name":"zzz","arguments":{"topic":"x"}})"));
  CHECK(errorCode(unknown) == -32602);
  CHECK(unknown->getObject("error")->getValue<std::string>("message") ==
        "Invalid params: unknown prompt zzz");
  CHECK(errorCode(call(*f.session, rpcRequest(2, "prompts/get", R"({"name":"p1"})"))) == -32602);
  CHECK(errorCode(call(*f.session,
                       rpcRequest(3, "prompts/get", R"({"name":"p1","arguments":{"topic":3}})"))) ==
        -32602);
  CHECK(errorCode(call(*f.session,
                       rpcRequest(4, "prompts/get", R"({"name":"p1","arguments":[]})"))) == -32602);
  CHECK(errorCode(call(*f.session, rpcRequest(5, "prompts/get", R"({"arguments":{}})"))) == -32602);
}

TEST_CASE("prompts/get answers internal error when the provider fails for another reason",
          "[protocol]") {
  PromptFixture f;
  CHECK(errorCode(call(*f.session, rpcRequest(1, "prompts/get", R"({"name":"broken"})"))) ==
        -32603);
}

TEST_CASE("prompts methods are method-not-found on a server without prompts", "[protocol]") {
  PromptFixture f(false);
  CHECK(errorCode(call(*f.session, rpcRequest(1, "prompts/list"))) == -32601);
  CHECK(errorCode(call(*f.session, rpcRequest(2, "prompts/get", R"({"name":"p1"})"))) == -32601);
}
