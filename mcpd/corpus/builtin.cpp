#include "mcpd/corpus/builtin.h"

#include <vector>

#include "mcpd/corpus/embedded_docs.h"
#include "mcpd/corpus/markdown_document.h"

namespace mcpd::corpus {

Corpus builtinCorpus() {
  std::vector<Document> documents;
  for (const EmbeddedDoc& file : embeddedDocs()) {
    documents.push_back(parseMarkdownDocument(file.path, file.contents));
  }
  return Corpus(std::move(documents), "built-in documentation");
}

}  // namespace mcpd::corpus
