#pragma once

// completion/complete (MCP server utilities, "Completion") over the server's
// CompletionProvider; method-not-found without one. Thread-safe.

#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/outcome.h"
#include "mcpd/protocol/server.h"

namespace mcpd::protocol {

// Most values one completion result may carry (MCP completion: "maximum 100 items").
inline constexpr std::size_t kMaxCompletionValues = 100;

// completion/complete: checks ref ("ref/prompt" with a name or "ref/resource" with a
// uri), argument {name, value} and the optional context.arguments, asks the provider and
// answers {"completion": {values, total?, hasMore}} with at most kMaxCompletionValues.
Outcome complete(const Server& server, const jsonrpc::Message& request);

}  // namespace mcpd::protocol
