#pragma once

// Library: the documentation mcpd currently serves, as one immutable search index (which
// holds its corpus) and that corpus's content hash (corpus_version.h). A refresh builds a
// new index off to the side and swaps it in with replace(); readers that already hold the
// old one finish with it. Thread-safe.

#include <atomic>
#include <memory>

#include "mcpd/docs/corpus_version.h"
#include "mcpd/search/index.h"

namespace mcpd::docs {

class Library {
 public:
  explicit Library(std::shared_ptr<const search::Index> index) { replace(std::move(index)); }

  std::shared_ptr<const search::Index> current() const { return served_.load()->index; }
  // The current corpus's version, "sha256:...".
  std::string version() const { return served_.load()->version; }
  void replace(std::shared_ptr<const search::Index> index) {
    std::string version = corpusVersion(index->corpus());
    served_.store(std::make_shared<const Served>(Served{std::move(index), std::move(version)}));
  }

 private:
  struct Served {
    std::shared_ptr<const search::Index> index;
    std::string version;
  };
  std::atomic<std::shared_ptr<const Served>> served_;
};

// The resource URI of a document: "mcpd://docs/" + id.
std::string documentUri(const std::string& id);
inline constexpr const char* kDocumentUriPrefix = "mcpd://docs/";

}  // namespace mcpd::docs
