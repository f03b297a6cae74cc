#include "mcpd/protocol/server.h"

#include <algorithm>
#include <optional>
#include <string>

#include "mcpd/protocol/modern_meta.h"
#include "mcpd/protocol/outcome.h"
#include "mcpd/protocol/session.h"

namespace mcpd::protocol {

Server::Server(ServerInfo info)
    : info_(std::move(info)), subscriptions_(std::make_unique<ResourceSubscriptions>()) {
  auto identity = newObject();
  identity->set("name", info_.name);
  identity->set("version", info_.version);
  auto meta = newObject();
  meta->set(std::string(kMetaServerInfo), identity);
  identity_meta_ = std::make_shared<const std::string>(jsonrpc::toJson(meta));
}

Server::~Server() = default;

void Server::addTool(std::shared_ptr<const Tool> tool) {
  tool_header_params_.push_back(headerParamsOf(tool->spec().input_schema));
  tools_.push_back(std::move(tool));
}

void Server::setResources(std::shared_ptr<const ResourceProvider> resources) {
  resources_ = std::move(resources);
}

void Server::setPrompts(std::shared_ptr<const PromptProvider> prompts) {
  prompts_ = std::move(prompts);
}

void Server::setCompletions(std::shared_ptr<const CompletionProvider> completions) {
  completions_ = std::move(completions);
}

void Server::setRequestStateKey(std::string key) {
  sealer_ = std::make_unique<const RequestStateSealer>(std::move(key));
}

std::unique_ptr<Session> Server::newSession() const {
  return std::make_unique<Session>(*this);
}

const Tool* Server::findTool(std::string_view name) const {
  auto it = std::find_if(tools_.begin(), tools_.end(),
                         [&](const auto& t) { return t->spec().name == name; });
  return it == tools_.end() ? nullptr : it->get();
}

const std::vector<HeaderParam>* Server::toolHeaderParams(std::string_view name) const {
  for (std::size_t i = 0; i < tools_.size(); ++i) {
    if (tools_[i]->spec().name == name) return &tool_header_params_[i];
  }
  return nullptr;
}

Poco::JSON::Object::Ptr Server::capabilities() const {
  // MCP lifecycle: a server declares only the features it has. Lists are fixed for the
  // life of the process, so listChanged is false.
  const auto fixedList = [] {
    auto object = newObject();
    object->set("listChanged", false);
    return object;
  };
  auto capabilities = newObject();
  capabilities->set("tools", fixedList());
  if (resources_) {
    auto object = fixedList();
    object->set("subscribe", resources_->subscribable());
    capabilities->set("resources", object);
  }
  if (prompts_) capabilities->set("prompts", fixedList());
  if (completions_) capabilities->set("completions", newObject());
  capabilities->set("logging", newObject());
  return capabilities;
}

namespace {

// The method of `body` when it is one request (not a batch, not a notification or reply).
std::optional<std::string> singleRequestMethod(std::string_view body) {
  const jsonrpc::Parsed parsed = jsonrpc::parse(body);
  if (parsed.batch || parsed.items.size() != 1) return std::nullopt;
  const auto* message = std::get_if<jsonrpc::Message>(&parsed.items.front());
  if (message == nullptr || message->kind != jsonrpc::Message::Kind::kRequest) return std::nullopt;
  return message->method;
}

}  // namespace

bool Server::opensSession(std::string_view body) {
  return singleRequestMethod(body) == "initialize";  // initialize never comes batched
}

bool Server::allowedBeforeInitialize(std::string_view body) {
  // Lifecycle: before initialize has been answered a client sends nothing but pings.
  const auto method = singleRequestMethod(body);
  return method == "initialize" || method == "ping";
}

}  // namespace mcpd::protocol
