#pragma once

// FixtureCompletions: suggestions for the arguments of test_prompt_with_arguments (arg1,
// arg2) and of the template test://template/{id}/data (id), filtered by the typed prefix.
// Immutable; thread-safe.

#include "mcpd/protocol/completion_provider.h"

namespace conformance {

class FixtureCompletions final : public mcpd::protocol::CompletionProvider {
 public:
  shared::Result<mcpd::protocol::Completion> complete(
      const mcpd::protocol::CompletionRequest& request) const override;
};

}  // namespace conformance
