#include "mcpd/http/server.h"

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include "mcpd/http/connection.h"
#include "shared/log/logging.h"
#include "shared/net/listen_address.h"

namespace mcpd::http {

Server::Server(ServerOptions options, Poco::Net::HTTPRequestHandlerFactory::Ptr factory)
    : options_(std::move(options)), factory_(std::move(factory)), pool_(2, options_.threads) {}

Server::~Server() {
  stop();
}

shared::Status Server::start() {
  const std::string where = "listen " + options_.listen.toString();
  try {
    Poco::Net::ServerSocket socket =
        options_.tls ? Poco::Net::SecureServerSocket(options_.tls) : Poco::Net::ServerSocket();
    shared::net::bindListener(socket, options_.listen, "mcpd.http");
    socket.listen(options_.queue);

    auto params = Poco::AutoPtr<Poco::Net::HTTPServerParams>(new Poco::Net::HTTPServerParams);
    params->setMaxThreads(options_.threads);  // must not exceed the pool's capacity
    params->setMaxQueued(options_.queue);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(options_.idle_timeout.count(), 0));
    params->setTimeout(Poco::Timespan(options_.idle_timeout.count(), 0));

    bound_ = {options_.listen.host, socket.address().port()};
    connections_ = new ConnectionFactory(factory_, params);
    server_ = std::make_unique<Poco::Net::TCPServer>(connections_, pool_, socket, params);
    server_->start();
  } catch (const Poco::Exception& e) {
    return shared::Status::ioError(where + ": " + e.displayText());
  }
  shared::log::get("mcpd.http")
      ->info("listening address={} scheme={} threads={}", bound_.toString(),
             options_.tls ? "https" : "http", options_.threads);
  return shared::Status::ok();
}

void Server::stop() {
  if (!server_) return;
  server_->stop();              // no new connections
  connections_->shutdownAll();  // open ones end at their next read or write
  pool_.joinAll();
  server_.reset();
}

shared::net::HostPort Server::boundAddress() const {
  return bound_;
}

}  // namespace mcpd::http
