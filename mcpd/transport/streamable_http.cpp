#include "mcpd/transport/streamable_http.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "mcpd/jsonrpc/error_codes.h"
#include "mcpd/protocol/versions.h"
#include "mcpd/transport/http_io.h"
#include "shared/log/logging.h"

namespace mcpd::transport {
namespace {

using Poco::Net::HTTPResponse;

constexpr const char* kSessionHeader = "Mcp-Session-Id";
constexpr const char* kVersionHeader = "MCP-Protocol-Version";

// Streams a POST's reply as SSE from the first message sent before the reply.
class PostStreamSink final : public protocol::MessageSink {
 public:
  explicit PostStreamSink(Poco::Net::HTTPServerResponse& response) : response_(response) {}

  bool send(const std::string& message) override {
    if (out_ == nullptr) out_ = &startEventStream(response_);
    return writeEvent(*out_, "message", message);
  }
  std::ostream* stream() const { return out_; }

 private:
  Poco::Net::HTTPServerResponse& response_;
  std::ostream* out_ = nullptr;
};

void refuse(Poco::Net::HTTPServerResponse& response, SessionRegistry::Refusal refusal) {
  if (refusal == SessionRegistry::Refusal::kClientFull) {
    sendJsonRpcError(response, HTTPResponse::HTTP_TOO_MANY_REQUESTS, jsonrpc::kServerBusy,
                     "Too many sessions from this address; close some or wait for them to expire");
  } else {
    sendJsonRpcError(response, HTTPResponse::HTTP_SERVICE_UNAVAILABLE, jsonrpc::kServerBusy,
                     "Server is at its session limit; try again later");
  }
}

}  // namespace

void StreamableHttpHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                          Poco::Net::HTTPServerResponse& response) {
  const std::string& method = request.getMethod();
  if (method == "POST") return post(request, response);
  if (method == "DELETE") return remove(request, response);
  response.set("Allow", "POST, DELETE");
  sendJsonRpcError(response, HTTPResponse::HTTP_METHOD_NOT_ALLOWED, jsonrpc::kServerBusy,
                   "Method Not Allowed: this server offers no standalone SSE stream; use POST");
}

void StreamableHttpHandler::post(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
  if (!accepts(request, "application/json") || !accepts(request, "text/event-stream")) {
    return sendJsonRpcError(response, HTTPResponse::HTTP_NOT_ACCEPTABLE, jsonrpc::kServerBusy,
                            "Not Acceptable: Accept must list application/json and text/event-stream");
  }
  if (!hasContentType(request, "application/json")) {
    return sendJsonRpcError(response, HTTPResponse::HTTP_UNSUPPORTED_MEDIA_TYPE, jsonrpc::kServerBusy,
                            "Unsupported Media Type: Content-Type must be application/json");
  }
  if (request.has(kVersionHeader) && !protocol::isSupportedVersion(request.get(kVersionHeader))) {
    return sendJsonRpcError(response, HTTPResponse::HTTP_BAD_REQUEST, jsonrpc::kServerBusy,
                            "Bad Request: unsupported MCP-Protocol-Version " + request.get(kVersionHeader));
  }
  auto body = readBody(request, context_.options.max_body_bytes);
  if (!body) {
    if (body.status().code() == shared::Status::Code::kUnavailable) {
      return sendJsonRpcError(response, HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, jsonrpc::kServerBusy,
                              "Payload Too Large: " + body.status().message());
    }
    return;  // the connection broke while reading; nobody to answer
  }

  std::shared_ptr<SessionEntry> entry;
  bool opened = false;
  if (!request.has(kSessionHeader)) {
    if (!protocol::Server::opensSession(*body)) {
      return sendJsonRpcError(response, HTTPResponse::HTTP_BAD_REQUEST, jsonrpc::kServerBusy,
                              "Bad Request: Mcp-Session-Id header is required");
    }
    auto added = context_.registry.add(request.clientAddress().host().toString(), context_.server.newSession());
    if (auto* refusal = std::get_if<SessionRegistry::Refusal>(&added)) return refuse(response, *refusal);
    entry = std::get<std::shared_ptr<SessionEntry>>(added);
    opened = true;
    response.set(kSessionHeader, entry->id);
  } else {
    entry = context_.registry.find(request.get(kSessionHeader));
    if (!entry) {
      return sendJsonRpcError(response, HTTPResponse::HTTP_NOT_FOUND, jsonrpc::kServerBusy,
                              "Not Found: no session with this Mcp-Session-Id; initialize a new one");
    }
  }

  PostStreamSink sink(response);
  const std::optional<std::string> reply = entry->session->handle(*body, sink);
  if (opened && entry->session->protocolVersion().empty()) {
    // initialize failed (bad params): no session was established.
    context_.registry.remove(entry->id);
    response.erase(kSessionHeader);
  } else if (opened) {
    shared::log::get("mcpd.mcp")->info("session opened transport=streamable id={} client={} version={}",
                                      entry->id.substr(0, 8), entry->client, entry->session->protocolVersion());
  }

  if (sink.stream() != nullptr) {
    if (reply) writeEvent(*sink.stream(), "message", *reply);
    return;  // the chunked stream ends when the handler returns
  }
  if (!reply) {
    response.setStatus(HTTPResponse::HTTP_ACCEPTED);
    response.setContentLength(0);
    response.send();
    return;
  }
  sendJson(response, HTTPResponse::HTTP_OK, *reply);
}

void StreamableHttpHandler::remove(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
  if (!request.has(kSessionHeader)) {
    return sendJsonRpcError(response, HTTPResponse::HTTP_BAD_REQUEST, jsonrpc::kServerBusy,
                            "Bad Request: Mcp-Session-Id header is required");
  }
  if (!context_.registry.remove(request.get(kSessionHeader))) {
    return sendJsonRpcError(response, HTTPResponse::HTTP_NOT_FOUND, jsonrpc::kServerBusy,
                            "Not Found: no session with this Mcp-Session-Id");
  }
  shared::log::get("mcpd.mcp")->info("session closed transport=streamable id={}", request.get(kSessionHeader).substr(0, 8));
  response.setStatus(HTTPResponse::HTTP_OK);
  response.setContentLength(0);
  response.send();
}

}  // namespace mcpd::transport
