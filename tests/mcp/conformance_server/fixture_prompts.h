#pragma once

// FixturePrompts: the test_* prompts of the conformance suite: test_simple_prompt,
// test_prompt_with_arguments (arg1, arg2), test_prompt_with_embedded_resource
// (resourceUri), test_prompt_with_image, and test_input_required_result_prompt.
// Immutable; thread-safe.

#include "mcpd/protocol/prompt_provider.h"

namespace conformance {

class FixturePrompts final : public mcpd::protocol::PromptProvider {
 public:
  mcpd::protocol::PromptPage list(std::size_t offset, std::size_t limit) const override;
  shared::Result<Poco::JSON::Object::Ptr> get(
      const std::string& name, const Poco::JSON::Object::Ptr& arguments) const override;
  // test_input_required_result_prompt asks for input first (2026-07-28); the others
  // ignore the context.
  shared::Result<Poco::JSON::Object::Ptr> get(
      const std::string& name, const Poco::JSON::Object::Ptr& arguments,
      mcpd::protocol::RequestContext& context) const override;
};

}  // namespace conformance
