#include "mcpd/http/router.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>

#include <string>

#include "mcpd/jsonrpc/error_codes.h"
#include "mcpd/transport/http_io.h"
#include "mcpd/transport/legacy_sse.h"
#include "mcpd/transport/streamable_http.h"
#include "mcpd/web/web_handlers.h"

namespace mcpd::http {
namespace {

using Poco::Net::HTTPResponse;

// Answers with a fixed status and plain-text body.
class TextHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  TextHandler(HTTPResponse::HTTPStatus status, std::string body,
              std::string content_type = "text/plain; charset=utf-8")
      : status_(status), body_(std::move(body)), content_type_(std::move(content_type)) {}

  void handleRequest(Poco::Net::HTTPServerRequest&,
                     Poco::Net::HTTPServerResponse& response) override {
    response.setStatusAndReason(status_);
    response.setContentType(content_type_);
    // sendBuffer() writes the head once into a buffered stream; send() with a length
    // formats it twice (once to count it) through unbuffered streams.
    response.sendBuffer(body_.data(), body_.size());
  }

 private:
  HTTPResponse::HTTPStatus status_;
  std::string body_;
  std::string content_type_;
};

// Refuses with a status and a JSON-RPC error body.
class ErrorHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  ErrorHandler(HTTPResponse::HTTPStatus status, std::string message)
      : status_(status), message_(std::move(message)) {}

  void handleRequest(Poco::Net::HTTPServerRequest&,
                     Poco::Net::HTTPServerResponse& response) override {
    transport::sendJsonRpcError(response, status_, jsonrpc::errorCodeForStatus(status_), message_);
  }

 private:
  HTTPResponse::HTTPStatus status_;
  std::string message_;
};

// "/" of a router without the landing page (tests that wire transports alone).
// "/" of the operational port: say where everything else is rather than a bare 404.
constexpr const char* kOpsIndexText =
    "mcpd operations port: /healthz, /readyz, /metrics.\n"
    "MCP (/mcp, /sse), the landing page and its search are on the main listener.\n";

constexpr const char* kIndexText =
    "mcpd: a Model Context Protocol documentation server.\n"
    "Streamable HTTP: POST /mcp\n"
    "Legacy HTTP+SSE: GET /sse\n";

// The path of a request target: origin form ("/mcp?x=1") without parsing a whole URI on
// every request; Poco's parser for the rare absolute form ("http://host/mcp").
std::string pathOf(const std::string& target) {
  if (target.starts_with('/')) return target.substr(0, target.find('?'));
  try {
    return Poco::URI(target).getPath();
  } catch (const Poco::Exception&) {
    return {};
  }
}

}  // namespace

std::optional<shared::http::QuickAnswer> Router::quickAnswer(std::string_view path) const {
  if (path == "/healthz") return shared::http::QuickAnswer{.body = "ok\n"};
  if (path == "/readyz") {
    const std::string version = ops_.docs_version();
    const std::string docs = version.empty() ? "" : "docs " + version + "\n";
    if (ops_.ready()) return shared::http::QuickAnswer{.body = "ready\n" + docs};
    return shared::http::QuickAnswer{.status = HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                                     .body = "not ready\n" + docs};
  }
  return std::nullopt;
}

Poco::Net::HTTPRequestHandler* Router::createRequestHandler(
    const Poco::Net::HTTPServerRequest& request) {
  const std::string path = pathOf(request.getURI());
  if (auto quick = quickAnswer(path)) {
    return new TextHandler(static_cast<HTTPResponse::HTTPStatus>(quick->status),
                           std::move(quick->body), std::move(quick->content_type));
  }
  if (path == "/metrics") {
    return new TextHandler(HTTPResponse::HTTP_OK, ops_.metrics(),
                           "text/plain; version=0.0.4; charset=utf-8");
  }
  if (!transports_) {
    if (path == "/") return new TextHandler(HTTPResponse::HTTP_OK, kOpsIndexText);
    return new TextHandler(HTTPResponse::HTTP_NOT_FOUND, "not found\n");
  }

  const bool mcp =
      path == "/mcp" || path == transport::kLegacySsePath || path == transport::kLegacyMessagePath;
  if (mcp) {
    if (auto refusal = guard_.check(request))
      return new ErrorHandler(HTTPResponse::HTTP_FORBIDDEN, *refusal);
    if (path == "/mcp") return new transport::StreamableHttpHandler(*transports_);
    if (path == transport::kLegacySsePath)
      return new transport::LegacySseStreamHandler(*transports_);
    return new transport::LegacyMessageHandler(*transports_);
  }
  if (site_ && web::isWebPath(path)) {
    if (auto refusal = guard_.check(request)) return web::refusal(path, *refusal);
    return web::createWebHandler(path, *site_);
  }
  if (path == "/") return new TextHandler(HTTPResponse::HTTP_OK, kIndexText);
  return new TextHandler(HTTPResponse::HTTP_NOT_FOUND, "not found\n");
}

}  // namespace mcpd::http
