#pragma once

// CompletionProvider: argument suggestions for prompts and resource templates
// (completion/complete), as an IDE completes as you type. A server offers the
// `completions` capability only when it has one. Implementations must be safe to call
// from many threads at once.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shared/result.h"

namespace mcpd::protocol {

struct CompletionRequest {
  enum class Target { kPrompt, kResourceTemplate };
  Target target = Target::kPrompt;
  std::string ref;       // the prompt's name, or the resource template's URI template
  std::string argument;  // the argument being completed
  std::string value;     // what the user has typed so far
  std::map<std::string, std::string> context;  // arguments already filled in (2025-06-18+)
};

struct Completion {
  std::vector<std::string> values;   // best first; the session sends at most 100
  std::optional<std::size_t> total;  // matches in all, when known
  bool has_more = false;             // more matches exist than `values` holds
};

class CompletionProvider {
 public:
  virtual ~CompletionProvider() = default;

  // Suggestions for `request`. A ref or argument the provider does not know is an error
  // (kNotFound or kInvalidArgument) that clients see as invalid params; a known one with
  // no matches is an empty Completion.
  virtual shared::Result<Completion> complete(const CompletionRequest& request) const = 0;
};

}  // namespace mcpd::protocol
