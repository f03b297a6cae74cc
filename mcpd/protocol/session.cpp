#include "mcpd/protocol/session.h"

#include <Poco/JSON/Array.h>

#include "mcpd/jsonrpc/json_writer.h"
#include "mcpd/protocol/completion_methods.h"
#include "mcpd/protocol/modern_meta.h"
#include "mcpd/protocol/params.h"
#include "mcpd/protocol/prompt_methods.h"
#include "mcpd/protocol/resource_methods.h"
#include "mcpd/protocol/server.h"
#include "mcpd/protocol/tool_methods.h"
#include "mcpd/protocol/versions.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace mcpd::protocol {
using jsonrpc::Message;
using Poco::JSON::Object;

Session::Session(const Server& server)
    : server_(server), outbound_(std::make_shared<OutboundChannel>()) {}

Session::~Session() {
  close();
}

std::string Session::protocolVersion() const {
  std::lock_guard lock(mu_);
  return version_;
}

bool Session::initialized() const {
  std::lock_guard lock(mu_);
  return initialized_;
}

bool Session::attachOutbound(std::shared_ptr<MessageSink> sink) {
  return outbound_->attach(std::move(sink));
}

void Session::detachOutbound(const MessageSink* sink) {
  outbound_->detach(sink);
}

void Session::close() {
  pending_.close();
  outbound_->close();
  server_.subscriptions().unsubscribeAll(outbound_.get());
}

bool Session::closed() const {
  return pending_.closed();
}

std::optional<std::string> Session::handle(std::string_view body, MessageSink& sink) {
  const jsonrpc::Parsed parsed = parseBody(body);
  if (!parsed.batch) return handleItem(parsed.items.front(), sink);

  const std::string version = protocolVersion();
  if (!allowsBatches(version)) {
    return jsonrpc::serializeError(
        {}, {jsonrpc::kInvalidRequest,
             "Invalid Request: JSON-RPC batches are not supported in protocol version " +
                 (version.empty() ? std::string("(not initialized)") : version),
             {}});
  }
  std::vector<std::string> replies;
  for (const jsonrpc::Item& item : parsed.items) {
    if (const auto* m = std::get_if<Message>(&item); m != nullptr && m->method == "initialize") {
      // 2025-03-26 basic: the initialize request MUST NOT be part of a batch.
      replies.push_back(jsonrpc::serializeError(
          m->id, {jsonrpc::kInvalidRequest, "Invalid Request: initialize cannot be batched", {}}));
      continue;
    }
    if (auto reply = handleItem(item, sink)) replies.push_back(std::move(*reply));
  }
  if (replies.empty()) return std::nullopt;
  return jsonrpc::joinBatch(replies);
}

std::optional<std::string> Session::handleItem(const jsonrpc::Item& item, MessageSink& sink) {
  if (const auto* invalid = std::get_if<jsonrpc::Invalid>(&item)) {
    return jsonrpc::serializeError(invalid->id, invalid->error);
  }
  const Message& message = std::get<Message>(item);
  if (message.kind == Message::Kind::kNotification) {
    onNotification(message);
    return std::nullopt;
  }
  if (message.kind == Message::Kind::kResponse) {
    onResponse(message);
    return std::nullopt;
  }

  auto cancelled = std::make_shared<std::atomic<bool>>(false);
  const std::string key = message.id.key();
  std::string version;
  std::optional<LogLevel> level;
  ClientLink client{&pending_, nullptr};
  {
    std::lock_guard lock(mu_);
    in_flight_[key] = cancelled;
    version = version_.empty() ? std::string(kLatestVersion) : version_;
    level = log_level_;
    client.capabilities = client_capabilities_;
  }
  Poco::Dynamic::Var progress_token;
  if (const Object::Ptr meta = objectParam(message, "_meta"))
    progress_token = meta->get("progressToken");
  RequestContext context(version, sink, progress_token, level, *cancelled, client);

  Outcome outcome;
  try {
    outcome = dispatch(message, context);
  } catch (const std::exception& e) {
    // A bug in a handler must not take the connection down; the client gets -32603.
    shared::log::error(shared::log::get("mcpd.protocol"), "handler failed",
                       {{"method", message.method}, {"error", e.what()}});
    outcome = Outcome::fail(jsonrpc::kInternalError, "Internal error");
  }
  {
    std::lock_guard lock(mu_);
    in_flight_.erase(key);
  }
  if (outcome.error) return jsonrpc::serializeError(message.id, *outcome.error);
  return jsonrpc::serializeResult(message.id, outcome.result);
}

void Session::onNotification(const Message& notification) {
  if (notification.method == "notifications/initialized") {
    std::lock_guard lock(mu_);
    initialized_ = true;
  } else if (notification.method == "notifications/cancelled") {
    // MCP cancellation: a handler that checks context.cancelled() stops early, one that
    // waits for the client wakes up; a reply that still goes out is ignored by the client.
    if (!notification.params || !notification.params->has("requestId")) return;
    const jsonrpc::Id id(notification.params->get("requestId"));
    {
      std::lock_guard lock(mu_);
      auto it = in_flight_.find(id.key());
      if (it == in_flight_.end()) return;
      it->second->store(true);
    }
    pending_.wakeAll();
  }
  // Other notifications (roots/list_changed, progress from the client) need no action.
}

void Session::onResponse(const Message& response) {
  if (!pending_.resolve(response)) {
    // A late answer to a request that timed out or was cancelled, or a bogus id.
    shared::log::debug(shared::log::get("mcpd.protocol"), "response to no pending request",
                       {{"id", response.id.key()}});
  }
}

Outcome Session::dispatch(const Message& request, RequestContext& context) {
  const std::string& method = request.method;
  if (method == "initialize") return initialize(request);
  if (method == "ping") return Outcome::ok(newObject());
  if (method == "tools/list") return listTools(server_, context);
  if (method == "tools/call") return callTool(server_, request, context);
  if (method == "resources/list") return listResources(server_, request);
  if (method == "resources/read") return readResource(server_, request, context);
  if (method == "resources/templates/list") return listResourceTemplates(server_, request);
  if (method == "resources/subscribe") return subscribeResource(server_, request, outbound_);
  if (method == "resources/unsubscribe")
    return unsubscribeResource(server_, request, outbound_.get());
  if (method == "prompts/list") return listPrompts(server_, request);
  if (method == "prompts/get") return getPrompt(server_, request, context);
  if (method == "completion/complete") return complete(server_, request);
  if (method == "logging/setLevel") return setLogLevel(request);
  return Outcome::fail(jsonrpc::kMethodNotFound, "Method not found: " + method);
}

Outcome Session::initialize(const Message& request) {
  const auto requested = stringParam(request, "protocolVersion");
  if (!requested) return Outcome::invalidParams("\"protocolVersion\" must be a string");
  const std::string version = negotiateVersion(*requested);
  {
    std::lock_guard lock(mu_);
    if (!version_.empty()) {
      return Outcome::fail(jsonrpc::kInvalidRequest,
                           "Invalid Request: the session is already initialized");
    }
    version_ = version;
    // Kept to decide which requests the client may be sent (sampling, elicitation, roots).
    client_capabilities_ = objectParam(request, "capabilities");
  }
  const ServerInfo& info = server_.info();
  auto server_info = newObject();
  server_info->set("name", info.name);
  if (hasStructuredOutput(version)) server_info->set("title", info.title);
  server_info->set("version", info.version);

  auto result = newObject();
  result->set("protocolVersion", version);
  result->set("capabilities", server_.capabilities());
  result->set("serverInfo", server_info);
  if (!info.instructions.empty()) result->set("instructions", info.instructions);
  return Outcome::ok(result);
}

Outcome Session::setLogLevel(const Message& request) {
  const auto name = stringParam(request, "level");
  const auto level = name ? parseLogLevel(*name) : std::nullopt;
  if (!level) {
    return Outcome::invalidParams(
        "\"level\" must be one of debug, info, notice, warning, error, critical, alert, emergency");
  }
  std::lock_guard lock(mu_);
  log_level_ = level;
  return Outcome::ok(newObject());
}

}  // namespace mcpd::protocol
