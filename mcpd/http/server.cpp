#include "mcpd/http/server.h"

#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include "mcpd/http/router.h"
#include "mcpd/jsonrpc/error_codes.h"
#include "shared/json_string.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"
#include "shared/net/listen_address.h"

namespace mcpd::http {
namespace {

// The body of an error the server answers before any handler runs: a JSON-RPC error, so
// an MCP client reads it like any other transport error.
shared::http::ErrorBody jsonRpcErrorBody(int, const std::string& message) {
  std::string text = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" +
                     std::to_string(jsonrpc::kInvalidRequest) + ",\"message\":";
  shared::appendJsonString(text, message);
  text += "}}";
  return {"application/json", std::move(text)};
}

}  // namespace

Server::Server(ServerOptions options, Poco::Net::HTTPRequestHandlerFactory::Ptr factory)
    : options_(std::move(options)), factory_(std::move(factory)) {}

Server::~Server() {
  stop();
}

shared::Status Server::start() {
  const std::string where = "listen " + options_.listen.toString();
  try {
    // TLS starts after accept (the front thread attaches it), so the socket is plain.
    Poco::Net::ServerSocket socket;
    shared::net::bindListener(socket, options_.listen, "mcpd.http");
    socket.listen(options_.queue);
    bound_ = {options_.listen.host, socket.address().port()};

    shared::http::ServeOptions serve;
    serve.threads = options_.threads;
    serve.queue = options_.queue;
    serve.tls = options_.tls;
    serve.idle_timeout = options_.idle_timeout;
    serve.header_timeout = options_.header_timeout;
    serve.body_min_rate = options_.body_min_rate;
    serve.max_connections_per_client =
        static_cast<std::size_t>(options_.max_connections_per_client);
    serve.trusted_proxies = options_.trusted_proxies;
    serve.forwarding_source = options_.forwarding_source;
    serve.proxy_protocol = options_.proxy_protocol;
    serve.error_body = jsonRpcErrorBody;
    // mcpd's router (tests may serve other factories) answers health probes in the front.
    if (const auto* router = dynamic_cast<const Router*>(factory_.get())) {
      serve.quick_answers = [router](std::string_view path) { return router->quickAnswer(path); };
    }
    serve.logger = "mcpd.http";
    server_ = std::make_unique<shared::http::HttpServer>(socket, std::move(serve), factory_);
    server_->start();
  } catch (const Poco::Exception& e) {
    server_.reset();
    return shared::Status::ioError(where + ": " + e.displayText());
  }
  shared::log::info(shared::log::get("mcpd.http"), "listening",
                    {{"address", bound_.toString()},
                     {"scheme", options_.tls ? "https" : "http"},
                     {"threads", options_.threads},
                     {"proxy_protocol", options_.proxy_protocol}});
  return shared::Status::ok();
}

void Server::stop() {
  if (!server_) return;
  server_->stop();
  server_.reset();
}

shared::net::HostPort Server::boundAddress() const {
  return bound_;
}

shared::http::Front::Stats Server::frontStats() const {
  return server_ ? server_->frontStats() : shared::http::Front::Stats{};
}

}  // namespace mcpd::http
