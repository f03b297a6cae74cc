#include "mcpd/http/server.h"

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include "mcpd/http/connection.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace mcpd::http {

Server::Server(ServerOptions options, Poco::Net::HTTPRequestHandlerFactory::Ptr factory)
    : options_(std::move(options)), factory_(std::move(factory)), pool_(2, options_.threads) {}

Server::~Server() {
  stop();
}

shared::Status Server::start() {
  const std::string where = "listen " + options_.listen.toString();
  try {
    const std::string host = options_.listen.host.empty() ? "::" : options_.listen.host;
    Poco::Net::SocketAddress address(host, options_.listen.port);
    Poco::Net::ServerSocket socket =
        options_.tls ? Poco::Net::SecureServerSocket(options_.tls) : Poco::Net::ServerSocket();
    socket.bind(address, /*reuseAddress=*/true, /*ipV6Only=*/false);
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
  shared::log::info(shared::log::get("mcpd.http"), "listening",
                    {{"address", bound_.toString()},
                     {"scheme", options_.tls ? "https" : "http"},
                     {"threads", options_.threads}});
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
