#pragma once

// Library: the documentation mcpd currently serves, as one immutable search index (which
// holds its corpus). A refresh builds a new index off to the side and swaps it in with
// replace(); readers that already hold the old one finish with it. Thread-safe.

#include <atomic>
#include <memory>

#include "mcpd/search/index.h"

namespace mcpd::docs {

class Library {
 public:
  explicit Library(std::shared_ptr<const search::Index> index) : index_(std::move(index)) {}

  std::shared_ptr<const search::Index> current() const { return index_.load(); }
  void replace(std::shared_ptr<const search::Index> index) { index_.store(std::move(index)); }

 private:
  std::atomic<std::shared_ptr<const search::Index>> index_;
};

// The resource URI of a document: "mcpd://docs/" + id.
std::string documentUri(const std::string& id);
inline constexpr const char* kDocumentUriPrefix = "mcpd://docs/";

}  // namespace mcpd::docs
