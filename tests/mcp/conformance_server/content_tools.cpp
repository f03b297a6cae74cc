#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/outcome.h"
#include "tests/mcp/conformance_server/fixture_data.h"
#include "tests/mcp/conformance_server/fixture_tool.h"
#include "tests/mcp/conformance_server/fixture_tools.h"

namespace conformance {
namespace {

using mcpd::protocol::newObject;
using mcpd::protocol::ToolResult;
using Poco::JSON::Object;

Object::Ptr text(const std::string& value) {
  auto item = newObject();
  item->set("type", "text");
  item->set("text", value);
  return item;
}

Object::Ptr media(const char* type, const char* data, const char* mime_type) {
  auto item = newObject();
  item->set("type", type);
  item->set("data", data);
  item->set("mimeType", mime_type);
  return item;
}

Object::Ptr embedded(const std::string& uri, const std::string& mime_type,
                     const std::string& content) {
  auto resource = newObject();
  resource->set("uri", uri);
  resource->set("mimeType", mime_type);
  resource->set("text", content);
  auto item = newObject();
  item->set("type", "resource");
  item->set("resource", resource);
  return item;
}

// A tool without arguments whose result is always `content`.
void addFixed(mcpd::protocol::Server& server, const std::string& name,
              const std::string& description, std::function<ToolResult()> result) {
  server.addTool(std::make_shared<FixtureTool>(
      name, description, kNoArguments,
      [result = std::move(result)](const Object::Ptr&, mcpd::protocol::RequestContext&) {
        return result();
      }));
}

// SEP-1613: the schema keeps $schema, $defs and additionalProperties as written.
constexpr std::string_view kJsonSchema202012 = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "$defs": {
    "address": {"$anchor": "addressDef", "type": "object",
                "properties": {"street": {"type": "string"}, "city": {"type": "string"}}}
  },
  "properties": {
    "name": {"type": "string"},
    "address": {"$ref": "#/$defs/address"},
    "contactMethod": {"type": "string", "enum": ["phone", "email"]},
    "phone": {"type": "string"},
    "email": {"type": "string"}
  },
  "allOf": [{"anyOf": [{"required": ["phone"]}, {"required": ["email"]}]}],
  "if": {"properties": {"contactMethod": {"const": "phone"}}, "required": ["contactMethod"]},
  "then": {"required": ["phone"]},
  "else": {"required": ["email"]},
  "additionalProperties": false
})json";

}  // namespace

void addContentTools(mcpd::protocol::Server& server) {
  addFixed(server, "test_simple_text", "Tests simple text content response",
           [] { return ToolResult::text("This is a simple text response for testing."); });
  addFixed(server, "test_image_content", "Tests image content response", [] {
    ToolResult result;
    result.content->add(media("image", kPngBase64, "image/png"));
    return result;
  });
  addFixed(server, "test_audio_content", "Tests audio content response", [] {
    ToolResult result;
    result.content->add(media("audio", kWavBase64, "audio/wav"));
    return result;
  });
  addFixed(server, "test_embedded_resource", "Tests embedded resource content response", [] {
    ToolResult result;
    result.content->add(embedded("test://embedded-resource", "text/plain",
                                 "This is an embedded resource content."));
    return result;
  });
  addFixed(server, "test_multiple_content_types",
           "Tests response with multiple content types (text, image, resource)", [] {
             ToolResult result;
             result.content->add(text("Multiple content types test:"));
             result.content->add(media("image", kPngBase64, "image/png"));
             result.content->add(embedded("test://mixed-content-resource", "application/json",
                                          R"({"test":"data","value":123})"));
             return result;
           });
  addFixed(server, "test_error_handling", "Tests error response handling", [] {
    return ToolResult::error("This tool intentionally returns an error for testing");
  });
  server.addTool(std::make_shared<FixtureTool>(
      "json_schema_2020_12_tool",
      "Tool with JSON Schema 2020-12 features for conformance testing (SEP-1613)",
      kJsonSchema202012, [](const Object::Ptr& arguments, mcpd::protocol::RequestContext&) {
        return ToolResult::text("JSON Schema 2020-12 tool called with: " +
                                mcpd::jsonrpc::toJson(arguments));
      }));
}

}  // namespace conformance
