#include "mcpd/protocol/session.h"

#include <Poco/JSON/Array.h>

#include <charconv>

#include "mcpd/protocol/server.h"
#include "mcpd/protocol/versions.h"
#include "shared/log/logging.h"

namespace mcpd::protocol {
namespace {

using jsonrpc::Message;
using Poco::JSON::Array;
using Poco::JSON::Object;

// A string parameter, or nullopt when absent or not a string.
std::optional<std::string> stringParam(const Message& m, const std::string& name) {
  if (!m.params || !m.params->has(name)) return std::nullopt;
  const Poco::Dynamic::Var v = m.params->get(name);
  if (!v.isString()) return std::nullopt;
  return v.extract<std::string>();
}

// MCP pagination: cursors are opaque to clients; ours encode the offset.
std::string encodeCursor(std::size_t offset) { return "o" + std::to_string(offset); }

std::optional<std::size_t> decodeCursor(const std::string& cursor) {
  if (cursor.size() < 2 || cursor[0] != 'o') return std::nullopt;
  std::size_t offset = 0;
  const auto [end, error] = std::from_chars(cursor.data() + 1, cursor.data() + cursor.size(), offset);
  if (error != std::errc() || end != cursor.data() + cursor.size()) return std::nullopt;
  return offset;
}

Object::Ptr toolJson(const ToolSpec& spec, const std::string& version) {
  auto tool = newObject();
  tool->set("name", spec.name);
  if (hasStructuredOutput(version)) tool->set("title", spec.title);
  tool->set("description", spec.description);
  tool->set("inputSchema", spec.input_schema);
  if (hasStructuredOutput(version) && spec.output_schema) tool->set("outputSchema", spec.output_schema);
  if (hasToolAnnotations(version)) {
    auto annotations = newObject();
    annotations->set("title", spec.title);
    annotations->set("readOnlyHint", spec.read_only);
    annotations->set("destructiveHint", false);
    annotations->set("idempotentHint", spec.read_only);
    annotations->set("openWorldHint", spec.open_world);
    tool->set("annotations", annotations);
  }
  return tool;
}

}  // namespace

Session::Session(const Server& server) : server_(server) {}

std::string Session::protocolVersion() const {
  std::lock_guard lock(mu_);
  return version_;
}

bool Session::initialized() const {
  std::lock_guard lock(mu_);
  return initialized_;
}

std::optional<std::string> Session::handle(std::string_view body, MessageSink& sink) {
  const jsonrpc::Parsed parsed = jsonrpc::parse(body);
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
  if (message.kind == Message::Kind::kResponse) return std::nullopt;  // no requests of ours yet

  auto cancelled = std::make_shared<std::atomic<bool>>(false);
  const std::string key = message.id.key();
  std::string version;
  std::optional<LogLevel> level;
  {
    std::lock_guard lock(mu_);
    in_flight_[key] = cancelled;
    version = version_.empty() ? std::string(kLatestVersion) : version_;
    level = log_level_;
  }
  Poco::Dynamic::Var progress_token;
  if (message.params && message.params->has("_meta")) {
    const Poco::Dynamic::Var meta = message.params->get("_meta");
    if (meta.type() == typeid(Object::Ptr)) progress_token = meta.extract<Object::Ptr>()->get("progressToken");
  }
  RequestContext context(version, sink, progress_token, level, *cancelled);

  Outcome outcome;
  try {
    outcome = dispatch(message, context);
  } catch (const std::exception& e) {
    // A bug in a handler must not take the connection down; the client gets -32603.
    shared::log::get("mcpd.protocol")->error("handler failed method={} error=\"{}\"", message.method, e.what());
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
    // MCP cancellation: a handler that checks context.cancelled() stops early; a reply
    // that still goes out is ignored by the client.
    if (!notification.params || !notification.params->has("requestId")) return;
    const jsonrpc::Id id(notification.params->get("requestId"));
    std::lock_guard lock(mu_);
    if (auto it = in_flight_.find(id.key()); it != in_flight_.end()) it->second->store(true);
  }
  // Other notifications (roots/list_changed, progress from the client) need no action.
}

Outcome Session::dispatch(const Message& request, RequestContext& context) {
  const std::string& method = request.method;
  if (method == "initialize") return initialize(request);
  if (method == "ping") return Outcome::ok(newObject());
  if (method == "tools/list") return listTools(request, context);
  if (method == "tools/call") return callTool(request, context);
  if (method == "resources/list") return listResources(request);
  if (method == "resources/read") return readResource(request);
  if (method == "resources/templates/list") return listResourceTemplates(request);
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
      return Outcome::fail(jsonrpc::kInvalidRequest, "Invalid Request: the session is already initialized");
    }
    version_ = version;
  }
  const ServerInfo& info = server_.info();
  auto capabilities = newObject();
  auto tools = newObject();
  tools->set("listChanged", false);
  capabilities->set("tools", tools);
  if (server_.resources() != nullptr) {
    auto resources = newObject();
    resources->set("subscribe", false);
    resources->set("listChanged", false);
    capabilities->set("resources", resources);
  }
  capabilities->set("logging", newObject());

  auto server_info = newObject();
  server_info->set("name", info.name);
  if (hasStructuredOutput(version)) server_info->set("title", info.title);
  server_info->set("version", info.version);

  auto result = newObject();
  result->set("protocolVersion", version);
  result->set("capabilities", capabilities);
  result->set("serverInfo", server_info);
  if (!info.instructions.empty()) result->set("instructions", info.instructions);
  return Outcome::ok(result);
}

Outcome Session::listTools(const Message&, const RequestContext& context) {
  Poco::JSON::Array::Ptr tools = new Array;
  for (const auto& tool : server_.tools()) tools->add(toolJson(tool->spec(), context.protocolVersion()));
  auto result = newObject();
  result->set("tools", tools);
  return Outcome::ok(result);
}

Outcome Session::callTool(const Message& request, RequestContext& context) {
  const auto name = stringParam(request, "name");
  if (!name) return Outcome::invalidParams("\"name\" must be a string");
  const Tool* tool = server_.findTool(*name);
  if (tool == nullptr) return Outcome::invalidParams("Unknown tool: " + *name);

  Object::Ptr arguments = newObject();
  if (request.params->has("arguments")) {
    const Poco::Dynamic::Var raw = request.params->get("arguments");
    if (!raw.isEmpty()) {
      if (raw.type() != typeid(Object::Ptr)) return Outcome::invalidParams("\"arguments\" must be an object");
      arguments = raw.extract<Object::Ptr>();
    }
  }
  ToolResult tool_result;
  try {
    tool_result = tool->call(arguments, context);
  } catch (const std::exception& e) {
    shared::log::get("mcpd.protocol")->error("tool failed tool={} error=\"{}\"", *name, e.what());
    tool_result = ToolResult::error("The tool failed with an internal error.");
  }
  auto result = newObject();
  result->set("content", tool_result.content);
  if (tool_result.structured && hasStructuredOutput(context.protocolVersion())) {
    result->set("structuredContent", tool_result.structured);
  }
  if (tool_result.is_error) result->set("isError", true);
  return Outcome::ok(result);
}

Outcome Session::listResources(const Message& request) {
  const ResourceProvider* provider = server_.resources();
  if (provider == nullptr) return Outcome::fail(jsonrpc::kMethodNotFound, "Method not found: resources/list");
  std::size_t offset = 0;
  if (auto cursor = stringParam(request, "cursor")) {
    auto decoded = decodeCursor(*cursor);
    if (!decoded) return Outcome::invalidParams("unknown cursor");
    offset = *decoded;
  }
  const std::size_t limit = server_.info().page_size;
  ResourcePage page = provider->list(offset, limit);
  auto result = newObject();
  result->set("resources", page.resources);
  if (page.more) result->set("nextCursor", encodeCursor(offset + page.resources->size()));
  return Outcome::ok(result);
}

Outcome Session::readResource(const Message& request) {
  const ResourceProvider* provider = server_.resources();
  if (provider == nullptr) return Outcome::fail(jsonrpc::kMethodNotFound, "Method not found: resources/read");
  const auto uri = stringParam(request, "uri");
  if (!uri) return Outcome::invalidParams("\"uri\" must be a string");
  auto contents = provider->read(*uri);
  if (!contents) {
    auto data = newObject();
    data->set("uri", *uri);
    return Outcome::fail(jsonrpc::kResourceNotFound, "Resource not found", data);
  }
  auto result = newObject();
  result->set("contents", *contents);
  return Outcome::ok(result);
}

Outcome Session::listResourceTemplates(const Message&) {
  const ResourceProvider* provider = server_.resources();
  auto result = newObject();
  result->set("resourceTemplates", provider != nullptr ? provider->templates() : Poco::JSON::Array::Ptr(new Array));
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
