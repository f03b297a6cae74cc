#include "mcpd/protocol/completion_methods.h"

#include <Poco/JSON/Array.h>

#include "mcpd/protocol/params.h"

namespace mcpd::protocol {
namespace {

using Poco::JSON::Object;

// A string member of `object`, or nullopt.
std::optional<std::string> stringMember(const Object::Ptr& object, const std::string& name) {
  const Poco::Dynamic::Var value = object->get(name);
  if (!value.isString()) return std::nullopt;
  return value.extract<std::string>();
}

// Reads the params into `out`; the complaint when they are malformed, else nullopt.
std::optional<std::string> readRequest(const jsonrpc::Message& request, CompletionRequest& out) {
  const Object::Ptr ref = objectParam(request, "ref");
  if (!ref) return "\"ref\" must be an object";
  const auto type = stringMember(ref, "type");
  std::optional<std::string> target;
  if (type == "ref/prompt") {
    out.target = CompletionRequest::Target::kPrompt;
    target = stringMember(ref, "name");
    if (!target) return "\"ref.name\" must be a string";
  } else if (type == "ref/resource") {
    out.target = CompletionRequest::Target::kResourceTemplate;
    target = stringMember(ref, "uri");
    if (!target) return "\"ref.uri\" must be a string";
  } else {
    return "\"ref.type\" must be \"ref/prompt\" or \"ref/resource\"";
  }
  out.ref = *target;

  const Object::Ptr argument = objectParam(request, "argument");
  if (!argument) return "\"argument\" must be an object";
  const auto name = stringMember(argument, "name");
  const auto value = stringMember(argument, "value");
  if (!name || !value) return "\"argument.name\" and \"argument.value\" must be strings";
  out.argument = *name;
  out.value = *value;

  // 2025-06-18: context.arguments holds what the user already filled in.
  if (const Object::Ptr context = objectParam(request, "context")) {
    const Poco::Dynamic::Var raw = context->get("arguments");
    if (!raw.isEmpty()) {
      if (raw.type() != typeid(Object::Ptr)) return "\"context.arguments\" must be an object";
      for (const auto& [key, v] : *raw.extract<Object::Ptr>()) {
        if (!v.isString()) return "context argument \"" + key + "\" must be a string";
        out.context[key] = v.extract<std::string>();
      }
    }
  }
  return std::nullopt;
}

}  // namespace

Outcome complete(const Server& server, const jsonrpc::Message& request) {
  const CompletionProvider* provider = server.completions();
  if (provider == nullptr)
    return Outcome::fail(jsonrpc::kMethodNotFound, "Method not found: " + request.method);
  CompletionRequest parsed;
  if (auto complaint = readRequest(request, parsed)) return Outcome::invalidParams(*complaint);

  auto completion = provider->complete(parsed);
  if (!completion) return Outcome::providerError(completion.status());
  Poco::JSON::Array::Ptr values = new Poco::JSON::Array;
  for (std::size_t i = 0; i < completion->values.size() && i < kMaxCompletionValues; ++i) {
    values->add(completion->values[i]);
  }
  auto body = newObject();
  body->set("values", values);
  if (completion->total) body->set("total", *completion->total);
  body->set("hasMore", completion->has_more || completion->values.size() > kMaxCompletionValues);
  auto result = newObject();
  result->set("completion", body);
  return Outcome::ok(result);
}

}  // namespace mcpd::protocol
