#include "mcpd/docs/document_resources.h"

#include "mcpd/protocol/outcome.h"

namespace mcpd::docs {
namespace {

constexpr const char* kMimeType = "text/markdown";

// A one-line description: the start of the text, cut at a word boundary.
std::string summary(const std::string& text) {
  constexpr std::size_t kMax = 160;
  std::string flat;
  for (const char c : text) {
    if (flat.size() >= kMax) break;
    const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
    if (space && (flat.empty() || flat.back() == ' ')) continue;
    flat += space ? ' ' : c;
  }
  if (flat.size() >= kMax) {
    const auto cut = flat.rfind(' ');
    flat = flat.substr(0, cut == std::string::npos ? kMax : cut) + "...";
  }
  return flat;
}

}  // namespace

std::string documentUri(const std::string& id) {
  return kDocumentUriPrefix + id;
}

protocol::ResourcePage DocumentResources::list(std::size_t offset, std::size_t limit) const {
  const auto index = library_->current();
  const auto& documents = index->corpus().documents();
  protocol::ResourcePage page;
  for (std::size_t i = offset; i < documents.size() && i < offset + limit; ++i) {
    const auto& doc = documents[i];
    auto resource = protocol::newObject();
    resource->set("uri", documentUri(doc.id));
    resource->set("name", doc.id);
    resource->set("title", doc.title);
    resource->set("description", summary(doc.text));
    resource->set("mimeType", kMimeType);
    page.resources->add(resource);
  }
  page.more = offset + limit < documents.size();
  return page;
}

std::optional<Poco::JSON::Array::Ptr> DocumentResources::read(const std::string& uri) const {
  if (!uri.starts_with(kDocumentUriPrefix)) return std::nullopt;
  const auto index = library_->current();
  const auto* doc = index->corpus().find(
      std::string_view(uri).substr(std::string_view(kDocumentUriPrefix).size()));
  if (doc == nullptr) return std::nullopt;
  auto content = protocol::newObject();
  content->set("uri", uri);
  content->set("mimeType", kMimeType);
  content->set("text", doc->text);
  Poco::JSON::Array::Ptr contents = new Poco::JSON::Array;
  contents->add(content);
  return contents;
}

Poco::JSON::Array::Ptr DocumentResources::templates() const {
  auto tmpl = protocol::newObject();
  tmpl->set("uriTemplate", std::string(kDocumentUriPrefix) + "{+id}");
  tmpl->set("name", "document");
  tmpl->set("title", "Documentation page");
  tmpl->set("description", "A page of the documentation by its id, as returned by the search tool");
  tmpl->set("mimeType", kMimeType);
  Poco::JSON::Array::Ptr templates = new Poco::JSON::Array;
  templates->add(tmpl);
  return templates;
}

}  // namespace mcpd::docs
