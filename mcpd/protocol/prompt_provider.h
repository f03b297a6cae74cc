#pragma once

// PromptProvider: a source of MCP prompts (prompts/list, prompts/get): message templates
// a user picks and fills in. A server offers the `prompts` capability only when it has
// one. Implementations must be safe to call from many threads at once.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstddef>
#include <string>

#include "mcpd/protocol/request_context.h"
#include "shared/result.h"

namespace mcpd::protocol {

struct PromptPage {
  Poco::JSON::Array::Ptr prompts = new Poco::JSON::Array;  // Prompt objects
  bool more = false;                                       // items exist past this page
};

class PromptProvider {
 public:
  virtual ~PromptProvider() = default;

  // Prompts [offset, offset + limit) in a stable order: {name, title?, description?,
  // arguments?: [{name, description?, required?}]}.
  virtual PromptPage list(std::size_t offset, std::size_t limit) const = 0;

  // The GetPromptResult ({description?, messages}) of prompt `name` filled with
  // `arguments` (an object of strings; never null). An unknown name is kNotFound and a
  // missing or bad argument kInvalidArgument; clients see both as invalid params.
  virtual shared::Result<Poco::JSON::Object::Ptr> get(
      const std::string& name, const Poco::JSON::Object::Ptr& arguments) const = 0;

  // get() with the request's context, for prompts that ask the client for input
  // (context.requireInput, stateless era). By default the context is ignored.
  virtual shared::Result<Poco::JSON::Object::Ptr> get(const std::string& name,
                                                      const Poco::JSON::Object::Ptr& arguments,
                                                      RequestContext&) const {
    return get(name, arguments);
  }
};

}  // namespace mcpd::protocol
