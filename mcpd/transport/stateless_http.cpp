#include "mcpd/transport/stateless_http.h"

#include <Poco/String.h>

#include <chrono>

#include "mcpd/jsonrpc/error_codes.h"
#include "mcpd/protocol/stateless.h"
#include "mcpd/transport/event_queue.h"
#include "mcpd/transport/http_io.h"
#include "shared/fair_gate.h"
#include "shared/log/logging.h"

namespace mcpd::transport {
namespace {

using Poco::Net::HTTPResponse;

constexpr std::string_view kParamPrefix = "mcp-param-";
// How often an idle listen stream checks whether it should end.
constexpr std::chrono::milliseconds kListenStreamTick{500};

// Writes a request's messages as SSE from the first one sent before the reply. Events
// carry no id: 2026-07-28 streams are not resumable.
class ResponseStreamSink final : public protocol::MessageSink {
 public:
  explicit ResponseStreamSink(Poco::Net::HTTPServerResponse& response) : response_(response) {}

  bool send(const std::string& message) override {
    const shared::FairGate::BlockingSection blocking;  // a slow client must not hold the gate
    if (out_ == nullptr) out_ = &startEventStream(response_);
    return writeEvent(*out_, "message", message);
  }
  std::ostream* stream() const { return out_; }

 private:
  Poco::Net::HTTPServerResponse& response_;
  std::ostream* out_ = nullptr;
};

// subscriptions/listen: the acknowledgement first, then the subscription's notifications,
// with keep-alive comments, until the client leaves or the server stops (then the
// listen request's result ends the stream gracefully).
void serveListen(TransportContext& context, Poco::Net::HTTPServerRequest& request,
                 Poco::Net::HTTPServerResponse& response,
                 protocol::ListenSubscription& subscription) {
  if (!context.reserveThreadedStream()) {
    return sendJsonRpcError(response, HTTPResponse::HTTP_SERVICE_UNAVAILABLE, jsonrpc::kServerBusy,
                            "Too many open SSE streams; try again later");
  }
  auto sink = std::make_shared<QueueSink>();
  subscription.attach(sink);
  std::ostream& out = startEventStream(response);
  bool open = writeEvent(out, "message", subscription.acknowledgement());
  auto next_keepalive = std::chrono::steady_clock::now() + context.options.keepalive;
  while (open && !sink->queue().closed()) {
    if (context.stopping.load()) {
      writeEvent(out, "message", subscription.closing());
      break;
    }
    const auto wait =
        std::min<std::chrono::milliseconds>(kListenStreamTick, context.options.keepalive);
    if (auto message = sink->queue().pop(wait)) {
      open = writeEvent(out, "message", *message);
      continue;
    }
    if (peerClosed(request)) break;
    if (std::chrono::steady_clock::now() >= next_keepalive) {
      open = writeComment(out, "keep-alive");
      next_keepalive = std::chrono::steady_clock::now() + context.options.keepalive;
    }
  }
  subscription.detach();
  context.releaseThreadedStream();
}

// Poco's header parser tries to decode every value as RFC 2047 encoded words and, when
// "=?base64?...?=" (SEP-2243's sentinel, not an RFC 2047 word) fails to decode, drops
// its leading "=?". Restore it, so the protocol layer sees what the client sent.
std::string mirroredValue(const std::string& parsed) {
  return parsed.starts_with("base64?") ? "=?" + parsed : parsed;
}

}  // namespace

protocol::RequestMetadata requestMetadata(const Poco::Net::HTTPServerRequest& request) {
  protocol::RequestMetadata metadata;
  for (const auto& [name, value] : request) {
    if (Poco::icompare(name, "MCP-Protocol-Version") == 0) {
      metadata.protocol_version = Poco::trim(value);
    } else if (Poco::icompare(name, "Mcp-Method") == 0) {
      metadata.method = value;
    } else if (Poco::icompare(name, "Mcp-Name") == 0) {
      metadata.name = mirroredValue(value);
    } else if (Poco::icompare(name, "Mcp-Session-Id") == 0) {
      metadata.in_session = true;
    } else if (name.size() > kParamPrefix.size() &&
               Poco::icompare(name, 0, kParamPrefix.size(), std::string(kParamPrefix)) == 0) {
      metadata.params.emplace_back(name.substr(kParamPrefix.size()), mirroredValue(value));
    }
  }
  return metadata;
}

void serveStatelessPost(TransportContext& context, Poco::Net::HTTPServerRequest& request,
                        Poco::Net::HTTPServerResponse& response, const std::string& body,
                        const protocol::RequestMetadata& metadata) {
  ResponseStreamSink sink(response);
  protocol::StatelessReply reply = [&] {
    const shared::FairGate::Permit permit(context.gate);
    return protocol::handleStateless(context.server, metadata, body, context.options.body_limits,
                                     sink);
  }();
  using Kind = protocol::StatelessReply::Kind;
  if (reply.kind == Kind::kListen) return serveListen(context, request, response, *reply.listen);
  if (sink.stream() != nullptr) {
    // The status is already 200; a late error still reaches the client as the last event.
    if (!reply.body.empty()) sink.send(reply.body);
    return;
  }
  switch (reply.kind) {
    case Kind::kAccepted:
      response.setStatusAndReason(HTTPResponse::HTTP_ACCEPTED);
      response.setContentLength(0);
      response.send();
      return;
    case Kind::kRejected:
      return sendJson(response, HTTPResponse::HTTP_BAD_REQUEST, reply.body);
    case Kind::kTooLarge:
      return sendJson(response, HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, reply.body);
    case Kind::kUnknownMethod:
      return sendJson(response, HTTPResponse::HTTP_NOT_FOUND, reply.body);
    default:
      return sendJson(response, HTTPResponse::HTTP_OK, reply.body);
  }
}

void refuseStatelessMethod(Poco::Net::HTTPServerResponse& response) {
  response.set("Allow", "POST");
  sendJsonRpcError(response, HTTPResponse::HTTP_METHOD_NOT_ALLOWED, jsonrpc::kInvalidRequest,
                   "Method Not Allowed: protocol version 2026-07-28 has no standalone stream and "
                   "no session; use POST");
}

}  // namespace mcpd::transport
