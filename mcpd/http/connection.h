#pragma once

// Connection: one HTTP/1.1 connection's life on a worker thread: read a request, let the
// router's handler answer it, repeat while both sides keep the connection alive. It does
// what Poco's HTTPServerConnection does, minus a cost measured on the request path (strace
// and perf under bench/mcpd_tls_vs_nginx.sh): Poco waits for each next request with a
// fresh epoll instance, four system calls per request. Here a blocking read with the
// socket's receive timeout bounds the idle wait and a stalled sender alike, which also
// ends slow-header attacks that Poco's loop would wait on forever.
//
// ConnectionFactory makes them for Poco's TCPServer and can shut every open connection
// down at once (Server::stop()). Thread-safe.

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <mutex>
#include <set>

namespace mcpd::http {

class ConnectionFactory;

class Connection final : public Poco::Net::TCPServerConnection {
 public:
  Connection(const Poco::Net::StreamSocket& socket, ConnectionFactory& factory);
  ~Connection() override;
  void run() override;
  // Shuts the socket down (server stop); the loop ends at its next read or write.
  void shutdown();

 private:
  ConnectionFactory& factory_;
};

class ConnectionFactory final : public Poco::Net::TCPServerConnectionFactory {
 public:
  ConnectionFactory(Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                    Poco::Net::HTTPServerParams::Ptr params)
      : handlers_(std::move(handlers)), params_(std::move(params)) {}

  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override;

  // Shuts down the socket of every open connection so that their workers return, and
  // makes new connections end at once.
  void shutdownAll();
  bool stopping() const;

  Poco::Net::HTTPRequestHandlerFactory& handlers() { return *handlers_; }
  Poco::Net::HTTPServerParams::Ptr params() const { return params_; }

 private:
  friend class Connection;
  void add(Connection* connection);
  void remove(Connection* connection);

  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
  Poco::Net::HTTPServerParams::Ptr params_;
  mutable std::mutex mu_;
  std::set<Connection*> open_;  // guarded by mu_
  bool stopping_ = false;       // guarded by mu_
};

}  // namespace mcpd::http
