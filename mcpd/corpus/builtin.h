#pragma once

// Built-in corpus: mcpd's own documentation (README.md and docs/), compiled into the binary
// so that mcpd serves something useful with no configuration at all. Any thread.

#include "mcpd/corpus/corpus.h"

namespace mcpd::corpus {

// The embedded files as a corpus, parsed like a Markdown folder rooted at the repository:
// ids "readme", "docs/connect-clients", ...; urls are the relative paths. Never fails
// (the build guarantees at least README.md).
Corpus builtinCorpus();

}  // namespace mcpd::corpus
