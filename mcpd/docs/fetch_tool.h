#pragma once

// FetchTool: the `fetch` tool of ChatGPT's connector contract: given an id from search
// results, one text item holding {"id","title","text","url","metadata"}, plus
// structuredContent and an output schema. An unknown id is an isError result.

#include <memory>

#include "mcpd/docs/library.h"
#include "mcpd/protocol/tool.h"

namespace mcpd::docs {

class FetchTool final : public protocol::Tool {
 public:
  explicit FetchTool(std::shared_ptr<const Library> library);
  const protocol::ToolSpec& spec() const override { return spec_; }
  protocol::ToolResult call(const Poco::JSON::Object::Ptr& arguments,
                            protocol::RequestContext& context) const override;

 private:
  std::shared_ptr<const Library> library_;
  protocol::ToolSpec spec_;
};

}  // namespace mcpd::docs
