#pragma once

// Router: maps a request to its handler; the only place that knows mcpd's URLs:
//   /healthz                 liveness, no checks
//   /mcp                     Streamable HTTP
//   /sse, /message           legacy HTTP+SSE
//   /                        a short text saying where the endpoints are
// MCP requests pass the RequestGuard first (403 otherwise). Poco calls
// createRequestHandler() from worker threads concurrently; the router is immutable.

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "mcpd/http/request_guard.h"
#include "mcpd/transport/transport_context.h"

namespace mcpd::http {

class Router final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Router(transport::TransportContext& transports, RequestGuard guard)
      : transports_(transports), guard_(std::move(guard)) {}

  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& request) override;

 private:
  transport::TransportContext& transports_;
  const RequestGuard guard_;
};

}  // namespace mcpd::http
