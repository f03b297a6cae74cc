#pragma once

// The Streamable HTTP transport (MCP 2025-03-26 and later) at one endpoint, /mcp:
//   POST   a JSON-RPC message; 202 for notifications and responses; a JSON reply, or an
//          SSE stream when messages (progress, logs, requests to the client) precede the
//          reply. A sessionless initialize opens a session and the reply carries
//          Mcp-Session-Id. A handler may wait for the client's answer to its request,
//          which arrives in another POST.
//   GET    a standalone SSE stream for messages that answer no request (resource
//          updates), one per session, when the server has such messages; otherwise 405,
//          as for mcpd's own server, which sends nothing unprompted.
//   DELETE ends the session and wakes whatever waits on it.
// SSE streams start with a priming event (an id, empty data and a retry interval;
// SEP-1699) and every event carries an id; Last-Event-ID is not honoured (no replay).
// Status codes: 400 missing session or unsupported MCP-Protocol-Version, 404 unknown
// session, 406 Accept, 409 second standalone stream, 413 body size, 415 Content-Type,
// 429/503 session and stream limits.
// Requests of the stateless era (MCP 2026-07-28, decided per request by the protocol layer
// from what the request carries) go to stateless_http.h instead; everything above is the
// session-based revisions' behaviour.
// It knows JSON-RPC framing only through the protocol layer and names no MCP method.

#include <Poco/Net/HTTPRequestHandler.h>

#include "mcpd/transport/transport_context.h"

namespace mcpd::transport {

class StreamableHttpHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit StreamableHttpHandler(TransportContext& context) : context_(context) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  void post(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);
  // Holds this worker thread for the life of the stream.
  void get(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);
  void remove(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);

  TransportContext& context_;
};

}  // namespace mcpd::transport
