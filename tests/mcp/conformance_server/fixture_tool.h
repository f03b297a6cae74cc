#pragma once

// FixtureTool: a conformance fixture tool made of a name, a description, an input schema
// (JSON text) and a function. Immutable after construction; call() may run on many
// threads at once when the function allows it.

#include <Poco/JSON/Object.h>

#include <functional>
#include <string>
#include <string_view>

#include "mcpd/protocol/tool.h"

namespace conformance {

class FixtureTool final : public mcpd::protocol::Tool {
 public:
  using Body = std::function<mcpd::protocol::ToolResult(const Poco::JSON::Object::Ptr& arguments,
                                                        mcpd::protocol::RequestContext& context)>;
  FixtureTool(std::string name, std::string description, std::string_view input_schema, Body body);

  const mcpd::protocol::ToolSpec& spec() const override { return spec_; }
  mcpd::protocol::ToolResult call(const Poco::JSON::Object::Ptr& arguments,
                                  mcpd::protocol::RequestContext& context) const override {
    return body_(arguments, context);
  }

 private:
  mcpd::protocol::ToolSpec spec_;
  Body body_;
};

// An input schema without properties.
inline constexpr std::string_view kNoArguments = R"({"type":"object","properties":{}})";

}  // namespace conformance
