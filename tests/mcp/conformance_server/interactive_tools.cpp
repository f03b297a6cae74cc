#include <chrono>
#include <thread>

#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/outcome.h"
#include "tests/mcp/conformance_server/fixture_data.h"
#include "tests/mcp/conformance_server/fixture_tool.h"
#include "tests/mcp/conformance_server/fixture_tools.h"

namespace conformance {
namespace {

using mcpd::protocol::LogLevel;
using mcpd::protocol::newObject;
using mcpd::protocol::RequestContext;
using mcpd::protocol::ToolResult;
using Poco::JSON::Object;

// How long a tool waits for the client to answer a sampling or elicitation request.
constexpr std::chrono::seconds kClientTimeout{30};
// The pause between messages the scenarios ask for ("~50ms"), so that each arrives alone.
constexpr std::chrono::milliseconds kStep{50};

constexpr std::string_view kElicitationSchema = R"json({
  "type": "object",
  "properties": {
    "username": {"type": "string", "description": "User's response"},
    "email": {"type": "string", "description": "User's email address"}
  },
  "required": ["username", "email"]
})json";

// SEP-1034: a default for every primitive type.
constexpr std::string_view kDefaultsSchema = R"json({
  "type": "object",
  "properties": {
    "name": {"type": "string", "description": "User name", "default": "John Doe"},
    "age": {"type": "integer", "description": "User age", "default": 30},
    "score": {"type": "number", "description": "User score", "default": 95.5},
    "status": {"type": "string", "description": "User status", "enum": ["active", "inactive", "pending"],
               "default": "active"},
    "verified": {"type": "boolean", "description": "Verification status", "default": true}
  },
  "required": []
})json";

// SEP-1330: the five enum shapes.
constexpr std::string_view kEnumsSchema = R"json({
  "type": "object",
  "properties": {
    "untitledSingle": {"type": "string", "description": "Select one option", "enum": ["option1", "option2", "option3"]},
    "titledSingle": {"type": "string", "description": "Select one option with titles",
                     "oneOf": [{"const": "value1", "title": "First Option"},
                               {"const": "value2", "title": "Second Option"},
                               {"const": "value3", "title": "Third Option"}]},
    "legacyEnum": {"type": "string", "description": "Select one option (legacy)", "enum": ["opt1", "opt2", "opt3"],
                   "enumNames": ["Option One", "Option Two", "Option Three"]},
    "untitledMulti": {"type": "array", "description": "Select multiple options", "minItems": 1, "maxItems": 3,
                      "items": {"type": "string", "enum": ["option1", "option2", "option3"]}},
    "titledMulti": {"type": "array", "description": "Select multiple options with titles", "minItems": 1,
                    "maxItems": 3,
                    "items": {"anyOf": [{"const": "value1", "title": "First Choice"},
                                        {"const": "value2", "title": "Second Choice"},
                                        {"const": "value3", "title": "Third Choice"}]}}
  },
  "required": []
})json";

// Sends elicitation/create and describes the answer as "<prefix>: action=..., content=...".
ToolResult elicit(RequestContext& context, const std::string& message, std::string_view schema,
                  const std::string& prefix) {
  auto params = newObject();
  params->set("message", message);
  params->set("requestedSchema", mcpd::jsonrpc::parseObjectLiteral(schema));
  auto answer = context.requestClient("elicitation/create", params, kClientTimeout);
  if (!answer) return ToolResult::error("Elicitation failed: " + answer.status().message());
  if (answer->type() != typeid(Object::Ptr))
    return ToolResult::error("Elicitation failed: the answer is not an object");
  const Object::Ptr result = answer->extract<Object::Ptr>();
  const Poco::Dynamic::Var content = result->get("content");
  return ToolResult::text(
      prefix + ": action=" + result->optValue<std::string>("action", "") +
      ", content=" + (content.isEmpty() ? "{}" : mcpd::jsonrpc::toJson(content)));
}

// The text of a CreateMessageResult, whose content is one block or (2025-11-25) a list.
std::string sampledText(const Object::Ptr& result) {
  Poco::Dynamic::Var content = result->get("content");
  if (content.type() == typeid(Poco::JSON::Array::Ptr)) {
    const auto blocks = content.extract<Poco::JSON::Array::Ptr>();
    content = blocks->size() > 0 ? blocks->get(0) : Poco::Dynamic::Var();
  }
  if (content.type() != typeid(Object::Ptr)) return "";
  return content.extract<Object::Ptr>()->optValue<std::string>("text", "");
}

}  // namespace

void addInteractiveTools(mcpd::protocol::Server& server,
                         std::shared_ptr<const FixtureResources> resources) {
  server.addTool(std::make_shared<FixtureTool>(
      "test_tool_with_logging", "Tests tool that emits log messages during execution", kNoArguments,
      [](const Object::Ptr&, RequestContext& context) {
        context.log(LogLevel::kInfo, "conformance-test-server", "Tool execution started");
        std::this_thread::sleep_for(kStep);
        context.log(LogLevel::kInfo, "conformance-test-server", "Tool processing data");
        std::this_thread::sleep_for(kStep);
        context.log(LogLevel::kInfo, "conformance-test-server", "Tool execution completed");
        return ToolResult::text("Tool with logging executed successfully");
      }));
  server.addTool(std::make_shared<FixtureTool>(
      "test_tool_with_progress", "Tests tool that reports progress notifications", kNoArguments,
      [](const Object::Ptr&, RequestContext& context) {
        for (int step = 0; step <= 100; step += 50) {
          if (step > 0) std::this_thread::sleep_for(kStep);
          context.progress(step, 100, "Completed step " + std::to_string(step) + " of 100");
        }
        return ToolResult::text("Tool with progress executed successfully");
      }));
  server.addTool(std::make_shared<FixtureTool>(
      "test_sampling", "Tests server-initiated sampling (LLM completion request)",
      R"({"type":"object","properties":{"prompt":{"type":"string","description":"The prompt to send to the LLM"}},
          "required":["prompt"]})",
      [](const Object::Ptr& arguments, RequestContext& context) {
        auto content = newObject();
        content->set("type", "text");
        content->set("text", arguments->optValue<std::string>("prompt", ""));
        auto message = newObject();
        message->set("role", "user");
        message->set("content", content);
        Poco::JSON::Array::Ptr messages = new Poco::JSON::Array;
        messages->add(message);
        auto params = newObject();
        params->set("messages", messages);
        params->set("maxTokens", 100);
        auto answer = context.requestClient("sampling/createMessage", params, kClientTimeout);
        if (!answer) return ToolResult::error("Sampling failed: " + answer.status().message());
        if (answer->type() != typeid(Object::Ptr))
          return ToolResult::error("Sampling failed: the answer is not an object");
        return ToolResult::text("LLM response: " + sampledText(answer->extract<Object::Ptr>()));
      }));
  server.addTool(std::make_shared<FixtureTool>(
      "test_elicitation", "Tests server-initiated elicitation (user input request)",
      R"({"type":"object","properties":{"message":{"type":"string","description":"The message to show the user"}},
          "required":["message"]})",
      [](const Object::Ptr& arguments, RequestContext& context) {
        return elicit(context, arguments->optValue<std::string>("message", ""), kElicitationSchema,
                      "User response");
      }));
  server.addTool(std::make_shared<FixtureTool>(
      "test_elicitation_sep1034_defaults", "Tests elicitation with default values per SEP-1034",
      kNoArguments, [](const Object::Ptr&, RequestContext& context) {
        return elicit(context, "Please review and update the form fields with defaults",
                      kDefaultsSchema, "Elicitation completed");
      }));
  server.addTool(std::make_shared<FixtureTool>(
      "test_elicitation_sep1330_enums",
      "Tests elicitation with enum schema improvements per SEP-1330", kNoArguments,
      [](const Object::Ptr&, RequestContext& context) {
        return elicit(context, "Please select options from the enum fields", kEnumsSchema,
                      "Elicitation completed");
      }));
  const mcpd::protocol::Server* notifier = &server;
  server.addTool(std::make_shared<FixtureTool>(
      "test_touch_watched_resource",
      "Changes test://watched-resource and sends notifications/resources/updated to its "
      "subscribers",
      kNoArguments, [notifier, resources](const Object::Ptr&, RequestContext&) {
        resources->touch();
        const std::size_t told = notifier->resourceUpdated(kWatchedUri);
        return ToolResult::text("Watched resource changed; subscribers notified: " +
                                std::to_string(told));
      }));
}

}  // namespace conformance
