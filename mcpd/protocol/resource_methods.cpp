#include "mcpd/protocol/resource_methods.h"

#include <Poco/JSON/Array.h>

#include "mcpd/protocol/params.h"

namespace mcpd::protocol {
namespace {

Outcome notFound(const std::string& method) {
  return Outcome::fail(jsonrpc::kMethodNotFound, "Method not found: " + method);
}

// SEP-2164: 2026-07-28 reports a missing resource as invalid params (-32602); earlier
// revisions used -32002. Both carry the URI in data.
Outcome resourceNotFound(const std::string& uri, bool stateless = false) {
  auto data = newObject();
  data->set("uri", uri);
  return Outcome::fail(stateless ? jsonrpc::kInvalidParams : jsonrpc::kResourceNotFound,
                       "Resource not found", data);
}

// The provider when it takes subscriptions, else null.
const ResourceProvider* subscribable(const Server& server) {
  const ResourceProvider* provider = server.resources();
  return provider != nullptr && provider->subscribable() ? provider : nullptr;
}

}  // namespace

Outcome listResources(const Server& server, const jsonrpc::Message& request) {
  const ResourceProvider* provider = server.resources();
  if (provider == nullptr) return notFound(request.method);
  const auto offset = cursorOffset(request);
  if (!offset) return Outcome::invalidParams(offset.status().message());
  ResourcePage page = provider->list(*offset, server.info().page_size);
  auto result = newObject();
  result->set("resources", page.resources);
  if (page.more) result->set("nextCursor", encodeCursor(*offset + page.resources->size()));
  return Outcome::ok(result);
}

Outcome readResource(const Server& server, const jsonrpc::Message& request,
                     const RequestContext& context) {
  const ResourceProvider* provider = server.resources();
  if (provider == nullptr) return notFound(request.method);
  const auto uri = stringParam(request, "uri");
  if (!uri) return Outcome::invalidParams("\"uri\" must be a string");
  auto contents = provider->read(*uri);
  if (!contents) return resourceNotFound(*uri, context.stateless());
  auto result = newObject();
  result->set("contents", *contents);
  return Outcome::ok(result);
}

Outcome listResourceTemplates(const Server& server, const jsonrpc::Message&) {
  const ResourceProvider* provider = server.resources();
  auto result = newObject();
  result->set("resourceTemplates", provider != nullptr
                                       ? provider->templates()
                                       : Poco::JSON::Array::Ptr(new Poco::JSON::Array));
  return Outcome::ok(result);
}

Outcome subscribeResource(const Server& server, const jsonrpc::Message& request,
                          const std::shared_ptr<OutboundChannel>& channel) {
  const ResourceProvider* provider = subscribable(server);
  if (provider == nullptr) return notFound(request.method);
  const auto uri = stringParam(request, "uri");
  if (!uri) return Outcome::invalidParams("\"uri\" must be a string");
  // Subscribing to nothing would silently never notify; say so instead.
  if (!provider->read(*uri)) return resourceNotFound(*uri);
  server.subscriptions().subscribe(*uri, channel);
  return Outcome::ok(newObject());
}

Outcome unsubscribeResource(const Server& server, const jsonrpc::Message& request,
                            const OutboundChannel* channel) {
  if (subscribable(server) == nullptr) return notFound(request.method);
  const auto uri = stringParam(request, "uri");
  if (!uri) return Outcome::invalidParams("\"uri\" must be a string");
  server.subscriptions().unsubscribe(*uri, channel);
  return Outcome::ok(newObject());
}

}  // namespace mcpd::protocol
