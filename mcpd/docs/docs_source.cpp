#include "mcpd/docs/docs_source.h"

#include <filesystem>

#include "mcpd/corpus/builtin.h"
#include "mcpd/corpus/index_json.h"
#include "mcpd/corpus/markdown_folder.h"

namespace mcpd::docs {

DocsSource::DocsSource(std::string spec, std::string ca_file, std::string default_language)
    : spec_(std::move(spec)), default_language_(std::move(default_language)) {
  remote_.url = spec_;
  remote_.ca_file = ca_file;
}

shared::Result<std::shared_ptr<const corpus::Corpus>> DocsSource::readCorpus(bool conditional) {
  using CorpusPtr = std::shared_ptr<const corpus::Corpus>;
  if (spec_.empty()) return CorpusPtr(std::make_shared<corpus::Corpus>(corpus::builtinCorpus()));
  if (isRemote()) {
    auto fetched =
        corpus::fetchIndex(remote_, conditional ? etag_ : "", conditional ? last_modified_ : "");
    if (!fetched) return fetched.status();
    if (fetched->unchanged) return CorpusPtr();
    auto parsed = corpus::parseIndexJson(fetched->body, spec_, default_language_);
    if (!parsed) return parsed.status();
    // Remember the validators only for an index that parsed, so a broken one is fetched again.
    etag_ = fetched->etag;
    last_modified_ = fetched->last_modified;
    return CorpusPtr(std::make_shared<corpus::Corpus>(std::move(parsed).value()));
  }
  std::error_code error;
  auto loaded = std::filesystem::is_directory(spec_, error)
                    ? corpus::loadMarkdownFolder(spec_, default_language_)
                    : corpus::loadIndexJsonFile(spec_, default_language_);
  if (!loaded) return loaded.status();
  return CorpusPtr(std::make_shared<corpus::Corpus>(std::move(loaded).value()));
}

shared::Result<std::shared_ptr<const search::Index>> DocsSource::load() {
  auto corpus = readCorpus(/*conditional=*/false);
  if (!corpus) return corpus.status();
  return search::Index::build(*corpus, {});
}

shared::Result<std::shared_ptr<const search::Index>> DocsSource::reload() {
  auto corpus = readCorpus(/*conditional=*/true);
  if (!corpus) return corpus.status();
  if (!*corpus) return std::shared_ptr<const search::Index>();
  return search::Index::build(*corpus, {});
}

}  // namespace mcpd::docs
