#pragma once

// tools/list and tools/call over a Server's tools, shared by both eras: a legacy Session
// and the stateless dispatcher call the same code, and the revision in the context
// decides which fields a client sees. Thread-safe (the tools are).

#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/outcome.h"
#include "mcpd/protocol/request_context.h"
#include "mcpd/protocol/server.h"

namespace mcpd::protocol {

// ListToolsResult for the context's revision, tools in registration order.
Outcome listTools(const Server& server, const RequestContext& context);

// CallToolResult, or invalid params for an unknown tool or bad arguments. A tool that
// asks for input (context.requireInput) outside the stateless era gets an error result.
Outcome callTool(const Server& server, const jsonrpc::Message& request, RequestContext& context);

}  // namespace mcpd::protocol
