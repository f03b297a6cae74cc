#pragma once

// The Streamable HTTP transport (MCP 2025-03-26 and later) at one endpoint, /mcp:
//   POST   a JSON-RPC message; 202 for notifications and responses; a JSON reply, or an
//          SSE stream when messages (progress, logs) precede the reply. A sessionless
//          initialize opens a session and the reply carries Mcp-Session-Id.
//   GET    405: mcpd sends nothing unprompted, so it offers no standalone stream.
//   DELETE ends the session.
// Status codes: 400 missing session or unsupported MCP-Protocol-Version, 404 unknown
// session, 406 Accept, 413 body size, 415 Content-Type, 429/503 session limits.
// It knows JSON-RPC framing only through the protocol layer and names no MCP method.

#include <Poco/Net/HTTPRequestHandler.h>

#include "mcpd/transport/transport_context.h"

namespace mcpd::transport {

class StreamableHttpHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit StreamableHttpHandler(TransportContext& context) : context_(context) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

 private:
  void post(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);
  void remove(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);

  TransportContext& context_;
};

}  // namespace mcpd::transport
