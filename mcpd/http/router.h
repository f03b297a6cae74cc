#pragma once

// Router: maps a request to its handler; the only place that knows mcpd's URLs:
//   /healthz                 liveness, no checks
//   /readyz                  200 when serving MCP, 503 while waiting (for a certificate);
//                            the body names the documentation's version
//                            ("ready\ndocs sha256:...\n") so replicas can be compared
//   /metrics                 Prometheus text
//   /mcp                     Streamable HTTP
//   /sse, /message           legacy HTTP+SSE
//   /                        the landing page (mcpd/web), or without one a short text
//   /app.js, /app.css        the landing page's script and style
//   /api/search              JSON search over the same documentation as MCP's `search`
// MCP and web requests pass the RequestGuard first (403 otherwise). A router without
// transports (the plain health port of a TLS server) answers only the operational
// endpoints, and at "/" a line saying so. Poco
// calls createRequestHandler() from worker threads concurrently, and the front thread
// quickAnswer(); the router is immutable.

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "mcpd/http/request_guard.h"
#include "mcpd/transport/transport_context.h"
#include "mcpd/web/site.h"
#include "shared/http/serve_options.h"

namespace mcpd::http {

// What the operational endpoints report; called from worker threads, and ready() and
// docs_version() from the front thread too: they must not block.
struct OpsEndpoints {
  std::function<bool()> ready = [] { return true; };
  std::function<std::string()> docs_version = [] { return std::string(); };
  std::function<std::string()> metrics = [] { return std::string(); };
};

class Router final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  // `transports` null: operational endpoints only. `site` null: no landing page (it needs
  // transports too); it must outlive the router.
  Router(transport::TransportContext* transports, RequestGuard guard, OpsEndpoints ops = {},
         const web::Site* site = nullptr)
      : transports_(transports), guard_(std::move(guard)), ops_(std::move(ops)), site_(site) {}

  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& request) override;

  // The answers of /healthz and /readyz: fixed text that costs nothing to make, which the
  // front thread sends itself (shared::http::QuickAnswers); nullopt for any other path.
  std::optional<shared::http::QuickAnswer> quickAnswer(std::string_view path) const;

 private:
  transport::TransportContext* const transports_;
  const RequestGuard guard_;
  const OpsEndpoints ops_;
  const web::Site* const site_;
};

}  // namespace mcpd::http
