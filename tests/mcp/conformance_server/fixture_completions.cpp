#include "tests/mcp/conformance_server/fixture_completions.h"

#include "tests/mcp/conformance_server/fixture_data.h"

namespace conformance {
namespace {

using mcpd::protocol::CompletionRequest;

// The candidates for one argument, or null when the ref or argument is unknown.
const std::vector<std::string>* candidates(const CompletionRequest& request) {
  static const std::vector<std::string> kWords = {"paris", "park",    "party",
                                                  "test",  "testing", "tested"};
  static const std::vector<std::string> kIds = {"1", "2", "3", "42", "123"};
  if (request.target == CompletionRequest::Target::kPrompt &&
      request.ref == "test_prompt_with_arguments" &&
      (request.argument == "arg1" || request.argument == "arg2")) {
    return &kWords;
  }
  if (request.target == CompletionRequest::Target::kResourceTemplate &&
      request.ref == kTemplateUri && request.argument == "id") {
    return &kIds;
  }
  return nullptr;
}

}  // namespace

shared::Result<mcpd::protocol::Completion> FixtureCompletions::complete(
    const CompletionRequest& request) const {
  const std::vector<std::string>* all = candidates(request);
  if (all == nullptr) {
    return shared::Status::notFound("no completions for " + request.ref + " argument \"" +
                                    request.argument + "\"");
  }
  mcpd::protocol::Completion completion;
  for (const std::string& candidate : *all) {
    if (candidate.starts_with(request.value)) completion.values.push_back(candidate);
  }
  completion.total = completion.values.size();
  return completion;
}

}  // namespace conformance
