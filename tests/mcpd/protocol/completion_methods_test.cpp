#include "mcpd/protocol/completion_methods.h"

#include <catch2/catch.hpp>

#include "mcpd/protocol/session.h"
#include "tests/mcpd/support/session_driver.h"
#include "tests/mcpd/support/test_server.h"

using mcpd::protocol::Completion;
using mcpd::protocol::CompletionRequest;
using protocol_testing::call;
using protocol_testing::errorCode;
using protocol_testing::initializeRequest;
using protocol_testing::rpcRequest;

namespace {

// Completes "city" of prompt "travel" from a word list, "id" of template "test://{id}"
// with 250 numbers, and remembers the last request it saw.
class RecordingCompletions final : public mcpd::protocol::CompletionProvider {
 public:
  shared::Result<Completion> complete(const CompletionRequest& request) const override {
    last = request;
    Completion completion;
    if (request.target == CompletionRequest::Target::kPrompt && request.ref == "travel" &&
        request.argument == "city") {
      for (const char* city : {"paris", "parma", "porto"}) {
        if (std::string(city).starts_with(request.value)) completion.values.push_back(city);
      }
      completion.total = completion.values.size();
      return completion;
    }
    if (request.target == CompletionRequest::Target::kResourceTemplate &&
        request.ref == "test://{id}") {
      for (int i = 0; i < 250; ++i) completion.values.push_back(std::to_string(i));
      return completion;
    }
    return shared::Status::notFound("no completions for " + request.ref);
  }
  mutable CompletionRequest last;  // tests run single-threaded
};

struct CompletionFixture {
  std::unique_ptr<mcpd::protocol::Server> server = testing::makeTestServer();
  std::shared_ptr<RecordingCompletions> completions = std::make_shared<RecordingCompletions>();
  std::unique_ptr<mcpd::protocol::Session> session;
  CompletionFixture() {
    server->setCompletions(completions);
    session = server->newSession();
  }
};

std::string completeParams(const std::string& ref, const std::string& name,
                           const std::string& value, const std::string& extra = "") {
  return R"({"ref":)" + ref + R"(,"argument":{"name":")" + name + R"(","value":")" + value +
         R"("})" + extra + "}";
}

}  // namespace

TEST_CASE("the completions capability is declared only when the server has a completion provider",
          "[protocol]") {
  auto plain = testing::makeTestServer();
  CHECK_FALSE(call(*plain->newSession(), initializeRequest())
                  ->getObject("result")
                  ->getObject("capabilities")
                  ->has("completions"));
  CompletionFixture f;
  CHECK(call(*f.session, initializeRequest())
            ->getObject("result")
            ->getObject("capabilities")
            ->has("completions"));
}

TEST_CASE("completion/complete suggests values for a prompt argument", "[protocol]") {
  CompletionFixture f;
  call(*f.session, initializeRequest());
  auto completion =
      call(*f.session,
           rpcRequest(1, "completion/complete",
                      completeParams(R"({"type":"ref/prompt","name":"travel"})", "city", "par")))
          ->getObject("result")
          ->getObject("completion");
  auto values = completion->getArray("values");
  REQUIRE(values->size() == 2);
  CHECK(values->getElement<std::string>(0) == "paris");
  CHECK(values->getElement<std::string>(1) == "parma");
  CHECK(completion->getValue<int>("total") == 2);
  CHECK_FALSE(completion->getValue<bool>("hasMore"));
}

TEST_CASE("completion/complete passes a resource template ref and the context arguments",
          "[protocol]") {
  CompletionFixture f;
  call(*f.session, initializeRequest());
  auto completion =
      call(*f.session,
           rpcRequest(1, "completion/complete",
                      completeParams(R"({"type":"ref/resource","uri":"test://{id}"})", "id", "",
                                     R"(,"context":{"arguments":{"owner":"me"}})")))
          ->getObject("result")
          ->getObject("completion");
  CHECK(f.completions->last.target == CompletionRequest::Target::kResourceTemplate);
  CHECK(f.completions->last.context == std::map<std::string, std::string>{{"owner", "me"}});
  // MCP completion: at most 100 values; the rest is announced with hasMore.
  CHECK(completion->getArray("values")->size() == 100);
  CHECK(completion->getValue<bool>("hasMore"));
}

TEST_CASE("completion/complete answers invalid params for a malformed or unknown ref or argument",
          "[protocol]") {
  CompletionFixture f;
  call(*f.session, initializeRequest());
  const char* bad[] = {
      R"({"argument":{"name":"city","value":"p"}})",
      R"({"ref":{"type":"ref/tool","name":"travel"},"argument":{"name":"city","value":"p"}})",
      R"({"ref":{"type":"ref/prompt"},"argument":{"name":"city","value":"p"}})",
      R"({"ref":{"type":"ref/resource","name":"x"},"argument":{"name":"city","value":"p"}})",
      R"({"ref":{"type":"ref/prompt","name":"travel"}})",
      R"({"ref":{"type":"ref/prompt","name":"travel"},"argument":{"name":"city","value":1}})",
      R"({"ref":{"type":"ref/prompt","name":"travel"},"argument":{"name":"city","value":"p"},"context":{"arguments":[]}})",
      R"({"ref":{"type":"ref/prompt","name":"nope"},"argument":{"name":"city","value":"p"}})",
  };
  int id = 1;
  for (const char* params : bad) {
    INFO(params);
    CHECK(errorCode(call(*f.session, rpcRequest(id++, "completion/complete", params))) == -32602);
  }
}

TEST_CASE("completion/complete is method-not-found on a server without completions", "[protocol]") {
  auto server = testing::makeTestServer();
  auto session = server->newSession();
  call(*session, initializeRequest());
  CHECK(errorCode(call(*session, rpcRequest(1, "completion/complete",
                                            completeParams(R"({"type":"ref/prompt","name":"x"})",
                                                           "a", "")))) == -32601);
}
