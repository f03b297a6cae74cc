#pragma once

// Streamable HTTP in the stateless era (MCP 2026-07-28) on the same /mcp endpoint as the
// session-based revisions. StreamableHttpHandler reads what a request carries and asks
// the protocol layer which era it belongs to; requests of the stateless era come here:
//   POST   one JSON-RPC request, answered with JSON, or with an SSE stream when messages
//          (progress, requested logs) precede the reply; 202 for a notification. A
//          subscriptions/listen request keeps its stream open for change notifications.
//   GET, DELETE  405: there is no standalone stream and no session to end.
// Status codes come from the protocol's answer: 400 for a malformed request (missing
// _meta, unsupported revision, header mismatch, missing client capability), 404 for a
// method this era does not have; each with a JSON-RPC error that carries the request id.
// No Mcp-Session-Id is minted or echoed, and SSE events carry no ids (no resumption).
// Names no MCP method: the protocol layer reads the body.

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <string>

#include "mcpd/protocol/request_metadata.h"
#include "mcpd/transport/transport_context.h"

namespace mcpd::transport {

// What the request carries outside its body, read from its HTTP headers.
protocol::RequestMetadata requestMetadata(const Poco::Net::HTTPServerRequest& request);

// Serves a stateless-era POST whose body has been read.
void serveStatelessPost(TransportContext& context, Poco::Net::HTTPServerRequest& request,
                        Poco::Net::HTTPServerResponse& response, const std::string& body,
                        const protocol::RequestMetadata& metadata);

// Answers GET and DELETE of the stateless era: 405 with Allow: POST.
void refuseStatelessMethod(Poco::Net::HTTPServerResponse& response);

}  // namespace mcpd::transport
