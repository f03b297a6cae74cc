#pragma once

// corpusVersion(): a content hash of the documentation a replica serves, so that replicas
// behind one load balancer can be seen to agree (/readyz and /metrics report it), and a
// rolling update or a docs refresh can be watched converging. Two corpora with the same
// documents (ids, titles, URLs, texts, languages, metadata) have the same version, whatever
// their source or load order; any change to any of them changes it.

#include <string>

#include "mcpd/corpus/corpus.h"

namespace mcpd::docs {

// "sha256:" followed by 64 hex digits. Linear in the corpus size; call once per load.
std::string corpusVersion(const corpus::Corpus& corpus);

}  // namespace mcpd::docs
