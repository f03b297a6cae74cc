#pragma once

// The prompts/* methods (MCP server features, "Prompts") over the server's
// PromptProvider; method-not-found without one. Thread-safe.

#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/outcome.h"
#include "mcpd/protocol/request_context.h"
#include "mcpd/protocol/server.h"

namespace mcpd::protocol {

// prompts/list, a page at a time (cursor).
Outcome listPrompts(const Server& server, const jsonrpc::Message& request);

// prompts/get with optional string arguments; an unknown prompt or a missing argument
// is invalid params (-32602).
Outcome getPrompt(const Server& server, const jsonrpc::Message& request, RequestContext& context);

}  // namespace mcpd::protocol
