#pragma once

// The resources/* methods (MCP server features, "Resources") over the server's
// ResourceProvider and its subscription registry. Each checks its params; without a
// provider they answer method-not-found (templates/list answers an empty list), as do
// subscribe and unsubscribe when the provider is not subscribable. Thread-safe.

#include <memory>

#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/outbound_channel.h"
#include "mcpd/protocol/outcome.h"
#include "mcpd/protocol/request_context.h"
#include "mcpd/protocol/server.h"

namespace mcpd::protocol {

// resources/list, a page at a time (cursor).
Outcome listResources(const Server& server, const jsonrpc::Message& request);

// resources/read; an unknown URI is -32002 with data {"uri": ...}.
Outcome readResource(const Server& server, const jsonrpc::Message& request,
                     const RequestContext& context);

// resources/templates/list.
Outcome listResourceTemplates(const Server& server, const jsonrpc::Message& request);

// resources/subscribe for the session reachable through `channel`; an unknown URI is
// -32002. Updates reach the client through that channel.
Outcome subscribeResource(const Server& server, const jsonrpc::Message& request,
                          const std::shared_ptr<OutboundChannel>& channel);

// resources/unsubscribe; unsubscribing from something never subscribed succeeds.
Outcome unsubscribeResource(const Server& server, const jsonrpc::Message& request,
                            const OutboundChannel* channel);

}  // namespace mcpd::protocol
