#include "tests/mcpd/support/test_server.h"

#include <chrono>
#include <stdexcept>
#include <thread>

#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/outcome.h"

namespace testing {
namespace {

using mcpd::protocol::RequestContext;
using mcpd::protocol::ToolResult;
using mcpd::protocol::ToolSpec;

class FixtureTool final : public mcpd::protocol::Tool {
 public:
  using Body = std::function<ToolResult(const Poco::JSON::Object::Ptr&, RequestContext&)>;
  FixtureTool(std::string name, Body body, bool structured) : body_(std::move(body)) {
    spec_.name = std::move(name);
    spec_.title = "Fixture " + spec_.name;
    spec_.description = "A test fixture.";
    spec_.input_schema = mcpd::jsonrpc::parseObjectLiteral(R"({"type":"object"})");
    if (structured) spec_.output_schema = mcpd::jsonrpc::parseObjectLiteral(R"({"type":"object"})");
  }
  const ToolSpec& spec() const override { return spec_; }
  ToolResult call(const Poco::JSON::Object::Ptr& arguments,
                  RequestContext& context) const override {
    return body_(arguments, context);
  }

 private:
  ToolSpec spec_;
  Body body_;
};

class FixtureResources final : public mcpd::protocol::ResourceProvider {
 public:
  explicit FixtureResources(std::size_t count) : count_(count) {}
  mcpd::protocol::ResourcePage list(std::size_t offset, std::size_t limit) const override {
    mcpd::protocol::ResourcePage page;
    for (std::size_t i = offset; i < count_ && i < offset + limit; ++i) {
      auto r = mcpd::protocol::newObject();
      r->set("uri", "test://item/" + std::to_string(i));
      r->set("name", "item " + std::to_string(i));
      page.resources->add(r);
    }
    page.more = offset + limit < count_;
    return page;
  }
  std::optional<Poco::JSON::Array::Ptr> read(const std::string& uri) const override {
    for (std::size_t i = 0; i < count_; ++i) {
      if (uri == "test://item/" + std::to_string(i)) {
        auto c = mcpd::protocol::newObject();
        c->set("uri", uri);
        c->set("text", "content of item " + std::to_string(i));
        Poco::JSON::Array::Ptr contents = new Poco::JSON::Array;
        contents->add(c);
        return contents;
      }
    }
    return std::nullopt;
  }

 private:
  std::size_t count_;
};

}  // namespace

std::unique_ptr<mcpd::protocol::Server> makeTestServer(std::size_t resource_count,
                                                       std::size_t page_size) {
  auto server = std::make_unique<mcpd::protocol::Server>(
      mcpd::protocol::ServerInfo{.name = "test-server",
                                 .title = "Test server",
                                 .version = "1.0",
                                 .instructions = "Use echo.",
                                 .page_size = page_size});
  server->addTool(std::make_shared<FixtureTool>(
      "echo",
      [](const Poco::JSON::Object::Ptr& args, RequestContext&) {
        auto structured = mcpd::protocol::newObject();
        structured->set("echo", args->optValue<std::string>("text", ""));
        return ToolResult::structuredJson(structured);
      },
      true));
  server->addTool(std::make_shared<FixtureTool>(
      "fail",
      [](const Poco::JSON::Object::Ptr&, RequestContext&) {
        return ToolResult::error("it failed");
      },
      false));
  server->addTool(std::make_shared<FixtureTool>(
      "progress",
      [](const Poco::JSON::Object::Ptr&, RequestContext& context) {
        context.progress(1, 2, "half");
        context.log(mcpd::protocol::LogLevel::kInfo, "fixture", "working");
        context.progress(2, 2, "done");
        return ToolResult::text("finished");
      },
      false));
  server->addTool(std::make_shared<FixtureTool>(
      "throws",
      [](const Poco::JSON::Object::Ptr&, RequestContext&) -> ToolResult {
        throw std::runtime_error("bug");
      },
      false));
  server->addTool(std::make_shared<FixtureTool>(
      "wait_cancel",
      [](const Poco::JSON::Object::Ptr&, RequestContext& context) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (!context.cancelled() && std::chrono::steady_clock::now() < deadline) {
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return ToolResult::text(context.cancelled() ? "cancelled" : "timed out");
      },
      false));
  server->setResources(std::make_shared<FixtureResources>(resource_count));
  return server;
}

}  // namespace testing
