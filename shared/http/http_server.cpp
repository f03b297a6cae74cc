#include "shared/http/http_server.h"

#include "shared/http/connection_loop.h"
#include "shared/log/logging.h"

namespace shared::http {
namespace {

Poco::Net::HTTPServerParams::Ptr makeParams(const ServeOptions& options) {
  Poco::Net::HTTPServerParams::Ptr params(new Poco::Net::HTTPServerParams);
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(options.idle_timeout.count() * 1000));
  params->setTimeout(Poco::Timespan(options.idle_timeout.count() * 1000));
  return params;
}

}  // namespace

HttpServer::HttpServer(Poco::Net::ServerSocket listener, ServeOptions options,
                       Poco::Net::HTTPRequestHandlerFactory::Ptr handlers)
    : options_(std::move(options)),
      handlers_(std::move(handlers)),
      params_(makeParams(options_)),
      limit_(options_.max_connections_per_client),
      pool_(options_.threads, static_cast<std::size_t>(options_.queue),
            [this](std::unique_ptr<ClientConnection> connection) {
              const LoopContext context{options_, *handlers_, params_, stopping_, pool_};
              try {
                if (auto back = serveConnection(std::move(connection), context))
                  front_.park(std::move(back));
              } catch (const std::exception& e) {
                shared::log::get(options_.logger)->error("connection failed: {}", e.what());
              }
            }),
      front_(std::move(listener), options_, limit_, pool_) {}

HttpServer::~HttpServer() {
  stop();
}

void HttpServer::start() {
  pool_.start();
  front_.start();
  started_ = true;
}

void HttpServer::stop() {
  if (!started_) return;
  started_ = false;
  stopping_ = true;
  front_.stop();
  pool_.stop();
}

}  // namespace shared::http
