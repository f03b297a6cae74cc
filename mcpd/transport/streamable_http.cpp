#include "mcpd/transport/streamable_http.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>

#include "mcpd/jsonrpc/error_codes.h"
#include "mcpd/protocol/versions.h"
#include "mcpd/transport/body_admission.h"
#include "mcpd/transport/event_queue.h"
#include "mcpd/transport/http_io.h"
#include "mcpd/transport/session_id.h"
#include "mcpd/transport/stateless_http.h"
#include "shared/fair_gate.h"
#include "shared/http/request_origin.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace mcpd::transport {
namespace {

using Poco::Net::HTTPResponse;

constexpr const char* kSessionHeader = "Mcp-Session-Id";
constexpr const char* kVersionHeader = "MCP-Protocol-Version";

// SEP-1699: how long a client waits before reconnecting after a stream breaks.
constexpr int kRetryMs = 2000;
// How often an idle standalone stream checks whether it should end (session deleted,
// client gone, server stopping); keep-alive comments follow options.keepalive.
constexpr std::chrono::milliseconds kStreamTick{500};

// Writes one SSE event with an id ("id: ...\n[event: message\n]data: ...\n\n") and
// flushes; false when the client is gone. The priming event carries a retry interval and
// an empty data field instead of a message.
bool writeIdentifiedEvent(std::ostream& out, const std::string& id, std::string_view data,
                          bool priming) {
  try {
    if (priming) {
      out << "id: " << id << "\nretry: " << kRetryMs << "\ndata: \n\n";
    } else {
      out << formatEvent("message", data, id);
    }
    out.flush();
    return out.good();
  } catch (const Poco::Exception&) {
    return false;
  }
}

// One SSE stream's event ids. 2025-11-25 transports: ids are unique across all streams of
// a session and say which stream they belong to, so each stream draws a random prefix.
class EventIds {
 public:
  std::string next() {
    // Drawn on first use: most POST replies are plain JSON and never number an event.
    if (stream_.empty()) stream_ = newSessionId().substr(0, 16);
    return stream_ + "-" + std::to_string(++count_);
  }

 private:
  std::string stream_;
  std::uint64_t count_ = 0;
};

// Streams a POST's reply as SSE from the first message sent before the reply. Used only
// by the thread handling the POST, which is also the one that blocks when a handler waits
// for the client; the client's answer arrives in another POST.
class PostStreamSink final : public protocol::MessageSink {
 public:
  explicit PostStreamSink(Poco::Net::HTTPServerResponse& response) : response_(response) {}

  bool send(const std::string& message) override {
    const shared::FairGate::BlockingSection blocking;  // a slow client must not hold the gate
    if (out_ == nullptr) {
      out_ = &startEventStream(response_);
      // SEP-1699: prime the client with an event id before anything else.
      if (!writeIdentifiedEvent(*out_, ids_.next(), "", true)) return false;
    }
    return writeIdentifiedEvent(*out_, ids_.next(), message, false);
  }
  std::ostream* stream() const { return out_; }

 private:
  Poco::Net::HTTPServerResponse& response_;
  std::ostream* out_ = nullptr;
  EventIds ids_;
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
  // The era is decided per request (MCP 2026-07-28 versioning, "dual-era server").
  if (protocol::eraOfBodyless(requestMetadata(request)) == protocol::Era::kModern)
    return refuseStatelessMethod(response);
  if (method == "DELETE") return remove(request, response);
  const bool streams = context_.server.sendsUnprompted();
  if (method == "GET" && streams) return get(request, response);
  response.set("Allow", streams ? "GET, POST, DELETE" : "POST, DELETE");
  sendJsonRpcError(
      response, HTTPResponse::HTTP_METHOD_NOT_ALLOWED, jsonrpc::kInvalidRequest,
      streams ? "Method Not Allowed: use POST, GET or DELETE"
              : "Method Not Allowed: this server offers no standalone SSE stream; use POST");
}

void StreamableHttpHandler::post(Poco::Net::HTTPServerRequest& request,
                                 Poco::Net::HTTPServerResponse& response) {
  if (!accepts(request, "application/json") || !accepts(request, "text/event-stream")) {
    return sendJsonRpcError(
        response, HTTPResponse::HTTP_NOT_ACCEPTABLE, jsonrpc::kInvalidRequest,
        "Not Acceptable: Accept must list application/json and text/event-stream");
  }
  if (!hasContentType(request, "application/json")) {
    return sendJsonRpcError(response, HTTPResponse::HTTP_UNSUPPORTED_MEDIA_TYPE,
                            jsonrpc::kInvalidRequest,
                            "Unsupported Media Type: Content-Type must be application/json");
  }
  // Cheap checks first: the session (a lookup) before the body (a read), and the body's
  // size and shape before anything parses it.
  std::shared_ptr<SessionEntry> entry;
  const bool has_session = request.has(kSessionHeader);
  if (has_session) {
    // A legacy SSE session's id is no Streamable HTTP session: find() tells them apart.
    entry = context_.registry.find(request.get(kSessionHeader));
    if (!entry) {
      return sendJsonRpcError(
          response, HTTPResponse::HTTP_NOT_FOUND, jsonrpc::kSessionNotFound,
          "Not Found: no session with this Mcp-Session-Id; initialize a new one");
    }
  }
  MemoryReturn memory;  // before the body: runs once the body and its tree are gone
  const auto body =
      admitBody(request, response,
                {.max_bytes = has_session ? context_.options.max_body_bytes
                                          : std::min(context_.options.max_body_bytes,
                                                     context_.options.max_body_without_session),
                 .limits = context_.options.body_limits,
                 .batch_allowed = has_session,
                 .check_json = false},
                memory);
  if (!body) return;
  // The era is decided per request from what it carries: a session means the 2025 era;
  // otherwise the revision in MCP-Protocol-Version or in the body's _meta. The stateless
  // era has its own path. A body is checked before anything parses it, except on the
  // stateless path when the headers chose it: there its one parse is the check.
  const protocol::RequestMetadata metadata = requestMetadata(request);
  const bool headers_decide = has_session || metadata.protocol_version.has_value();
  if (!headers_decide && !admitJson(*body, context_.options.body_limits, response)) return;
  if (!has_session && protocol::eraOf(metadata, *body) == protocol::Era::kModern)
    return serveStatelessPost(context_, request, response, *body, metadata);
  if (headers_decide && !admitJson(*body, context_.options.body_limits, response)) return;
  if (request.has(kVersionHeader) && !protocol::isSupportedVersion(request.get(kVersionHeader))) {
    return sendJsonRpcError(
        response, HTTPResponse::HTTP_BAD_REQUEST, jsonrpc::kInvalidRequest,
        "Bad Request: unsupported MCP-Protocol-Version " + request.get(kVersionHeader));
  }

  bool opened = false;
  if (!has_session) {
    const bool opens = [&] {
      const shared::FairGate::Permit permit(context_.gate);  // parsing is handling
      return protocol::Server::opensSession(*body);
    }();
    if (!opens) {
      return sendJsonRpcError(response, HTTPResponse::HTTP_BAD_REQUEST, jsonrpc::kInvalidRequest,
                              "Bad Request: Mcp-Session-Id header is required");
    }
    auto added =
        context_.registry.add(shared::http::originOf(request).client, context_.server.newSession());
    if (auto* refusal = std::get_if<SessionRegistry::Refusal>(&added))
      return refuse(response, *refusal);
    entry = std::get<std::shared_ptr<SessionEntry>>(added);
    opened = true;
    response.set(kSessionHeader, entry->id);
  }

  // The handler may block here until the client answers a request of ours (sampling,
  // elicitation) in another POST, which another worker thread hands to the session.
  PostStreamSink sink(response);
  const std::optional<std::string> reply = [&] {
    const shared::FairGate::Permit permit(context_.gate);
    return entry->session->handle(*body, sink);
  }();
  if (opened && entry->session->protocolVersion().empty()) {
    // initialize failed (bad params): no session was established.
    context_.registry.remove(entry->id);
    response.erase(kSessionHeader);
  } else if (opened) {
    shared::log::info(shared::log::get("mcpd.mcp"), "session opened",
                      {{"transport", "streamable"},
                       {"id", entry->id.substr(0, 8)},
                       {"client", entry->client},
                       {"version", entry->session->protocolVersion()}});
  }

  if (sink.stream() != nullptr) {
    if (reply) sink.send(*reply);
    return;  // the chunked stream ends when the handler returns
  }
  if (!reply) {
    response.setStatusAndReason(HTTPResponse::HTTP_ACCEPTED);
    response.setContentLength(0);
    response.send();
    return;
  }
  sendJson(response, HTTPResponse::HTTP_OK, *reply);
}

void StreamableHttpHandler::get(Poco::Net::HTTPServerRequest& request,
                                Poco::Net::HTTPServerResponse& response) {
  if (!accepts(request, "text/event-stream")) {
    return sendJsonRpcError(response, HTTPResponse::HTTP_NOT_ACCEPTABLE, jsonrpc::kInvalidRequest,
                            "Not Acceptable: Accept must list text/event-stream");
  }
  if (request.has(kVersionHeader) && !protocol::isSupportedVersion(request.get(kVersionHeader))) {
    return sendJsonRpcError(
        response, HTTPResponse::HTTP_BAD_REQUEST, jsonrpc::kInvalidRequest,
        "Bad Request: unsupported MCP-Protocol-Version " + request.get(kVersionHeader));
  }
  if (!request.has(kSessionHeader)) {
    return sendJsonRpcError(response, HTTPResponse::HTTP_BAD_REQUEST, jsonrpc::kInvalidRequest,
                            "Bad Request: Mcp-Session-Id header is required");
  }
  const auto entry = context_.registry.find(request.get(kSessionHeader));
  if (!entry) {
    return sendJsonRpcError(response, HTTPResponse::HTTP_NOT_FOUND, jsonrpc::kSessionNotFound,
                            "Not Found: no session with this Mcp-Session-Id; initialize a new one");
  }
  // The stream holds this worker thread, so it counts against the threaded-stream cap.
  if (!context_.reserveThreadedStream()) {
    return sendJsonRpcError(response, HTTPResponse::HTTP_SERVICE_UNAVAILABLE, jsonrpc::kServerBusy,
                            "Too many open SSE streams; try again later");
  }
  auto sink = std::make_shared<QueueSink>();
  if (!entry->session->attachOutbound(sink)) {
    context_.releaseThreadedStream();
    // One standalone stream per session, so each message travels on exactly one stream.
    return sendJsonRpcError(response, HTTPResponse::HTTP_CONFLICT, jsonrpc::kServerBusy,
                            "Conflict: this session already has a standalone SSE stream");
  }
  // Last-Event-ID is not honoured: nothing is kept for replay, so the stream starts afresh.
  const auto log = shared::log::get("mcpd.mcp");
  shared::log::debug(log, "stream opened",
                     {{"transport", "streamable"}, {"id", entry->id.substr(0, 8)}});
  EventIds ids;
  std::ostream& out = startEventStream(response);
  bool open = writeIdentifiedEvent(out, ids.next(), "", true);
  auto next_keepalive = std::chrono::steady_clock::now() + context_.options.keepalive;
  while (open && !context_.stopping.load() && !sink->queue().closed()) {
    const auto wait = std::min<std::chrono::milliseconds>(kStreamTick, context_.options.keepalive);
    if (auto message = sink->queue().pop(wait)) {
      open = writeIdentifiedEvent(out, ids.next(), *message, false);
      continue;
    }
    if (entry->session->closed() || peerClosed(request)) break;
    if (std::chrono::steady_clock::now() >= next_keepalive) {
      // Also keeps the session from expiring while its stream is open.
      if (!context_.registry.find(entry->id)) break;
      open = writeComment(out, "keep-alive");
      next_keepalive = std::chrono::steady_clock::now() + context_.options.keepalive;
    }
  }
  entry->session->detachOutbound(sink.get());
  context_.releaseThreadedStream();
  shared::log::debug(log, "stream closed",
                     {{"transport", "streamable"}, {"id", entry->id.substr(0, 8)}});
}

void StreamableHttpHandler::remove(Poco::Net::HTTPServerRequest& request,
                                   Poco::Net::HTTPServerResponse& response) {
  if (!request.has(kSessionHeader)) {
    return sendJsonRpcError(response, HTTPResponse::HTTP_BAD_REQUEST, jsonrpc::kInvalidRequest,
                            "Bad Request: Mcp-Session-Id header is required");
  }
  const std::string id = request.get(kSessionHeader);
  const auto entry = context_.registry.find(id);
  if (!entry || !context_.registry.remove(id)) {
    return sendJsonRpcError(response, HTTPResponse::HTTP_NOT_FOUND, jsonrpc::kSessionNotFound,
                            "Not Found: no session with this Mcp-Session-Id");
  }
  // Wakes handlers still waiting for this client and ends its standalone stream.
  entry->session->close();
  shared::log::info(shared::log::get("mcpd.mcp"), "session closed",
                    {{"transport", "streamable"}, {"id", id.substr(0, 8)}});
  response.setStatusAndReason(HTTPResponse::HTTP_OK);
  response.setContentLength(0);
  response.send();
}

}  // namespace mcpd::transport
