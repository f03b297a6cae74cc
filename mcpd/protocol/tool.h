#pragma once

// Tool: one MCP tool. The registry in Server lists them (tools/list) and calls them
// (tools/call). A tool describes itself once; call() may run on many threads at once.
// Failures the model should see (bad arguments, nothing found) are results with
// is_error set, not exceptions or protocol errors (MCP tools: "Error Handling").

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <memory>
#include <string>

#include "mcpd/protocol/request_context.h"

namespace mcpd::protocol {

struct ToolSpec {
  std::string name;
  std::string title;  // human-readable; sent as "title" (2025-06-18+) and annotations.title
  std::string description;
  Poco::JSON::Object::Ptr input_schema;   // JSON Schema, type "object"
  Poco::JSON::Object::Ptr output_schema;  // null when the tool has no structured output
  bool read_only = true;                  // annotations.readOnlyHint
  bool open_world = false;                // annotations.openWorldHint
};

struct ToolResult {
  Poco::JSON::Array::Ptr content = new Poco::JSON::Array;  // content items
  Poco::JSON::Object::Ptr structured;                      // structuredContent, or null
  Poco::JSON::Object::Ptr meta;                            // the result's _meta, or null
  bool is_error = false;
  // content and structured as JSON text, set by prerender() for a result that is sent many
  // times (the protocol layer then sends the text instead of walking the values again), or
  // by a tool that writes its JSON directly (then content and structured may stay empty;
  // structuredContent is sent when either form of it is set).
  std::shared_ptr<const std::string> content_json;
  std::shared_ptr<const std::string> structured_json;

  void prerender();

  // A result whose only content is one text item.
  static ToolResult text(const std::string& text);
  // A result carrying `structured` both as JSON text and as structuredContent.
  static ToolResult structuredJson(const Poco::JSON::Object::Ptr& structured);
  // A failure the model can read and act on.
  static ToolResult error(const std::string& message);
};

class Tool {
 public:
  virtual ~Tool() = default;
  virtual const ToolSpec& spec() const = 0;
  // Runs the tool. `arguments` is never null (an empty object when none were sent).
  virtual ToolResult call(const Poco::JSON::Object::Ptr& arguments,
                          RequestContext& context) const = 0;
};

}  // namespace mcpd::protocol
