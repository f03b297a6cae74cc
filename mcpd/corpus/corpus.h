#pragma once

// Corpus: the documents mcpd serves, sorted by id, with a description of where they came
// from. Immutable after construction; build one on any thread, then share it as a
// std::shared_ptr<const Corpus> with every request thread (a reload builds a new one and
// swaps the pointer). All methods are const and safe to call concurrently.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mcpd/corpus/document.h"

namespace mcpd::corpus {

class Corpus {
 public:
  // Takes the documents in source order. Ids that collide keep their order: the first
  // keeps the id, later ones get "-2", "-3", ... (skipping ids already taken), so the same
  // input always yields the same ids. An empty id becomes "index" first.
  Corpus(std::vector<Document> documents, std::string source);

  // Every document, sorted by id (byte order); stable for the life of the corpus.
  std::span<const Document> documents() const { return documents_; }

  // The document with exactly this id, or nullptr. O(log n).
  const Document* find(std::string_view id) const;

  std::size_t size() const { return documents_.size(); }
  bool empty() const { return documents_.empty(); }

  // Where the documents came from, for logs and status pages: "markdown folder /srv/docs",
  // "index.json https://example.com/index.json", "built-in documentation".
  const std::string& source() const { return source_; }

 private:
  std::vector<Document> documents_;  // sorted by id, ids unique
  std::string source_;
};

}  // namespace mcpd::corpus
