#pragma once

// The MCP server mcpd ships: its identity, the instructions a model reads, the search and
// fetch tools, the documents as resources, all reading the given library, and the
// answer_from_docs prompt.

#include <memory>

#include "mcpd/docs/library.h"
#include "mcpd/protocol/server.h"

namespace mcpd::app {

std::unique_ptr<protocol::Server> buildMcpServer(std::shared_ptr<const docs::Library> library);

}  // namespace mcpd::app
