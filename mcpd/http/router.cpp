#include "mcpd/http/router.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>

#include <string>

namespace mcpd::http {
namespace {

// Answers with a fixed status and plain-text body.
class TextHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  TextHandler(Poco::Net::HTTPResponse::HTTPStatus status, std::string body)
      : status_(status), body_(std::move(body)) {}

  void handleRequest(Poco::Net::HTTPServerRequest&,
                     Poco::Net::HTTPServerResponse& response) override {
    response.setStatus(status_);
    response.setContentType("text/plain; charset=utf-8");
    response.setContentLength(static_cast<std::streamsize>(body_.size()));
    response.send() << body_;
  }

 private:
  Poco::Net::HTTPResponse::HTTPStatus status_;
  std::string body_;
};

}  // namespace

Poco::Net::HTTPRequestHandler* Router::createRequestHandler(
    const Poco::Net::HTTPServerRequest& request) {
  const std::string path = Poco::URI(request.getURI()).getPath();
  if (path == "/healthz") {
    return new TextHandler(Poco::Net::HTTPResponse::HTTP_OK, "ok\n");
  }
  return new TextHandler(Poco::Net::HTTPResponse::HTTP_NOT_FOUND, "not found\n");
}

}  // namespace mcpd::http
