#pragma once

// ResourceProvider: a source of MCP resources (resources/list, resources/read,
// resources/templates/list, and optionally resources/subscribe). mcpd's documents are
// one; test fixtures are another. Implementations must be safe to call from many threads
// at once. A provider whose resources change tells subscribers through
// Server::resourceUpdated().

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstddef>
#include <optional>
#include <string>

namespace mcpd::protocol {

struct ResourcePage {
  Poco::JSON::Array::Ptr resources = new Poco::JSON::Array;  // Resource objects
  bool more = false;                                         // items exist past this page
};

class ResourceProvider {
 public:
  virtual ~ResourceProvider() = default;

  // Resources [offset, offset + limit) in a stable order.
  virtual ResourcePage list(std::size_t offset, std::size_t limit) const = 0;

  // The contents array for `uri` (ResourceContents objects), or nullopt when unknown.
  virtual std::optional<Poco::JSON::Array::Ptr> read(const std::string& uri) const = 0;

  // ResourceTemplate objects; empty by default.
  virtual Poco::JSON::Array::Ptr templates() const { return new Poco::JSON::Array; }

  // True when clients may subscribe to its resources (capability resources.subscribe);
  // false by default, and resources/subscribe is then method-not-found.
  virtual bool subscribable() const { return false; }
};

}  // namespace mcpd::protocol
