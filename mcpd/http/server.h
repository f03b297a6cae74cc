#pragma once

// Server: mcpd's HTTP/1.1 server on one listening socket, plain or TLS (Poco sockets,
// Poco's request and response classes, the router's handlers).
//
// Threads: a pool of `threads` workers shares one epoll set holding the listener and every
// idle kept-alive connection (leader/followers). A worker that wakes for a connection
// serves its request with ordinary blocking I/O on the same thread, then re-arms the
// connection and takes the next ready event; while events are ready no worker sleeps, so
// many busy connections cost no thread switch per request. Idle connections hold no
// thread. A handler that blocks (a TLS SSE stream, a tool waiting for the client) holds
// its worker, as with Poco's HTTPServer. Poco's own server parks one thread on every open
// connection and makes a fresh epoll instance before each request (../shared/TESTBED.md;
// bench/mcpd_tls_vs_nginx.sh measures the difference).
//
// Limits: `max_connections` open at once (more are closed at accept); a connection idle for
// `idle_timeout`, or stalled mid-request (or mid-handshake) that long, is closed.
// start() and stop() are called from the app's thread.

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/ServerSocket.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

#include "shared/net/host_port.h"
#include "shared/status.h"

namespace mcpd::http {

class ConnectionTable;
struct Connection;
struct ServerRuntime;

struct ServerOptions {
  shared::net::HostPort listen;
  int threads = 64;             // workers; each blocked handler holds one
  int queue = 256;              // listen backlog: connections the kernel holds before accept
  Poco::Net::Context::Ptr tls;  // null: plain HTTP
  int max_connections = 16384;
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(15)};
};

class Server {
 public:
  // `factory` (the router) answers every request; the server keeps it alive.
  Server(ServerOptions options, Poco::Net::HTTPRequestHandlerFactory::Ptr factory);
  ~Server();

  // Binds and starts accepting. Fails with the address and the OS error:
  // "listen 127.0.0.1:80: Permission denied". With TLS the handshake happens on a worker
  // at the connection's first read.
  shared::Status start();

  // Stops accepting, shuts down every open connection and joins the workers.
  void stop();

  // The bound address, with the real port when port 0 was asked for.
  shared::net::HostPort boundAddress() const;

 private:
  void work();
  void serve(std::uint64_t id, Connection& connection);
  void acceptReady();
  void sweepIdle();

  ServerOptions options_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
  Poco::Net::ServerSocket listener_;
  std::unique_ptr<ConnectionTable> connections_;
  std::unique_ptr<ServerRuntime> runtime_;
  std::vector<std::thread> workers_;
  std::thread sweeper_;
  shared::net::HostPort bound_;
};

}  // namespace mcpd::http
