#include "tests/mcp/conformance_server/fixture_tool.h"

#include "mcpd/jsonrpc/message.h"

namespace conformance {

FixtureTool::FixtureTool(std::string name, std::string description, std::string_view input_schema,
                         Body body)
    : body_(std::move(body)) {
  spec_.name = std::move(name);
  spec_.title = spec_.name;
  spec_.description = std::move(description);
  spec_.input_schema = mcpd::jsonrpc::parseObjectLiteral(input_schema);
}

}  // namespace conformance
