#include "tests/mcp/conformance_server/fixture_resources.h"

#include <array>

#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/outcome.h"
#include "tests/mcp/conformance_server/fixture_data.h"

namespace conformance {
namespace {

using mcpd::protocol::newObject;
using Poco::JSON::Array;
using Poco::JSON::Object;

struct Listed {
  const char* uri;
  const char* name;
  const char* title;
  const char* description;
  const char* mime_type;
};

constexpr std::array<Listed, 3> kListed = {{
    {kStaticTextUri, "static-text", "Static Text Resource", "A static text resource for testing",
     "text/plain"},
    {kStaticBinaryUri, "static-binary", "Static Binary Resource",
     "A static binary resource (image) for testing", "image/png"},
    {kWatchedUri, "watched-resource", "Watched Resource",
     "A resource that changes when test_touch_watched_resource runs", "text/plain"},
}};

Array::Ptr single(const std::string& uri, const std::string& mime_type, const char* field,
                  const std::string& value) {
  auto contents = newObject();
  contents->set("uri", uri);
  contents->set("mimeType", mime_type);
  contents->set(field, value);
  Array::Ptr array = new Array;
  array->add(contents);
  return array;
}

// The {id} of test://template/{id}/data, or nullopt when `uri` does not match.
std::optional<std::string> templateId(const std::string& uri) {
  static const std::string kPrefix = "test://template/";
  static const std::string kSuffix = "/data";
  if (!uri.starts_with(kPrefix) || !uri.ends_with(kSuffix)) return std::nullopt;
  const std::string id = uri.substr(kPrefix.size(), uri.size() - kPrefix.size() - kSuffix.size());
  if (id.empty() || id.find('/') != std::string::npos) return std::nullopt;
  return id;
}

}  // namespace

mcpd::protocol::ResourcePage FixtureResources::list(std::size_t offset, std::size_t limit) const {
  mcpd::protocol::ResourcePage page;
  for (std::size_t i = offset; i < kListed.size() && i < offset + limit; ++i) {
    auto resource = newObject();
    resource->set("uri", kListed[i].uri);
    resource->set("name", kListed[i].name);
    resource->set("title", kListed[i].title);
    resource->set("description", kListed[i].description);
    resource->set("mimeType", kListed[i].mime_type);
    page.resources->add(resource);
  }
  page.more = offset + limit < kListed.size();
  return page;
}

std::optional<Array::Ptr> FixtureResources::read(const std::string& uri) const {
  if (uri == kStaticTextUri) {
    return single(uri, "text/plain", "text", "This is the content of the static text resource.");
  }
  if (uri == kStaticBinaryUri) return single(uri, "image/png", "blob", kPngBase64);
  if (uri == kWatchedUri) {
    const int version = watched_version_.load();
    return single(uri, "text/plain", "text",
                  version == 0 ? "Watched resource content"
                               : "Watched resource content, version " + std::to_string(version));
  }
  if (const auto id = templateId(uri)) {
    auto data = newObject();
    data->set("id", *id);
    data->set("templateTest", true);
    data->set("data", "Data for ID: " + *id);
    return single(uri, "application/json", "text", mcpd::jsonrpc::toJson(data));
  }
  return std::nullopt;
}

Array::Ptr FixtureResources::templates() const {
  auto resource_template = newObject();
  resource_template->set("uriTemplate", kTemplateUri);
  resource_template->set("name", "template");
  resource_template->set("title", "Resource Template");
  resource_template->set("description", "A resource template with parameter substitution");
  resource_template->set("mimeType", "application/json");
  Array::Ptr array = new Array;
  array->add(resource_template);
  return array;
}

}  // namespace conformance
