#pragma once

// Server: mcpd's HTTP listener: binds the configured address (plain or TLS) and serves it
// with the shared HTTP core (shared/http/http_server.h): a front thread holds connections
// that are handshaking, sending a request or idle, and a pool of workers serves whole
// requests through the router. Errors the server answers itself (400, 408, 431, 505...)
// carry a JSON-RPC error body, as every MCP endpoint's errors do.
// start() and stop() are called from the app's thread; the workers run the handlers.

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <chrono>
#include <cstdint>
#include <memory>

#include "shared/http/http_server.h"
#include "shared/net/address_set.h"
#include "shared/net/host_port.h"
#include "shared/status.h"

namespace mcpd::http {

struct ServerOptions {
  shared::net::HostPort listen;
  int threads = 64;
  int queue = 256;
  Poco::Net::Context::Ptr tls;  // null: plain HTTP
  // A kept-alive connection idle this long is closed (it waits in the front thread).
  std::chrono::seconds idle_timeout{15};
  // TLS handshake plus request head; a body gets this plus 1 s per body_min_rate bytes.
  std::chrono::seconds header_timeout{10};
  std::uint64_t body_min_rate = 1024;
  int max_connections_per_client = 256;  // per IPv4 address or IPv6 /64; 0: no cap
  // Proxies believed about the client (shared/http/forwarded.h), and whether each
  // connection starts with a PROXY protocol header (then only they may connect).
  shared::net::AddressSet trusted_proxies;
  shared::http::ForwardingSource forwarding_source = shared::http::ForwardingSource::kEither;
  bool proxy_protocol = false;
};

class Server {
 public:
  // `factory` (the router) answers every request; the server keeps it alive.
  Server(ServerOptions options, Poco::Net::HTTPRequestHandlerFactory::Ptr factory);
  ~Server();

  // Binds and starts accepting. Fails with the address and the OS error:
  // "listen 127.0.0.1:80: Permission denied". With TLS the handshake runs on the front
  // thread, without blocking it.
  shared::Status start();

  // Stops accepting and waits for the handlers to finish.
  void stop();

  // The bound address, with the real port when port 0 was asked for.
  shared::net::HostPort boundAddress() const;

  // What the front thread holds and refused (for /metrics).
  shared::http::Front::Stats frontStats() const;

 private:
  ServerOptions options_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
  std::unique_ptr<shared::http::HttpServer> server_;
  shared::net::HostPort bound_;
};

}  // namespace mcpd::http
