#pragma once

// Server: the MCP server's fixed parts, shared by every session: who it is, its
// instructions, its tools and its resources. Configure it (addTool, setResources) before
// any session exists; afterwards it is read-only and safe to share across threads. It
// must outlive its sessions.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mcpd/protocol/resource_provider.h"
#include "mcpd/protocol/tool.h"

namespace mcpd::protocol {

class Session;

struct ServerInfo {
  std::string name;          // serverInfo.name
  std::string title;         // serverInfo.title (2025-06-18+)
  std::string version;       // serverInfo.version
  std::string instructions;  // InitializeResult.instructions: how a model should use us
  std::size_t page_size = 100;  // items per resources/list page
};

class Server {
 public:
  explicit Server(ServerInfo info);
  ~Server();

  void addTool(std::shared_ptr<const Tool> tool);
  void setResources(std::shared_ptr<const ResourceProvider> resources);

  // A new session in its pre-initialize state.
  std::unique_ptr<Session> newSession() const;

  const ServerInfo& info() const { return info_; }
  const std::vector<std::shared_ptr<const Tool>>& tools() const { return tools_; }
  const Tool* findTool(std::string_view name) const;
  const ResourceProvider* resources() const { return resources_.get(); }

  // For transports, which must not name MCP methods: true when `body` is a single
  // request that opens a session (initialize). Cheap enough for every sessionless POST.
  static bool opensSession(std::string_view body);

 private:
  ServerInfo info_;
  std::vector<std::shared_ptr<const Tool>> tools_;
  std::shared_ptr<const ResourceProvider> resources_;
};

}  // namespace mcpd::protocol
