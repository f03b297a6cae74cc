#pragma once

// DocsSource: where mcpd's documentation comes from, as configured by MCPD_DOCS: empty for
// the built-in corpus, a Markdown folder, an index.json file, or an https URL to one. It
// loads the corpus and builds its search index; reload() does it again, and for a URL sends
// the previous ETag / Last-Modified so that an unchanged index costs one 304.
// Used by one thread at a time (start-up, then the refresh task).

#include <memory>
#include <string>

#include "mcpd/corpus/remote_source.h"
#include "mcpd/search/index.h"
#include "shared/result.h"

namespace mcpd::docs {

class DocsSource {
 public:
  // `spec` as in MCPD_DOCS; `ca_file` adds trust for an https URL; `default_language` is
  // the language of documents that name none.
  DocsSource(std::string spec, std::string ca_file, std::string default_language = "en");

  // A fresh index of the source. Errors name the source.
  shared::Result<std::shared_ptr<const search::Index>> load();

  // A new index, or null when the source is unchanged (a URL answered 304).
  shared::Result<std::shared_ptr<const search::Index>> reload();

  bool isRemote() const { return spec_.starts_with("https://"); }
  const std::string& spec() const { return spec_; }

 private:
  shared::Result<std::shared_ptr<const corpus::Corpus>> readCorpus(bool conditional);

  std::string spec_;
  std::string default_language_;
  corpus::RemoteOptions remote_;
  std::string etag_;
  std::string last_modified_;
};

}  // namespace mcpd::docs
