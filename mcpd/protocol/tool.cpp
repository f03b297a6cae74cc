#include "mcpd/protocol/tool.h"

#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/outcome.h"

namespace mcpd::protocol {

ToolResult ToolResult::text(const std::string& text) {
  ToolResult result;
  auto item = newObject();
  item->set("type", "text");
  item->set("text", text);
  result.content->add(item);
  return result;
}

ToolResult ToolResult::structuredJson(const Poco::JSON::Object::Ptr& structured) {
  ToolResult result = text(jsonrpc::toJson(structured));
  result.structured = structured;
  return result;
}

void ToolResult::prerender() {
  content_json = std::make_shared<const std::string>(jsonrpc::toJson(content));
  if (structured)
    structured_json = std::make_shared<const std::string>(jsonrpc::toJson(structured));
}

ToolResult ToolResult::error(const std::string& message) {
  ToolResult result = text(message);
  result.is_error = true;
  return result;
}

}  // namespace mcpd::protocol
