#include "tests/mcp/conformance_server/fixture_prompts.h"

#include <array>
#include <vector>

#include "mcpd/protocol/outcome.h"
#include "tests/mcp/conformance_server/fixture_data.h"

namespace conformance {
namespace {

using mcpd::protocol::newObject;
using Poco::JSON::Array;
using Poco::JSON::Object;

struct Argument {
  const char* name;
  const char* description;
};

constexpr const char* kInputRequiredPrompt = "test_input_required_result_prompt";

struct PromptSpec {
  const char* name;
  const char* title;
  const char* description;
  std::vector<Argument> arguments;  // all required
};

const std::array<PromptSpec, 5>& prompts() {
  static const std::array<PromptSpec, 5> kPrompts = {{
      {"test_simple_prompt", "Simple Test Prompt", "A simple prompt without arguments", {}},
      {"test_prompt_with_arguments",
       "Prompt With Arguments",
       "A prompt with required arguments",
       {{"arg1", "First test argument"}, {"arg2", "Second test argument"}}},
      {"test_prompt_with_embedded_resource",
       "Prompt With Embedded Resource",
       "A prompt that includes an embedded resource",
       {{"resourceUri", "URI of the resource to embed"}}},
      {"test_prompt_with_image", "Prompt With Image", "A prompt that includes image content", {}},
      {kInputRequiredPrompt,
       "Prompt Needing Input",
       "A prompt that asks the user for context first (2026-07-28 multi round-trip)",
       {}},
  }};
  return kPrompts;
}

Object::Ptr message(const Object::Ptr& content) {
  auto m = newObject();
  m->set("role", "user");
  m->set("content", content);
  return m;
}

Object::Ptr text(const std::string& value) {
  auto content = newObject();
  content->set("type", "text");
  content->set("text", value);
  return content;
}

// The messages of prompt `name`, whose arguments are all present.
Array::Ptr messagesFor(const std::string& name, const Object::Ptr& arguments) {
  Array::Ptr messages = new Array;
  if (name == "test_simple_prompt") {
    messages->add(message(text("This is a simple prompt for testing.")));
  } else if (name == "test_prompt_with_arguments") {
    messages->add(
        message(text("Prompt with arguments: arg1='" + arguments->getValue<std::string>("arg1") +
                     "', arg2='" + arguments->getValue<std::string>("arg2") + "'")));
  } else if (name == "test_prompt_with_embedded_resource") {
    auto resource = newObject();
    resource->set("uri", arguments->getValue<std::string>("resourceUri"));
    resource->set("mimeType", "text/plain");
    resource->set("text", "Embedded resource content for testing.");
    auto embedded = newObject();
    embedded->set("type", "resource");
    embedded->set("resource", resource);
    messages->add(message(embedded));
    messages->add(message(text("Please process the embedded resource above.")));
  } else if (name == kInputRequiredPrompt) {
    messages->add(
        message(text("Use this context: " + arguments->optValue<std::string>("context", ""))));
  } else {
    auto image = newObject();
    image->set("type", "image");
    image->set("data", kPngBase64);
    image->set("mimeType", "image/png");
    messages->add(message(image));
    messages->add(message(text("Please analyze the image above.")));
  }
  return messages;
}

}  // namespace

mcpd::protocol::PromptPage FixturePrompts::list(std::size_t offset, std::size_t limit) const {
  mcpd::protocol::PromptPage page;
  for (std::size_t i = offset; i < prompts().size() && i < offset + limit; ++i) {
    const PromptSpec& spec = prompts()[i];
    auto prompt = newObject();
    prompt->set("name", spec.name);
    prompt->set("title", spec.title);
    prompt->set("description", spec.description);
    if (!spec.arguments.empty()) {
      Array::Ptr arguments = new Array;
      for (const Argument& a : spec.arguments) {
        auto argument = newObject();
        argument->set("name", a.name);
        argument->set("description", a.description);
        argument->set("required", true);
        arguments->add(argument);
      }
      prompt->set("arguments", arguments);
    }
    page.prompts->add(prompt);
  }
  page.more = offset + limit < prompts().size();
  return page;
}

shared::Result<Object::Ptr> FixturePrompts::get(const std::string& name,
                                                const Object::Ptr& arguments) const {
  for (const PromptSpec& spec : prompts()) {
    if (spec.name != name) continue;
    for (const Argument& a : spec.arguments) {
      if (!arguments->has(a.name)) {
        return shared::Status::invalidArgument("prompt " + name + ": missing required argument \"" +
                                               a.name + "\"");
      }
    }
    auto result = newObject();
    result->set("description", spec.description);
    result->set("messages", messagesFor(name, arguments));
    return result;
  }
  return shared::Status::notFound("unknown prompt \"" + name + "\"");
}

shared::Result<Object::Ptr> FixturePrompts::get(const std::string& name,
                                                const Object::Ptr& arguments,
                                                mcpd::protocol::RequestContext& context) const {
  if (name != kInputRequiredPrompt) return get(name, arguments);
  // 2026-07-28 MRTR on prompts/get: ask for the context, then fill the prompt with it.
  const Object::Ptr responses = context.inputResponses();
  const Object::Ptr answer = responses ? responses->getObject("user_context") : nullptr;
  const Object::Ptr content = answer ? answer->getObject("content") : nullptr;
  if (content && content->get("context").isString()) {
    auto filled = newObject();
    filled->set("context", content->getValue<std::string>("context"));
    return get(name, filled);
  }
  auto schema = newObject();
  schema->set("type", "object");
  auto properties = newObject();
  auto field = newObject();
  field->set("type", "string");
  properties->set("context", field);
  schema->set("properties", properties);
  Array::Ptr required = new Array;
  required->add("context");
  schema->set("required", required);
  auto params = newObject();
  params->set("message", "What context should the prompt use?");
  params->set("requestedSchema", schema);
  auto request = newObject();
  request->set("method", "elicitation/create");
  request->set("params", params);
  auto requests = newObject();
  requests->set("user_context", request);
  context.requireInput({requests, std::nullopt});
  return newObject();
}

}  // namespace conformance
