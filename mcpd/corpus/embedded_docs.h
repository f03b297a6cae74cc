#pragma once

// Embedded docs: the Markdown files compiled into the binary (the repository's README.md
// and docs/**/*.md). The definition is generated at build time by embed_docs.cmake (see
// sources.cmake), so editing a document rebuilds it. Static read-only data; any thread.

#include <span>
#include <string_view>

namespace mcpd::corpus {

struct EmbeddedDoc {
  std::string_view path;      // relative to the repository root: "docs/connect-clients.md"
  std::string_view contents;  // the file's bytes
};

// Every embedded file, sorted by path.
std::span<const EmbeddedDoc> embeddedDocs();

}  // namespace mcpd::corpus
