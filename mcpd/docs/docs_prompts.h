#pragma once

// DocsPrompts: mcpd's one prompt, `answer_from_docs`, which a client can offer as a slash
// command: it turns a question into instructions to answer it from this server's
// documentation with the search and fetch tools, citing the pages. It needs no corpus
// access itself. Immutable; thread-safe.

#include "mcpd/protocol/prompt_provider.h"

namespace mcpd::docs {

class DocsPrompts final : public protocol::PromptProvider {
 public:
  protocol::PromptPage list(std::size_t offset, std::size_t limit) const override;
  shared::Result<Poco::JSON::Object::Ptr> get(
      const std::string& name, const Poco::JSON::Object::Ptr& arguments) const override;
};

}  // namespace mcpd::docs
