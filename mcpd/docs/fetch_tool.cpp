#include "mcpd/docs/fetch_tool.h"

#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/outcome.h"

namespace mcpd::docs {
namespace {

constexpr const char* kFetchInputSchema = R"({
  "type": "object",
  "properties": {
    "id": {"type": "string", "minLength": 1, "description": "A document id from search results."}
  },
  "required": ["id"]
})";

constexpr const char* kFetchOutputSchema = R"({
  "type": "object",
  "properties": {
    "id": {"type": "string"},
    "title": {"type": "string"},
    "text": {"type": "string", "description": "The whole document, in Markdown."},
    "url": {"type": "string", "description": "Canonical URL, for citations."},
    "metadata": {"type": "object", "additionalProperties": {"type": "string"},
      "description": "language, resource URI and the source's own fields such as tags or date."}
  },
  "required": ["id", "title", "text", "url", "metadata"]
})";

}  // namespace

FetchTool::FetchTool(std::shared_ptr<const Library> library) : library_(std::move(library)) {
  spec_.name = "fetch";
  spec_.title = "Read a documentation page";
  spec_.description =
      "Returns the whole text of one documentation page, in Markdown, by the id that search "
      "returned.";
  spec_.input_schema = jsonrpc::parseObjectLiteral(kFetchInputSchema);
  spec_.output_schema = jsonrpc::parseObjectLiteral(kFetchOutputSchema);
}

protocol::ToolResult FetchTool::call(const Poco::JSON::Object::Ptr& arguments,
                                     protocol::RequestContext&) const {
  const Poco::Dynamic::Var id = arguments->get("id");
  if (!id.isString() || id.extract<std::string>().empty()) {
    return protocol::ToolResult::error(
        "fetch needs a non-empty \"id\" string from search results.");
  }
  const auto index = library_->current();
  const corpus::Document* doc = index->corpus().find(id.extract<std::string>());
  if (doc == nullptr) {
    return protocol::ToolResult::error("No document has the id \"" + id.extract<std::string>() +
                                       "\". Use an id from search results.");
  }
  auto metadata = protocol::newObject();
  metadata->set("language", doc->language);
  metadata->set("uri", documentUri(doc->id));
  for (const auto& [key, value] : doc->metadata) {
    if (!metadata->has(key)) metadata->set(key, value);
  }
  auto structured = protocol::newObject();
  structured->set("id", doc->id);
  structured->set("title", doc->title);
  structured->set("text", doc->text);
  structured->set("url", doc->url);
  structured->set("metadata", metadata);
  return protocol::ToolResult::structuredJson(structured);
}

}  // namespace mcpd::docs
