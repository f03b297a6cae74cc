#include "mcpd/transport/legacy_sse.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>

#include "mcpd/jsonrpc/error_codes.h"
#include "mcpd/transport/event_queue.h"
#include "mcpd/transport/http_io.h"
#include "shared/log/logging.h"

namespace mcpd::transport {
namespace {

using Poco::Net::HTTPResponse;

std::string queryParameter(const std::string& uri, const std::string& name) {
  for (const auto& [key, value] : Poco::URI(uri).getQueryParameters()) {
    if (key == name) return value;
  }
  return "";
}

}  // namespace

void LegacySseStreamHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                           Poco::Net::HTTPServerResponse& response) {
  if (request.getMethod() != "GET") {
    response.set("Allow", "GET");
    return sendJsonRpcError(response, HTTPResponse::HTTP_METHOD_NOT_ALLOWED, jsonrpc::kServerBusy,
                            "Method Not Allowed: GET /sse opens the legacy SSE transport; "
                            "Streamable HTTP is at /mcp");
  }
  if (!context_.reserveStream()) {
    return sendJsonRpcError(response, HTTPResponse::HTTP_SERVICE_UNAVAILABLE, jsonrpc::kServerBusy,
                            "Too many open SSE streams; try again later or use Streamable HTTP at /mcp");
  }
  auto queue = std::make_shared<EventQueue>();
  auto added = context_.registry.add(request.clientAddress().host().toString(), context_.server.newSession(), queue);
  if (auto* refusal = std::get_if<SessionRegistry::Refusal>(&added)) {
    context_.releaseStream();
    const bool client_full = *refusal == SessionRegistry::Refusal::kClientFull;
    return sendJsonRpcError(response,
                            client_full ? HTTPResponse::HTTP_TOO_MANY_REQUESTS : HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                            jsonrpc::kServerBusy,
                            client_full ? "Too many sessions from this address" : "Server is at its session limit");
  }
  const auto entry = std::get<std::shared_ptr<SessionEntry>>(added);
  const auto log = shared::log::get("mcpd.mcp");
  log->info("session opened transport=sse id={} client={}", entry->id.substr(0, 8), entry->client);

  std::ostream& out = startEventStream(response);
  // 2024-11-05 transports: the first event names the endpoint for client messages.
  bool open = writeEvent(out, "endpoint", std::string(kLegacyMessagePath) + "?sessionId=" + entry->id);
  while (open && !context_.stopping.load() && !queue->closed()) {
    if (auto message = queue->pop(context_.options.keepalive)) {
      open = writeEvent(out, "message", *message);
    } else if (!queue->closed()) {
      open = writeComment(out, "keep-alive");
    }
  }
  context_.registry.remove(entry->id);
  context_.releaseStream();
  log->info("session closed transport=sse id={}", entry->id.substr(0, 8));
}

void LegacyMessageHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                         Poco::Net::HTTPServerResponse& response) {
  if (request.getMethod() != "POST") {
    response.set("Allow", "POST");
    return sendJsonRpcError(response, HTTPResponse::HTTP_METHOD_NOT_ALLOWED, jsonrpc::kServerBusy,
                            "Method Not Allowed: use POST");
  }
  const std::string id = queryParameter(request.getURI(), "sessionId");
  const auto entry = id.empty() ? nullptr : context_.registry.find(id);
  if (!entry || !entry->stream) {
    return sendJsonRpcError(response, HTTPResponse::HTTP_NOT_FOUND, jsonrpc::kServerBusy,
                            "Not Found: no SSE session with this sessionId; open GET /sse again");
  }
  if (!hasContentType(request, "application/json")) {
    return sendJsonRpcError(response, HTTPResponse::HTTP_UNSUPPORTED_MEDIA_TYPE, jsonrpc::kServerBusy,
                            "Unsupported Media Type: Content-Type must be application/json");
  }
  auto body = readBody(request, context_.options.max_body_bytes);
  if (!body) {
    if (body.status().code() == shared::Status::Code::kUnavailable) {
      sendJsonRpcError(response, HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, jsonrpc::kServerBusy,
                       "Payload Too Large: " + body.status().message());
    }
    return;
  }
  // The reply travels on the stream; this POST only says the message was taken.
  if (auto reply = entry->session->handle(*body, *entry->stream)) entry->stream->send(*reply);
  response.setStatus(HTTPResponse::HTTP_ACCEPTED);
  response.setContentType("text/plain");
  response.setContentLength(8);
  response.send() << "Accepted";
}

}  // namespace mcpd::transport
