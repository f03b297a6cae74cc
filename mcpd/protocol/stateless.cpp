#include "mcpd/protocol/stateless.h"

#include <Poco/JSON/Array.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <variant>

#include "mcpd/jsonrpc/error_codes.h"
#include "mcpd/jsonrpc/json_writer.h"
#include "mcpd/protocol/completion_methods.h"
#include "mcpd/protocol/header_validation.h"
#include "mcpd/protocol/modern_meta.h"
#include "mcpd/protocol/params.h"
#include "mcpd/protocol/prompt_methods.h"
#include "mcpd/protocol/request_state.h"
#include "mcpd/protocol/resource_methods.h"
#include "mcpd/protocol/server.h"
#include "mcpd/protocol/tool_methods.h"
#include "mcpd/protocol/versions.h"
#include "shared/json_string.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace mcpd::protocol {
namespace {

using jsonrpc::Message;
using Poco::JSON::Array;
using Poco::JSON::Object;
using Kind = StatelessReply::Kind;

StatelessReply reply(Kind kind, const jsonrpc::Id& id, const jsonrpc::Error& error) {
  return {kind, jsonrpc::serializeError(id, error), nullptr};
}

StatelessReply rejected(const jsonrpc::Id& id, int code, std::string message,
                        Poco::Dynamic::Var data = {}) {
  return reply(Kind::kRejected, id, {code, std::move(message), std::move(data)});
}

// The methods whose complete results carry caching hints (2026-07-28 caching).
bool cacheable(std::string_view method) {
  return method == "server/discover" || method == "tools/list" || method == "prompts/list" ||
         method == "resources/list" || method == "resources/templates/list" ||
         method == "resources/read";
}

// The methods that may end in an InputRequiredResult (2026-07-28 MRTR, "Supported
// Requests"), and the params field that names what they act on.
const char* retryableTarget(std::string_view method) {
  if (method == "tools/call" || method == "prompts/get") return "name";
  if (method == "resources/read") return "uri";
  return nullptr;
}

Outcome discover(const Server& server) {
  Array::Ptr versions = new Array;
  for (std::string_view version : kAllVersions) versions->add(std::string(version));
  auto result = newObject();
  result->set("supportedVersions", versions);
  result->set("capabilities", server.capabilities());
  if (!server.info().instructions.empty()) result->set("instructions", server.info().instructions);
  return Outcome::ok(result);
}

Outcome dispatch(const Server& server, const Message& request, RequestContext& context) {
  const std::string& method = request.method;
  if (method == "server/discover") return discover(server);
  if (method == "tools/list") return listTools(server, context);
  if (method == "tools/call") return callTool(server, request, context);
  if (method == "resources/list") return listResources(server, request);
  if (method == "resources/read") return readResource(server, request, context);
  if (method == "resources/templates/list") return listResourceTemplates(server, request);
  if (method == "prompts/list") return listPrompts(server, request);
  if (method == "prompts/get") return getPrompt(server, request, context);
  if (method == "completion/complete") return complete(server, request);
  // initialize, ping, logging/setLevel and resources/(un)subscribe are gone in 2026-07-28.
  return Outcome::fail(jsonrpc::kMethodNotFound, "Method not found: " + method);
}

StatelessReply listen(const Server& server, const Message& request) {
  // Only resource updates can ever happen here; list-changed types are left out of the
  // acknowledgement, which the spec says lists what the server agreed to honour.
  std::vector<std::string> uris;
  const Object::Ptr filter = objectParam(request, "notifications");
  const ResourceProvider* resources = server.resources();
  if (filter && resources != nullptr && resources->subscribable()) {
    if (const Array::Ptr wanted = filter->getArray("resourceSubscriptions")) {
      for (const auto& uri : *wanted) {
        if (uri.isString()) uris.push_back(uri.extract<std::string>());
      }
    }
  }
  StatelessReply out;
  out.kind = Kind::kListen;
  out.listen = std::make_unique<ListenSubscription>(server, request.id, std::move(uris));
  return out;
}

// The result's _meta as JSON text: the server's identity, and the keys of the handler's
// own _meta (a tool's: the language a search assumed).
std::string resultMeta(const Server& server, const Object::Ptr& own) {
  const std::string& identity = *server.identityMeta();  // {"io...serverInfo":{...}}
  if (!own || own->size() == 0) return identity;
  std::string text(identity, 0, identity.size() - 1);
  for (const auto& [key, value] : *own) {
    if (key == kMetaServerInfo) continue;  // the server names itself
    shared::appendJsonMemberName(text, key);
    jsonrpc::appendJson(text, value);
  }
  text += '}';
  return text;
}

std::string bindingOf(const Message& request, const char* target) {
  const auto name = stringParam(request, target);
  return request.method + "\n" + name.value_or("");
}

}  // namespace

StatelessReply handleStateless(const Server& server, const RequestMetadata& metadata,
                               std::string_view body, const jsonrpc::BodyLimits& limits,
                               MessageSink& sink) {
  const jsonrpc::Parsed parsed = parseStatelessBody(body, limits);
  if (parsed.too_large) {
    const auto& invalid = std::get<jsonrpc::Invalid>(parsed.items.front());
    return reply(Kind::kTooLarge, invalid.id, invalid.error);
  }
  if (parsed.batch) {
    return rejected({}, jsonrpc::kInvalidRequest,
                    "Invalid Request: a body holds one JSON-RPC message in protocol version " +
                        std::string(kModernVersion));
  }
  if (const auto* invalid = std::get_if<jsonrpc::Invalid>(&parsed.items.front()))
    return reply(Kind::kRejected, invalid->id, invalid->error);
  const Message& request = std::get<Message>(parsed.items.front());
  if (request.kind == Message::Kind::kNotification) return {Kind::kAccepted, {}, nullptr};
  if (request.kind == Message::Kind::kResponse) {
    return rejected({}, jsonrpc::kInvalidRequest,
                    "Invalid Request: clients send no responses in protocol version " +
                        std::string(kModernVersion));
  }

  // Basic "_meta": a request without its per-request fields is malformed (-32602, 400).
  const auto meta = readModernMeta(request);
  if (!meta)
    return rejected(request.id, jsonrpc::kInvalidParams,
                    "Invalid params: " + meta.status().message());
  if (!metadata.protocol_version) {
    return rejected(request.id, jsonrpc::kHeaderMismatch,
                    "Header mismatch: the MCP-Protocol-Version header is required");
  }
  if (*metadata.protocol_version != meta->protocol_version) {
    return rejected(request.id, jsonrpc::kHeaderMismatch,
                    "Header mismatch: MCP-Protocol-Version header value '" +
                        *metadata.protocol_version + "' does not match _meta value '" +
                        meta->protocol_version + "'");
  }
  if (meta->protocol_version != kModernVersion) {
    Array::Ptr supported = new Array;
    for (std::string_view version : kAllVersions) supported->add(std::string(version));
    auto data = newObject();
    data->set("supported", supported);
    data->set("requested", meta->protocol_version);
    return rejected(request.id, jsonrpc::kUnsupportedProtocolVersion,
                    "Unsupported protocol version", data);
  }
  if (auto mismatch = headerMismatch(metadata, request, server))
    return rejected(request.id, jsonrpc::kHeaderMismatch, std::move(*mismatch));
  if (request.method == "subscriptions/listen") return listen(server, request);

  const std::atomic<bool> never_cancelled{false};
  RequestContext context(meta->protocol_version, sink, meta->progress_token, meta->log_level,
                         never_cancelled, ClientLink{nullptr, meta->client_capabilities});

  const char* target = retryableTarget(request.method);
  const RequestStateSealer* sealer = server.requestStateSealer();
  bool retry = false;
  if (target != nullptr && request.params) {
    const Poco::Dynamic::Var responses = request.params->get("inputResponses");
    const Poco::Dynamic::Var state = request.params->get("requestState");
    if (!responses.isEmpty() && responses.type() != typeid(Object::Ptr))
      return reply(
          Kind::kReply, request.id,
          {jsonrpc::kInvalidParams, "Invalid params: \"inputResponses\" must be an object", {}});
    std::optional<std::string> opened;
    if (!state.isEmpty()) {
      if (!state.isString() || sealer == nullptr) {
        return reply(
            Kind::kReply, request.id,
            {jsonrpc::kInvalidParams, "Invalid params: requestState failed verification", {}});
      }
      auto payload = sealer->open(state.extract<std::string>(), bindingOf(request, target),
                                  std::chrono::system_clock::now());
      if (!payload)
        return reply(
            Kind::kReply, request.id,
            {jsonrpc::kInvalidParams, "Invalid params: " + payload.status().message(), {}});
      opened = std::move(*payload);
    }
    retry = !responses.isEmpty() || opened;
    context.setRetryInputs(responses.isEmpty() ? nullptr : responses.extract<Object::Ptr>(),
                           std::move(opened));
  }

  Outcome outcome;
  try {
    outcome = dispatch(server, request, context);
  } catch (const std::exception& e) {
    shared::log::error(shared::log::get("mcpd.protocol"), "handler failed",
                       {{"method", request.method}, {"error", e.what()}});
    outcome = Outcome::fail(jsonrpc::kInternalError, "Internal error");
  }
  if (const auto& capability = context.missingCapability()) {
    auto required = newObject();
    required->set(*capability, newObject());
    auto data = newObject();
    data->set("requiredCapabilities", required);
    return rejected(request.id, jsonrpc::kMissingRequiredClientCapability,
                    "Missing required client capability: " + *capability, data);
  }
  if (outcome.error) {
    const Kind kind =
        outcome.error->code == jsonrpc::kMethodNotFound ? Kind::kUnknownMethod : Kind::kReply;
    return reply(kind, request.id, *outcome.error);
  }
  Object::Ptr result = outcome.result.type() == typeid(Object::Ptr)
                           ? outcome.result.extract<Object::Ptr>()
                           : newObject();
  if (const auto& input = context.inputRequired(); input && target != nullptr) {
    // MRTR: the interim result replaces whatever the handler returned; not cacheable.
    result = newObject();
    result->set("resultType", std::string("input_required"));
    if (input->requests) result->set("inputRequests", input->requests);
    if (input->state) {
      if (sealer == nullptr) {
        shared::log::error(shared::log::get("mcpd.protocol"),
                           "request state needs a secret (mcp.state_secret_file)",
                           {{"method", request.method}});
        return reply(Kind::kReply, request.id, {jsonrpc::kInternalError, "Internal error", {}});
      }
      result->set("requestState", sealer->seal(*input->state, bindingOf(request, target),
                                               std::chrono::system_clock::now()));
    }
    return {Kind::kReply, jsonrpc::serializeResult(request.id, result), nullptr};
  }
  // Written beside the handler's result rather than set on it, which may be shared (the
  // search tool's cached results).
  const std::string result_meta = resultMeta(server, result->getObject("_meta"));
  jsonrpc::JsonMembers members = {{"resultType", R"("complete")"}, {"_meta", result_meta}};
  std::string ttl;
  // Results of a retry depend on inputs outside the cache key: never cacheable.
  if (cacheable(request.method) && !retry) {
    ttl = std::to_string(server.info().cache_ttl_ms);
    members.emplace_back("ttlMs", ttl);
    members.emplace_back("cacheScope", server.info().cache_public ? R"("public")" : R"("private")");
  }
  return {Kind::kReply, jsonrpc::serializeResult(request.id, result, members), nullptr};
}

}  // namespace mcpd::protocol
