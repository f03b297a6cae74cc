#include "mcpd/docs/search_tool.h"

#include <Poco/JSON/Array.h>

#include "mcpd/docs/search_request.h"
#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/outcome.h"
#include "shared/json_string.h"

namespace mcpd::docs {
namespace {

constexpr std::size_t kRenderedResults = 256;  // about 8 KiB of JSON values each

constexpr const char* kSearchInputSchema = R"({
  "type": "object",
  "properties": {
    "query": {"type": "string", "minLength": 1,
      "description": "Keywords to look for. Supports \"exact phrases\", AND, OR, NOT, +required and -excluded words, and trailing* wildcards."},
    "limit": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10,
      "description": "Maximum number of results."},
    "language": {"type": "string",
      "description": "Only documents in this language, as an ISO 639-1 code such as en or de. Without it, the query's own language comes first."}
  },
  "required": ["query"]
})";

constexpr const char* kSearchOutputSchema = R"({
  "type": "object",
  "properties": {
    "results": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "id": {"type": "string", "description": "Pass to fetch to read the whole document."},
          "title": {"type": "string"},
          "url": {"type": "string", "description": "Canonical URL, for citations."},
          "snippet": {"type": "string", "description": "Text around the matched words, which are in **bold**."},
          "language": {"type": "string", "description": "ISO 639-1 code of the document's language."}
        },
        "required": ["id", "title", "url"]
      }
    }
  },
  "required": ["results"]
})";

// Appends `value` to `json` as a JSON string, and the same text as it reads inside the JSON
// string `content` is (its quotes and backslashes escaped once more).
void appendValue(std::string& json, std::string& content, std::string_view value) {
  const std::size_t from = json.size();
  shared::appendJsonString(json, value);
  const std::string_view added(json.data() + from, json.size() - from);
  if (added.find('\\') == std::string_view::npos) {
    // Without a backslash, the only quotes are the two around the value.
    content += "\\\"";
    content.append(added.substr(1, added.size() - 2));
    content += "\\\"";
    return;
  }
  for (char c : added) {
    if (c == '"' || c == '\\') content += '\\';
    content += c;
  }
}

// The reply written straight as JSON text, as resultObjects() would make it: no Poco tree
// to build and walk for every uncached search. The text content item holds the same JSON
// as a string, written alongside rather than escaped again afterwards.
protocol::ToolResult render(const search::SearchResult& found) {
  // About 400 bytes a hit: sized once rather than grown by doubling.
  std::string json;
  json.reserve(512 * (found.hits.size() + 1));
  json = R"({"results":[)";
  std::string content;
  content.reserve(json.capacity() + 128);
  content = R"([{"text":"{\"results\":[)";
  for (std::size_t i = 0; i < found.hits.size(); ++i) {
    const search::Hit& hit = found.hits[i];
    if (i > 0) {
      json += ',';
      content += ',';
    }
    // Member order as resultObjects() keeps it; each name also as it reads inside a string.
    const struct {
      const char* name;
      const char* quoted_name;
      const std::string* value;
    } fields[] = {{R"({"id":)", R"({\"id\":)", &hit.document->id},
                  {R"(,"title":)", R"(,\"title\":)", &hit.document->title},
                  {R"(,"url":)", R"(,\"url\":)", &hit.document->url},
                  {R"(,"snippet":)", R"(,\"snippet\":)", &hit.snippet},
                  {R"(,"language":)", R"(,\"language\":)", &hit.document->language}};
    for (const auto& field : fields) {
      json += field.name;
      content += field.quoted_name;
      appendValue(json, content, *field.value);
    }
    json += '}';
    content += '}';
  }
  json += "]}";
  content += R"(]}","type":"text"}])";
  protocol::ToolResult rendered;
  rendered.content_json = std::make_shared<const std::string>(std::move(content));
  rendered.structured_json = std::make_shared<const std::string>(std::move(json));
  // The reply itself keeps the shape ChatGPT's connector contract fixes; which language the
  // query was read in goes beside it.
  if (!found.language.empty()) {
    rendered.meta = protocol::newObject();
    rendered.meta->set("language", found.language);
  }
  return rendered;
}

}  // namespace

SearchTool::SearchTool(std::shared_ptr<const Library> library) : library_(std::move(library)) {
  spec_.name = "search";
  spec_.title = "Search the documentation";
  spec_.description =
      "Searches the documentation and returns the best-matching pages with their id, title, URL "
      "and a "
      "snippet. Use short keyword queries; call fetch with a result's id to read the page.";
  spec_.input_schema = jsonrpc::parseObjectLiteral(kSearchInputSchema);
  spec_.output_schema = jsonrpc::parseObjectLiteral(kSearchOutputSchema);
}

protocol::ToolResult SearchTool::call(const Poco::JSON::Object::Ptr& arguments,
                                      protocol::RequestContext& context) const {
  const Poco::Dynamic::Var query = arguments->get("query");
  if (!query.isString()) {
    return protocol::ToolResult::error("search needs a non-empty \"query\" string.");
  }
  SearchArguments request_arguments{.query = query.extract<std::string>()};
  if (arguments->has("limit")) {
    const Poco::Dynamic::Var limit = arguments->get("limit");
    if (!limit.isNumeric() || limit.isBoolean() ||
        limit.convert<double>() != limit.convert<Poco::Int64>()) {
      return protocol::ToolResult::error(limitErrorMessage());
    }
    request_arguments.limit = limit.convert<Poco::Int64>();
  }
  if (arguments->has("language")) {
    const Poco::Dynamic::Var language = arguments->get("language");
    // A non-string fails the same check as an unknown code.
    request_arguments.language = language.isString() ? language.extract<std::string>() : "";
  }
  auto checked = makeSearchQuery(request_arguments);
  if (!checked) return protocol::ToolResult::error(checked.status().message());
  const search::Query& request = *checked;

  context.progress(0, 1, "searching");
  const auto index = library_->current();
  const auto rendered = renderedFor(index);
  std::string key = request.language;
  key += '\0';
  key += std::to_string(request.limit);
  key += '\0';
  key += request.text;
  std::shared_ptr<const RenderedSearch> result = rendered->results.find(key);
  if (!result) {
    auto found = index->search(request);
    if (!found) return protocol::ToolResult::error("search failed: " + found.status().message());
    result = rendered->results.insert(key, RenderedSearch{render(*found), found->hits.size()});
  }
  context.progress(1, 1, "done");
  if (context.logs(protocol::LogLevel::kDebug)) {  // built only for a client that listens
    context.log(
        protocol::LogLevel::kDebug, "search",
        "query \"" + request.text + "\" matched " + std::to_string(result->matched) + " documents");
  }
  return result->result;  // shares the immutable JSON values with the cache
}

std::shared_ptr<SearchTool::RenderedResults> SearchTool::renderedFor(
    const std::shared_ptr<const search::Index>& index) const {
  std::lock_guard lock(rendered_mu_);
  if (!rendered_ || rendered_->index.lock() != index) {
    rendered_ = std::make_shared<RenderedResults>(index, kRenderedResults);
  }
  return rendered_;
}

}  // namespace mcpd::docs
