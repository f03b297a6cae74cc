#include "certd/app/admin_server.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include "shared/http/http_server.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"
#include "shared/net/listen_address.h"

namespace certd::app {
namespace {

using Poco::Net::HTTPResponse;

class Handler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(const AdminCallbacks& callbacks) : callbacks_(callbacks) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    const std::string path = request.getURI().substr(0, request.getURI().find('?'));
    HTTPResponse::HTTPStatus status = HTTPResponse::HTTP_OK;
    std::string body;
    std::string type = "text/plain; charset=utf-8";
    if (request.getMethod() != "GET" && request.getMethod() != "HEAD") {
      status = HTTPResponse::HTTP_METHOD_NOT_ALLOWED;
      body = "method not allowed\n";
    } else if (path == "/healthz") {
      body = "ok\n";
    } else if (path == "/readyz") {
      auto [ready, text] = callbacks_.readiness();
      status = ready ? HTTPResponse::HTTP_OK : HTTPResponse::HTTP_SERVICE_UNAVAILABLE;
      body = std::move(text);
    } else if (path == "/metrics") {
      body = callbacks_.metrics();
      type = "text/plain; version=0.0.4; charset=utf-8";
    } else {
      status = HTTPResponse::HTTP_NOT_FOUND;
      body = "not found\n";
    }
    response.setStatus(status);
    response.setContentType(type);
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.set("Cache-Control", "no-store");
    auto& out = response.send();
    if (request.getMethod() != "HEAD") out << body;
  }

 private:
  const AdminCallbacks& callbacks_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(const AdminCallbacks& callbacks) : callbacks_(callbacks) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler(callbacks_);
  }

 private:
  const AdminCallbacks& callbacks_;
};

}  // namespace

AdminServer::AdminServer(shared::net::HostPort address, AdminCallbacks callbacks)
    : address_(std::move(address)), callbacks_(std::move(callbacks)) {}

AdminServer::~AdminServer() {
  stop();
}

shared::Status AdminServer::start() {
  const std::string where = address_.toString();
  try {
    Poco::Net::ServerSocket socket;
    shared::net::bindListener(socket, address_, "certd.admin");
    socket.listen();
    port_ = socket.address().port();
    shared::http::ServeOptions options;
    options.threads = 2;
    options.queue = 64;  // whole requests waiting: cheap, and probes come in bursts
    options.max_connections_per_client = 16;
    options.logger = "certd.admin";
    server_ = std::make_unique<shared::http::HttpServer>(socket, std::move(options),
                                                         new Factory(callbacks_));
    server_->start();
  } catch (const Poco::Exception& e) {
    server_.reset();
    return shared::Status::ioError("admin: listen on " + where + ": " + e.displayText());
  }
  shared::log::info(shared::log::get("certd.admin"), "admin port started",
                    {{"address", address_.host + ":" + std::to_string(port_)}});
  return shared::Status::ok();
}

void AdminServer::stop() {
  if (!server_) return;
  server_->stop();
  server_.reset();
  shared::log::get("certd.admin")->info("admin port stopped");
}

}  // namespace certd::app
