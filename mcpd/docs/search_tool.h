#pragma once

// SearchTool: the `search` tool in the shape ChatGPT's connector contract requires
// (one text item holding {"results":[{"id","title","url"}]}, each result also carrying a
// snippet and the document's language), plus structuredContent and an output schema.
// Arguments: query (required), limit (1-50, default 10), language (ISO 639-1; restricts).
// Without a language the index reads the query in the languages its words fit (index.h);
// the result's _meta.language says which one came first, beside the fixed reply shape.
//
// Results are kept rendered for the queries asked most recently of the current index, the
// one cache of search results (the index keeps none): building the reply's JSON values cost
// more CPU than a cached Xapian lookup, and models repeat searches. A new index (a docs
// refresh) starts with an empty cache.

#include <memory>
#include <mutex>

#include "mcpd/docs/library.h"
#include "mcpd/protocol/tool.h"
#include "shared/lru_cache.h"

namespace mcpd::docs {

class SearchTool final : public protocol::Tool {
 public:
  explicit SearchTool(std::shared_ptr<const Library> library);
  const protocol::ToolSpec& spec() const override { return spec_; }
  protocol::ToolResult call(const Poco::JSON::Object::Ptr& arguments,
                            protocol::RequestContext& context) const override;

 private:
  // One rendered reply and how many documents it holds.
  struct RenderedSearch {
    protocol::ToolResult result;
    std::size_t matched = 0;
  };
  // Rendered results (successes only) of one index, which they must not outlive.
  struct RenderedResults {
    RenderedResults(const std::shared_ptr<const search::Index>& of, std::size_t capacity)
        : index(of), results(capacity) {}
    std::weak_ptr<const search::Index> index;
    shared::LruCache<RenderedSearch> results;
  };

  // The cache for `index`, replacing the previous index's cache.
  std::shared_ptr<RenderedResults> renderedFor(
      const std::shared_ptr<const search::Index>& index) const;

  std::shared_ptr<const Library> library_;
  protocol::ToolSpec spec_;
  mutable std::mutex rendered_mu_;
  mutable std::shared_ptr<RenderedResults> rendered_;  // guarded by rendered_mu_
};

}  // namespace mcpd::docs
