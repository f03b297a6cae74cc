#include "mcpd/transport/legacy_sse.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>

#include "mcpd/jsonrpc/error_codes.h"
#include "mcpd/transport/body_admission.h"
#include "mcpd/transport/event_queue.h"
#include "mcpd/transport/http_io.h"
#include "mcpd/transport/sse_hub.h"
#include "shared/fair_gate.h"
#include "shared/http/request_origin.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace mcpd::transport {
namespace {

using Poco::Net::HTTPResponse;

// The response head of a detached stream: chunked, so the end of the stream is explicit.
constexpr std::string_view kStreamHead =
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: text/event-stream\r\n"
    "Cache-Control: no-cache\r\n"
    "X-Accel-Buffering: no\r\n"
    "Transfer-Encoding: chunked\r\n"
    "\r\n";

// Empty when absent or when the query does not decode ("%zz"): no session has that id.
std::string queryParameter(const std::string& uri, const std::string& name) {
  try {
    for (const auto& [key, value] : Poco::URI(uri).getQueryParameters()) {
      if (key == name) return value;
    }
  } catch (const Poco::Exception&) {
  }
  return "";
}

std::string endpointFor(const std::string& id) {
  return std::string(kLegacyMessagePath) + "?sessionId=" + id;
}

// TLS connections cannot be written around the TLS layer, so their streams keep their
// worker thread and write through Poco, capped so that requests still find workers.
void serveOnWorkerThread(TransportContext& context, const std::shared_ptr<SessionEntry>& entry,
                         Poco::Net::HTTPServerResponse& response) {
  auto queue = std::make_shared<EventQueue>();
  context.registry.attachStream(entry->id, queue);
  entry->session->attachOutbound(queue);
  std::ostream& out = startEventStream(response);
  bool open = writeEvent(out, "endpoint", endpointFor(entry->id));
  while (open && !context.stopping.load() && !queue->closed()) {
    if (auto message = queue->pop(context.options.keepalive)) {
      open = writeEvent(out, "message", *message);
    } else if (!queue->closed()) {
      open = writeComment(out, "keep-alive");
    }
  }
  entry->session->close();
  context.registry.remove(entry->id);
}

}  // namespace

void LegacySseStreamHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                           Poco::Net::HTTPServerResponse& response) {
  if (request.getMethod() != "GET") {
    response.set("Allow", "GET");
    return sendJsonRpcError(response, HTTPResponse::HTTP_METHOD_NOT_ALLOWED,
                            jsonrpc::kInvalidRequest,
                            "Method Not Allowed: GET /sse opens the legacy SSE transport; "
                            "Streamable HTTP is at /mcp");
  }
  if (context_.stopping.load()) {
    return sendJsonRpcError(response, HTTPResponse::HTTP_SERVICE_UNAVAILABLE, jsonrpc::kServerBusy,
                            "Service Unavailable: the server is shutting down");
  }
  const bool threaded = context_.hub == nullptr || request.secure();
  if (!context_.reserveStream()) {
    return sendJsonRpcError(
        response, HTTPResponse::HTTP_SERVICE_UNAVAILABLE, jsonrpc::kServerBusy,
        "Too many open SSE streams; try again later or use Streamable HTTP at /mcp");
  }
  if (threaded && !context_.reserveThreadedStream()) {
    context_.releaseStream();
    return sendJsonRpcError(
        response, HTTPResponse::HTTP_SERVICE_UNAVAILABLE, jsonrpc::kServerBusy,
        "Too many open SSE streams; try again later or use Streamable HTTP at /mcp");
  }
  auto release = [this, threaded] {
    context_.releaseStream();
    if (threaded) context_.releaseThreadedStream();
  };
  auto added =
      context_.registry.add(shared::http::originOf(request).client, context_.server.newSession(),
                            nullptr, SessionEntry::Transport::kLegacySse);
  if (auto* refusal = std::get_if<SessionRegistry::Refusal>(&added)) {
    release();
    const bool client_full = *refusal == SessionRegistry::Refusal::kClientFull;
    return sendJsonRpcError(
        response,
        client_full ? HTTPResponse::HTTP_TOO_MANY_REQUESTS : HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
        jsonrpc::kServerBusy,
        client_full ? "Too many sessions from this address" : "Server is at its session limit");
  }
  const auto entry = std::get<std::shared_ptr<SessionEntry>>(added);
  const std::string id = entry->id;
  const auto log = shared::log::get("mcpd.mcp");
  shared::log::info(log, "session opened",
                    {{"transport", "sse"}, {"id", id.substr(0, 8)}, {"client", entry->client}});

  if (threaded) {
    serveOnWorkerThread(context_, entry, response);
    release();
    shared::log::info(log, "session closed", {{"transport", "sse"}, {"id", id.substr(0, 8)}});
    return;
  }

  // Hand the connection to the hub so that this worker thread is free again; Poco must
  // not try to read another request from it.
  response.setKeepAlive(false);
  Poco::Net::StreamSocket socket =
      static_cast<Poco::Net::HTTPServerRequestImpl&>(request).detachSocket();
  try {
    socket.sendBytes(kStreamHead.data(), static_cast<int>(kStreamHead.size()));
  } catch (const Poco::Exception&) {
    context_.registry.remove(id);
    release();
    return;
  }
  TransportContext& context = context_;
  const std::shared_ptr<SessionEntry> held = entry;
  auto stream = context_.hub->adopt(std::move(socket), [&context, held, id, log] {
    held->session->close();  // wakes a handler waiting on this client
    context.registry.remove(id);
    context.releaseStream();
    shared::log::info(log, "session closed", {{"transport", "sse"}, {"id", id.substr(0, 8)}});
  });
  if (!stream) return;  // the hub refused it, closed it and ran the callback above
  // 2024-11-05 transports: the first event names the endpoint for client messages.
  if (context_.registry.attachStream(id, stream)) {
    stream->sendEvent("endpoint", endpointFor(id));
    entry->session->attachOutbound(stream);  // resource updates travel on the stream too
  }
}

void LegacyMessageHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                         Poco::Net::HTTPServerResponse& response) {
  if (request.getMethod() != "POST") {
    response.set("Allow", "POST");
    return sendJsonRpcError(response, HTTPResponse::HTTP_METHOD_NOT_ALLOWED,
                            jsonrpc::kInvalidRequest, "Method Not Allowed: use POST");
  }
  const std::string id = queryParameter(request.getURI(), "sessionId");
  const auto entry =
      id.empty() ? nullptr : context_.registry.find(id, SessionEntry::Transport::kLegacySse);
  const auto stream = entry ? context_.registry.streamOf(*entry) : nullptr;
  if (!stream) {
    return sendJsonRpcError(response, HTTPResponse::HTTP_NOT_FOUND, jsonrpc::kSessionNotFound,
                            "Not Found: no SSE session with this sessionId; open GET /sse again");
  }
  if (!hasContentType(request, "application/json")) {
    return sendJsonRpcError(response, HTTPResponse::HTTP_UNSUPPORTED_MEDIA_TYPE,
                            jsonrpc::kInvalidRequest,
                            "Unsupported Media Type: Content-Type must be application/json");
  }
  MemoryReturn memory;  // before the body: runs once the body and its tree are gone
  const auto body = admitBody(
      request, response,
      {.max_bytes = context_.options.max_body_bytes, .limits = context_.options.body_limits},
      memory);
  if (!body) return;
  {
    const shared::FairGate::Permit permit(context_.gate);
    // 2024-11-05 lifecycle: initialize comes first, and only pings may come before it. A
    // session negotiates its version while handling initialize, so a request sent as soon
    // as initialize's reply arrived (before notifications/initialized, as clients race) is
    // taken.
    if (entry->session->protocolVersion().empty() &&
        !protocol::Server::allowedBeforeInitialize(*body)) {
      return sendJsonRpcError(response, HTTPResponse::HTTP_BAD_REQUEST, jsonrpc::kInvalidRequest,
                              "Bad Request: the session is not initialized; send initialize first");
    }
    // The reply travels on the stream; this POST only says the message was taken.
    if (auto reply = entry->session->handle(*body, *stream)) stream->send(*reply);
  }
  response.setStatusAndReason(HTTPResponse::HTTP_ACCEPTED);
  response.setContentType("text/plain");
  response.sendBuffer("Accepted", 8);
}

}  // namespace mcpd::transport
