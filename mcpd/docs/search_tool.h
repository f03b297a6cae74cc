#pragma once

// SearchTool: the `search` tool in the shape ChatGPT's connector contract requires
// (one text item holding {"results":[{"id","title","url"}]}, each result also carrying a
// snippet and the document's language), plus structuredContent and an output schema.
// Arguments: query (required), limit (1-50, default 10), language (ISO 639-1).

#include <memory>

#include "mcpd/docs/library.h"
#include "mcpd/protocol/tool.h"

namespace mcpd::docs {

class SearchTool final : public protocol::Tool {
 public:
  explicit SearchTool(std::shared_ptr<const Library> library);
  const protocol::ToolSpec& spec() const override { return spec_; }
  protocol::ToolResult call(const Poco::JSON::Object::Ptr& arguments,
                            protocol::RequestContext& context) const override;

 private:
  std::shared_ptr<const Library> library_;
  protocol::ToolSpec spec_;
};

}  // namespace mcpd::docs
