#include "mcpd/protocol/prompt_methods.h"

#include "mcpd/protocol/params.h"

namespace mcpd::protocol {

Outcome listPrompts(const Server& server, const jsonrpc::Message& request) {
  const PromptProvider* provider = server.prompts();
  if (provider == nullptr)
    return Outcome::fail(jsonrpc::kMethodNotFound, "Method not found: " + request.method);
  const auto offset = cursorOffset(request);
  if (!offset) return Outcome::invalidParams(offset.status().message());
  PromptPage page = provider->list(*offset, server.info().page_size);
  auto result = newObject();
  result->set("prompts", page.prompts);
  if (page.more) result->set("nextCursor", encodeCursor(*offset + page.prompts->size()));
  return Outcome::ok(result);
}

Outcome getPrompt(const Server& server, const jsonrpc::Message& request, RequestContext& context) {
  const PromptProvider* provider = server.prompts();
  if (provider == nullptr)
    return Outcome::fail(jsonrpc::kMethodNotFound, "Method not found: " + request.method);
  const auto name = stringParam(request, "name");
  if (!name) return Outcome::invalidParams("\"name\" must be a string");

  Poco::JSON::Object::Ptr arguments = objectParam(request, "arguments");
  if (!arguments) {
    if (!request.params->get("arguments").isEmpty())
      return Outcome::invalidParams("\"arguments\" must be an object");
    arguments = newObject();
  }
  // GetPromptRequest: argument values are strings.
  for (const auto& [key, value] : *arguments) {
    if (!value.isString())
      return Outcome::invalidParams("argument \"" + key + "\" must be a string");
  }
  auto result = provider->get(*name, arguments, context);
  if (!result) return Outcome::providerError(result.status());
  return Outcome::ok(*result);
}

}  // namespace mcpd::protocol
