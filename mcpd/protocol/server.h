#pragma once

// Server: the MCP server's fixed parts, shared by every session: who it is, its
// instructions, its tools, resources, prompts and completions. Configure it (addTool,
// set*) before any session exists; afterwards those are read-only and safe to share
// across threads. The one mutable part is the registry of resource subscriptions, which
// is thread-safe. It must outlive its sessions.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mcpd/protocol/completion_provider.h"
#include "mcpd/protocol/header_validation.h"
#include "mcpd/protocol/prompt_provider.h"
#include "mcpd/protocol/request_state.h"
#include "mcpd/protocol/resource_provider.h"
#include "mcpd/protocol/resource_subscriptions.h"
#include "mcpd/protocol/tool.h"

namespace mcpd::protocol {

class Session;

struct ServerInfo {
  std::string name;             // serverInfo.name
  std::string title;            // serverInfo.title (2025-06-18+)
  std::string version;          // serverInfo.version
  std::string instructions;     // InitializeResult.instructions: how a model should use us
  std::size_t page_size = 100;  // items per resources/list and prompts/list page
  // Stateless-era caching hints (MCP 2026-07-28 caching): how long clients may keep lists
  // and resource contents, and whether shared caches may (nothing here is per user).
  std::int64_t cache_ttl_ms = 300000;
  bool cache_public = true;
};

class Server {
 public:
  explicit Server(ServerInfo info);
  ~Server();

  void addTool(std::shared_ptr<const Tool> tool);
  void setResources(std::shared_ptr<const ResourceProvider> resources);
  void setPrompts(std::shared_ptr<const PromptProvider> prompts);
  void setCompletions(std::shared_ptr<const CompletionProvider> completions);
  // The key that seals stateless-era requestState (from configuration, the same on every
  // replica). Without one, a handler that keeps request state fails.
  void setRequestStateKey(std::string key);

  // A new session in its pre-initialize state.
  std::unique_ptr<Session> newSession() const;

  const ServerInfo& info() const { return info_; }
  // The stateless era's result _meta naming the server,
  // {"io.modelcontextprotocol/serverInfo": {name, version}}, as JSON text rendered once.
  const std::shared_ptr<const std::string>& identityMeta() const { return identity_meta_; }
  // ServerCapabilities, the same in both eras: only the features the server has.
  Poco::JSON::Object::Ptr capabilities() const;
  const std::vector<std::shared_ptr<const Tool>>& tools() const { return tools_; }
  const Tool* findTool(std::string_view name) const;
  // The x-mcp-header parameters of the tool `name`'s input schema (header_validation.h),
  // read when it was added; null for an unknown tool.
  const std::vector<HeaderParam>* toolHeaderParams(std::string_view name) const;
  const ResourceProvider* resources() const { return resources_.get(); }
  const PromptProvider* prompts() const { return prompts_.get(); }
  const CompletionProvider* completions() const { return completions_.get(); }
  const RequestStateSealer* requestStateSealer() const { return sealer_.get(); }

  // Who subscribed to what; sessions add and remove themselves here.
  ResourceSubscriptions& subscriptions() const { return *subscriptions_; }

  // Tells every session subscribed to `uri` that the resource changed
  // (notifications/resources/updated). Any thread. Returns how many were told.
  std::size_t resourceUpdated(const std::string& uri) const { return subscriptions_->publish(uri); }

  // For transports: true when sessions may get messages that answer no request (today:
  // resource updates, when the resources are subscribable), so a transport should offer
  // a stream for them. mcpd's own server has none, and Streamable HTTP answers GET 405.
  bool sendsUnprompted() const { return resources_ != nullptr && resources_->subscribable(); }

  // For transports, which must not name MCP methods: true when `body` is a single
  // request that opens a session (initialize). Cheap enough for every sessionless POST.
  static bool opensSession(std::string_view body);

  // True when `body` may come before the session is initialized: initialize or a ping.
  static bool allowedBeforeInitialize(std::string_view body);

 private:
  ServerInfo info_;
  std::shared_ptr<const std::string> identity_meta_;
  std::vector<std::shared_ptr<const Tool>> tools_;
  std::vector<std::vector<HeaderParam>> tool_header_params_;  // tools_[i]'s
  std::shared_ptr<const ResourceProvider> resources_;
  std::shared_ptr<const PromptProvider> prompts_;
  std::shared_ptr<const CompletionProvider> completions_;
  std::unique_ptr<ResourceSubscriptions> subscriptions_;  // thread-safe itself
  std::unique_ptr<const RequestStateSealer> sealer_;
};

}  // namespace mcpd::protocol
