// The test_* tools of the 2026-07-28 scenarios: multi round-trip tools that ask the client
// for input (InputRequiredResult) instead of sending it requests, and the diagnostic tools
// the stateless-server scenario probes. Each reads the client's answers from the retry
// (context.inputResponses) and its own earlier progress from the sealed requestState.

#include <Poco/JSON/Array.h>

#include <string>
#include <string_view>

#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/outcome.h"
#include "tests/mcp/conformance_server/fixture_tool.h"
#include "tests/mcp/conformance_server/fixture_tools.h"

namespace conformance {
namespace {

using mcpd::jsonrpc::parseObjectLiteral;
using mcpd::protocol::InputRequired;
using mcpd::protocol::LogLevel;
using mcpd::protocol::newObject;
using mcpd::protocol::RequestContext;
using mcpd::protocol::ToolResult;
using Poco::JSON::Object;

constexpr std::string_view kAskName = R"({"method": "elicitation/create", "params": {
  "message": "What is your name?",
  "requestedSchema": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}}})";
constexpr std::string_view kAskConfirm = R"({"method": "elicitation/create", "params": {
  "message": "Please confirm",
  "requestedSchema": {"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]}}})";
constexpr std::string_view kAskCapital = R"({"method": "sampling/createMessage", "params": {
  "messages": [{"role": "user", "content": {"type": "text", "text": "What is the capital of France?"}}],
  "maxTokens": 100}})";
constexpr std::string_view kAskGreeting = R"({"method": "sampling/createMessage", "params": {
  "messages": [{"role": "user", "content": {"type": "text", "text": "Generate a greeting"}}],
  "maxTokens": 50}})";
constexpr std::string_view kAskRoots = R"({"method": "roots/list", "params": {}})";
constexpr std::string_view kAskStep1 = R"({"method": "elicitation/create", "params": {
  "message": "Step 1: What is your name?",
  "requestedSchema": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}}})";
constexpr std::string_view kAskStep2 = R"({"method": "elicitation/create", "params": {
  "message": "Step 2: What is your favorite color?",
  "requestedSchema": {"type": "object", "properties": {"color": {"type": "string"}}, "required": ["color"]}}})";

// The client's answer under `key`, when it is an object.
Object::Ptr answer(const RequestContext& context, const std::string& key) {
  const Object::Ptr& responses = context.inputResponses();
  return responses ? responses->getObject(key) : nullptr;
}

// The string field `field` of an accepted elicitation answer under `key`.
std::optional<std::string> accepted(const RequestContext& context, const std::string& key,
                                    const std::string& field) {
  const Object::Ptr reply = answer(context, key);
  if (!reply || reply->optValue<std::string>("action", "") != "accept") return std::nullopt;
  const Object::Ptr content = reply->getObject("content");
  if (!content || content->get(field).isEmpty()) return std::nullopt;
  return content->get(field).convert<std::string>();
}

// The text of a sampling answer (CreateMessageResult) under `key`.
std::optional<std::string> sampled(const RequestContext& context, const std::string& key) {
  const Object::Ptr reply = answer(context, key);
  const Object::Ptr content = reply ? reply->getObject("content") : nullptr;
  if (!content || !content->get("text").isString()) return std::nullopt;
  return content->getValue<std::string>("text");
}

// The root URIs of a roots/list answer under `key`.
std::optional<std::string> roots(const RequestContext& context, const std::string& key) {
  const Object::Ptr reply = answer(context, key);
  const Poco::JSON::Array::Ptr list = reply ? reply->getArray("roots") : nullptr;
  if (!list) return std::nullopt;
  std::string uris;
  for (const auto& root : *list) {
    if (root.type() != typeid(Object::Ptr)) return std::nullopt;
    uris +=
        (uris.empty() ? "" : ", ") + root.extract<Object::Ptr>()->optValue<std::string>("uri", "");
  }
  return uris;
}

// Asks for the given requests (key -> JSON literal), keeping `state` for the retry.
ToolResult ask(RequestContext& context,
               std::initializer_list<std::pair<const char*, std::string_view>> requests,
               std::optional<std::string> state = std::nullopt) {
  auto map = newObject();
  for (const auto& [key, json] : requests) map->set(key, parseObjectLiteral(json));
  context.requireInput(InputRequired{map, std::move(state)});
  return ToolResult{};
}

void addTool(mcpd::protocol::Server& server, const char* name, const char* description,
             FixtureTool::Body body, std::string_view schema = kNoArguments) {
  server.addTool(std::make_shared<FixtureTool>(name, description, schema, std::move(body)));
}

}  // namespace

void addRoundTripTools(mcpd::protocol::Server& server) {
  addTool(server, "test_input_required_result_elicitation", "Asks the user's name, then greets",
          [](const Object::Ptr&, RequestContext& context) {
            if (auto name = accepted(context, "user_name", "name"))
              return ToolResult::text("Hello, " + *name + "!");
            return ask(context, {{"user_name", kAskName}});
          });
  addTool(server, "test_input_required_result_sampling", "Asks the client's model a question",
          [](const Object::Ptr&, RequestContext& context) {
            if (auto text = sampled(context, "capital_question"))
              return ToolResult::text("Sampling response: " + *text);
            return ask(context, {{"capital_question", kAskCapital}});
          });
  addTool(server, "test_input_required_result_list_roots", "Asks the client for its roots",
          [](const Object::Ptr&, RequestContext& context) {
            if (auto uris = roots(context, "client_roots"))
              return ToolResult::text("Client roots: " + *uris);
            return ask(context, {{"client_roots", kAskRoots}});
          });
  addTool(server, "test_input_required_result_request_state",
          "Asks for a confirmation and checks its own state on the retry",
          [](const Object::Ptr&, RequestContext& context) {
            const auto& state = context.requestState();
            if (state && *state == "confirm-pending" && answer(context, "confirm"))
              return ToolResult::text("state-ok: the request state came back intact");
            return ask(context, {{"confirm", kAskConfirm}}, "confirm-pending");
          });
  addTool(server, "test_input_required_result_tampered_state",
          "Asks for a confirmation with integrity-protected state",
          [](const Object::Ptr&, RequestContext& context) {
            if (context.requestState() && answer(context, "confirm"))
              return ToolResult::text("state-ok");
            return ask(context, {{"confirm", kAskConfirm}}, "tamper-check");
          });
  addTool(server, "test_input_required_result_multiple_inputs",
          "Asks for a name, a greeting and the roots at once",
          [](const Object::Ptr&, RequestContext& context) {
            const auto name = accepted(context, "user_name", "name");
            const auto greeting = sampled(context, "greeting");
            const auto uris = roots(context, "client_roots");
            if (name && greeting && uris && context.requestState())
              return ToolResult::text(*greeting + " " + *name + " (roots: " + *uris + ")");
            return ask(
                context,
                {{"user_name", kAskName}, {"greeting", kAskGreeting}, {"client_roots", kAskRoots}},
                "multiple-inputs");
          });
  addTool(server, "test_input_required_result_multi_round",
          "Asks a name, then a colour, keeping what it learnt in the request state",
          [](const Object::Ptr&, RequestContext& context) {
            const std::string state = context.requestState().value_or("");
            if (state.starts_with("round2:")) {
              if (auto color = accepted(context, "step2", "color"))
                return ToolResult::text(state.substr(7) + " likes " + *color);
              return ask(context, {{"step2", kAskStep2}}, state);
            }
            if (state == "round1") {
              if (auto name = accepted(context, "step1", "name"))
                return ask(context, {{"step2", kAskStep2}}, "round2:" + *name);
            }
            return ask(context, {{"step1", kAskStep1}}, "round1");
          });
  addTool(server, "test_input_required_result_capabilities",
          "Asks only what the client declared it can answer",
          [](const Object::Ptr&, RequestContext& context) {
            if (auto name = accepted(context, "user_name", "name"))
              return ToolResult::text("Hello, " + *name + "!");
            if (auto text = sampled(context, "capital_question"))
              return ToolResult::text("Sampling response: " + *text);
            auto map = newObject();
            if (context.clientSupports("elicitation"))
              map->set("user_name", parseObjectLiteral(kAskName));
            if (context.clientSupports("sampling"))
              map->set("capital_question", parseObjectLiteral(kAskCapital));
            if (map->size() == 0) return ToolResult::error("The client can answer no question.");
            context.requireInput(InputRequired{map, std::nullopt});
            return ToolResult{};
          });
  // Diagnostics of the stateless-server scenario.
  addTool(server, "test_missing_capability", "Needs the client's sampling capability",
          [](const Object::Ptr&, RequestContext& context) {
            if (!context.clientSupports("sampling")) {
              context.requireCapability("sampling");
              return ToolResult{};
            }
            return ToolResult::text("The client declared sampling.");
          });
  addTool(server, "test_streaming_elicitation", "Reports progress, then asks for input",
          [](const Object::Ptr&, RequestContext& context) {
            context.progress(0, 1, "Asking the user");
            if (auto name = accepted(context, "user_name", "name"))
              return ToolResult::text("Hello, " + *name + "!");
            return ask(context, {{"user_name", kAskName}});
          });
  addTool(server, "test_logging_tool", "Logs at info level when the request asks for logs",
          [](const Object::Ptr&, RequestContext& context) {
            context.log(LogLevel::kInfo, "conformance-test-server", "Tool execution started");
            return ToolResult::text("Logged only when the request set a log level");
          });
  // SEP-2243: a parameter mirrored into the Mcp-Param-Region header.
  addTool(
      server, "test_header_param", "Echoes a region that clients mirror into a header",
      [](const Object::Ptr& arguments, RequestContext&) {
        return ToolResult::text("Region: " + arguments->optValue<std::string>("region", ""));
      },
      R"({"type": "object", "properties": {
                "region": {"type": "string", "description": "A region", "x-mcp-header": "Region"},
                "limit": {"type": "integer", "description": "How many", "x-mcp-header": "Limit"}},
              "required": ["region"]})");
}

}  // namespace conformance
