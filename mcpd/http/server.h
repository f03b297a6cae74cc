#pragma once

// Server: Poco's TCPServer running mcpd's HTTP connection loop (connection.h) on one
// listening socket, plain or TLS, with a thread pool sized from the config (Poco's default pool of
// 16 silently starves connections;
// ../shared/TESTBED.md).
// start() and stop() are called from the app's thread; the server's own threads run the
// handlers.

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/SharedPtr.h>
#include <Poco/ThreadPool.h>

#include <chrono>
#include <memory>

#include "shared/net/host_port.h"
#include "shared/status.h"

namespace mcpd::http {

class ConnectionFactory;

struct ServerOptions {
  shared::net::HostPort listen;
  int threads = 64;
  int queue = 256;
  Poco::Net::Context::Ptr tls;  // null: plain HTTP
  // A kept-alive connection idle this long is closed; so is a peer that stalls this long
  // mid-request or mid-handshake.
  std::chrono::seconds idle_timeout{15};
};

class Server {
 public:
  // `factory` (the router) answers every request; the server keeps it alive.
  Server(ServerOptions options, Poco::Net::HTTPRequestHandlerFactory::Ptr factory);
  ~Server();

  // Binds and starts accepting. Fails with the address and the OS error:
  // "listen 127.0.0.1:80: Permission denied". With TLS the handshake happens on the
  // connection's worker thread, at its first read.
  shared::Status start();

  // Stops accepting and waits for the handlers to finish.
  void stop();

  // The bound address, with the real port when port 0 was asked for.
  shared::net::HostPort boundAddress() const;

 private:
  ServerOptions options_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
  Poco::ThreadPool pool_;
  Poco::SharedPtr<ConnectionFactory> connections_;  // shared with server_
  std::unique_ptr<Poco::Net::TCPServer> server_;
  shared::net::HostPort bound_;
};

}  // namespace mcpd::http
