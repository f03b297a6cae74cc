#pragma once

// DocumentResources: every document of the current corpus as an MCP resource
// ("mcpd://docs/{id}", text/markdown), listed in the corpus's stable id order.

#include <memory>

#include "mcpd/docs/library.h"
#include "mcpd/protocol/resource_provider.h"

namespace mcpd::docs {

class DocumentResources final : public protocol::ResourceProvider {
 public:
  explicit DocumentResources(std::shared_ptr<const Library> library)
      : library_(std::move(library)) {}

  protocol::ResourcePage list(std::size_t offset, std::size_t limit) const override;
  std::optional<Poco::JSON::Array::Ptr> read(const std::string& uri) const override;
  Poco::JSON::Array::Ptr templates() const override;

 private:
  std::shared_ptr<const Library> library_;
};

}  // namespace mcpd::docs
