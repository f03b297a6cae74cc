#pragma once

// AdminServer: certd's optional plain-HTTP admin port (config admin_listen):
//   GET /healthz  200 "ok" while the process serves
//   GET /readyz   200 when every configured certificate is present and valid (the same
//                 verdict as `certd status`), else 503 with the reasons
//   GET /metrics  Prometheus text (metrics_text.h)
// Anything else is 404. It reads the certs and state directories on each request through
// the callbacks, so it never holds certd's locks. Served by the shared HTTP core
// (shared/http/http_server.h) with two workers (this port serves probes, not traffic):
// idle and slow connections wait in its front thread, never in a worker, under the same
// deadlines as mcpd's, so a few idle connections cannot starve the probes. A host left
// empty (":9180") binds every IPv4 interface. start()/stop() from one thread; the
// callbacks run on the server's threads and must be thread-safe.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "shared/net/host_port.h"
#include "shared/status.h"

namespace shared::http {
class HttpServer;
}

namespace certd::app {

struct AdminCallbacks {
  std::function<std::pair<bool, std::string>()> readiness;  // ready?, text for the body
  std::function<std::string()> metrics;                     // the /metrics body
};

class AdminServer {
 public:
  AdminServer(shared::net::HostPort address, AdminCallbacks callbacks);
  ~AdminServer();  // stops

  // Binds and starts serving; kIoError naming the address when the bind fails.
  shared::Status start();
  void stop();
  // The bound port (useful with port 0); 0 before start().
  std::uint16_t port() const { return port_; }

 private:
  shared::net::HostPort address_;
  AdminCallbacks callbacks_;
  std::unique_ptr<shared::http::HttpServer> server_;
  std::uint16_t port_ = 0;
};

}  // namespace certd::app
