#pragma once

// The legacy HTTP+SSE transport (MCP 2024-11-05), quarantined here so that removing it
// later is these two files and one routing block:
//   GET  /sse                       opens a session; the first event is `endpoint` with
//                                   the URL to POST to; replies arrive as `message` events;
//                                   a comment every keep-alive interval holds proxies open.
//   POST /message?sessionId=<id>    one JSON-RPC message; 202, the reply goes to the stream.
// Unknown session -> 404. A POST to /sse answers 405 so clients that try Streamable HTTP
// first fall back correctly.

#include <Poco/Net/HTTPRequestHandler.h>

#include "mcpd/transport/transport_context.h"

namespace mcpd::transport {

inline constexpr const char* kLegacySsePath = "/sse";
inline constexpr const char* kLegacyMessagePath = "/message";

// GET /sse: holds the worker thread for the life of the stream.
class LegacySseStreamHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit LegacySseStreamHandler(TransportContext& context) : context_(context) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  TransportContext& context_;
};

// POST /message?sessionId=...
class LegacyMessageHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit LegacyMessageHandler(TransportContext& context) : context_(context) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  TransportContext& context_;
};

}  // namespace mcpd::transport
