#include "mcpd/protocol/tool_methods.h"

#include <Poco/JSON/Array.h>

#include "mcpd/jsonrpc/json_writer.h"
#include "mcpd/protocol/params.h"
#include "mcpd/protocol/versions.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace mcpd::protocol {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr toolJson(const ToolSpec& spec, const std::string& version) {
  auto tool = newObject();
  tool->set("name", spec.name);
  if (hasStructuredOutput(version)) tool->set("title", spec.title);
  tool->set("description", spec.description);
  tool->set("inputSchema", spec.input_schema);
  if (hasStructuredOutput(version) && spec.output_schema)
    tool->set("outputSchema", spec.output_schema);
  if (hasToolAnnotations(version)) {
    auto annotations = newObject();
    annotations->set("title", spec.title);
    annotations->set("readOnlyHint", spec.read_only);
    annotations->set("destructiveHint", false);
    annotations->set("idempotentHint", spec.read_only);
    annotations->set("openWorldHint", spec.open_world);
    tool->set("annotations", annotations);
  }
  return tool;
}

}  // namespace

Outcome listTools(const Server& server, const RequestContext& context) {
  Array::Ptr tools = new Array;
  for (const auto& tool : server.tools())
    tools->add(toolJson(tool->spec(), context.protocolVersion()));
  auto result = newObject();
  result->set("tools", tools);
  return Outcome::ok(result);
}

Outcome callTool(const Server& server, const jsonrpc::Message& request, RequestContext& context) {
  const auto name = stringParam(request, "name");
  if (!name) return Outcome::invalidParams("\"name\" must be a string");
  const Tool* tool = server.findTool(*name);
  if (tool == nullptr) return Outcome::invalidParams("Unknown tool: " + *name);

  Object::Ptr arguments = newObject();
  const Poco::Dynamic::Var raw = request.params->get("arguments");
  if (!raw.isEmpty()) {
    if (raw.type() != typeid(Object::Ptr))
      return Outcome::invalidParams("\"arguments\" must be an object");
    arguments = raw.extract<Object::Ptr>();
  }
  ToolResult tool_result;
  try {
    tool_result = tool->call(arguments, context);
  } catch (const std::exception& e) {
    shared::log::error(shared::log::get("mcpd.protocol"), "tool failed",
                       {{"tool", *name}, {"error", e.what()}});
    tool_result = ToolResult::error("The tool failed with an internal error.");
  }
  if (context.inputRequired() && !context.stateless()) {
    // A multi round-trip tool needs 2026-07-28; legacy clients are asked in-band instead.
    tool_result = ToolResult::error("This tool needs protocol revision " +
                                    std::string(kModernVersion) + " or later.");
  }
  auto result = newObject();
  using jsonrpc::RawJson;
  const auto either = [](const auto& values, const std::shared_ptr<const std::string>& json) {
    return json ? Poco::Dynamic::Var(RawJson{json}) : Poco::Dynamic::Var(values);
  };
  result->set("content", either(tool_result.content, tool_result.content_json));
  if ((tool_result.structured || tool_result.structured_json) &&
      hasStructuredOutput(context.protocolVersion())) {
    result->set("structuredContent", either(tool_result.structured, tool_result.structured_json));
  }
  if (tool_result.is_error) result->set("isError", true);
  if (tool_result.meta) result->set("_meta", tool_result.meta);
  return Outcome::ok(result);
}

}  // namespace mcpd::protocol
