#include "mcpd/protocol/request_context.h"

#include <array>

#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/outcome.h"
#include "shared/fair_gate.h"

namespace mcpd::protocol {
namespace {

constexpr std::array<std::string_view, 8> kLevelNames = {
    "debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"};

// The ClientCapabilities key a server-to-client method needs (MCP client features); empty
// for methods every client must answer, such as ping.
std::string_view capabilityFor(std::string_view method) {
  if (method == "sampling/createMessage") return "sampling";
  if (method == "elicitation/create") return "elicitation";
  if (method == "roots/list") return "roots";
  return {};
}

}  // namespace

std::optional<LogLevel> parseLogLevel(std::string_view name) {
  for (std::size_t i = 0; i < kLevelNames.size(); ++i) {
    if (kLevelNames[i] == name) return static_cast<LogLevel>(i);
  }
  return std::nullopt;
}

std::string_view logLevelName(LogLevel level) {
  return kLevelNames[static_cast<std::size_t>(level)];
}

void RequestContext::notify(const std::string& method, const Poco::JSON::Object::Ptr& params) {
  if (!sink_open_) return;
  sink_open_ = sink_.send(jsonrpc::serializeNotification(method, params));
}

void RequestContext::progress(double progress, std::optional<double> total,
                              const std::string& message) {
  if (progress_token_.isEmpty()) return;
  auto params = newObject();
  params->set("progressToken", progress_token_);
  params->set("progress", progress);
  if (total) params->set("total", *total);
  if (!message.empty() && protocol_version_ >= "2025-03-26") params->set("message", message);
  notify("notifications/progress", params);
}

void RequestContext::log(LogLevel level, const std::string& logger,
                         const Poco::Dynamic::Var& data) {
  if (!client_log_level_ || level < *client_log_level_) return;
  auto params = newObject();
  params->set("level", std::string(logLevelName(level)));
  params->set("logger", logger);
  params->set("data", data);
  notify("notifications/message", params);
}

bool RequestContext::clientSupports(std::string_view capability) const {
  if (!client_.capabilities) return false;
  // A declared capability is an object, possibly empty ({"sampling": {}}).
  const Poco::Dynamic::Var value = client_.capabilities->get(std::string(capability));
  return value.type() == typeid(Poco::JSON::Object::Ptr);
}

shared::Result<Poco::Dynamic::Var> RequestContext::requestClient(
    const std::string& method, const Poco::JSON::Object::Ptr& params,
    std::chrono::milliseconds timeout) {
  // MCP client features: a server must not send a request whose capability the client
  // did not declare.
  const std::string_view capability = capabilityFor(method);
  if (!capability.empty() && !clientSupports(capability)) {
    return shared::Status::permissionDenied(method + ": the client did not declare the " +
                                            std::string(capability) + " capability");
  }
  if (client_.pending == nullptr)
    return shared::Status::ioError(method + ": no channel to the client");
  if (cancelled()) return shared::Status::unavailable(method + ": the request was cancelled");

  const jsonrpc::Id id = client_.pending->open();
  if (sink_open_) sink_open_ = sink_.send(jsonrpc::serializeRequest(id, method, params));
  if (!sink_open_) {
    client_.pending->abandon(id);
    return shared::Status::ioError(method + ": the stream to the client is closed");
  }
  PendingRequests::Reply reply = [&] {
    // The answer comes in another request; let that one (and others) run meanwhile.
    const shared::FairGate::BlockingSection blocking;
    return client_.pending->wait(id, timeout, cancelled_);
  }();
  switch (reply.kind) {
    case PendingRequests::Reply::Kind::kResult:
      return std::move(reply.result);
    case PendingRequests::Reply::Kind::kError:
      return shared::Status::unavailable(method + ": the client answered error " +
                                         std::to_string(reply.error.code) + ": " +
                                         reply.error.message);
    case PendingRequests::Reply::Kind::kTimeout:
      cancelClientRequest(id, "timed out");
      return shared::Status::unavailable(method + ": no answer from the client within " +
                                         std::to_string(timeout.count()) + " ms");
    case PendingRequests::Reply::Kind::kCancelled:
      cancelClientRequest(id, "the request that needed it was cancelled");
      return shared::Status::unavailable(method + ": the request was cancelled");
    case PendingRequests::Reply::Kind::kClosed:
      break;
  }
  return shared::Status::unavailable(method + ": the session ended");
}

void RequestContext::cancelClientRequest(const jsonrpc::Id& id, const std::string& reason) {
  // MCP cancellation: the sender of a request it gives up on should say so.
  auto params = newObject();
  params->set("requestId", id.value());
  params->set("reason", reason);
  notify("notifications/cancelled", params);
}

}  // namespace mcpd::protocol
