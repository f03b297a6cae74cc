#include "mcpd/docs/docs_prompts.h"

#include "mcpd/protocol/outcome.h"

namespace mcpd::docs {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;
using protocol::newObject;

constexpr const char* kName = "answer_from_docs";

}  // namespace

protocol::PromptPage DocsPrompts::list(std::size_t offset, std::size_t limit) const {
  protocol::PromptPage page;
  if (offset > 0 || limit == 0) return page;
  auto argument = newObject();
  argument->set("name", "question");
  argument->set("description", "What you want to know");
  argument->set("required", true);
  Array::Ptr arguments = new Array;
  arguments->add(argument);
  auto prompt = newObject();
  prompt->set("name", kName);
  prompt->set("title", "Answer from the documentation");
  prompt->set("description",
              "Answer a question from this server's documentation, citing the pages used");
  prompt->set("arguments", arguments);
  page.prompts->add(prompt);
  return page;
}

shared::Result<Object::Ptr> DocsPrompts::get(const std::string& name,
                                             const Object::Ptr& arguments) const {
  if (name != kName) return shared::Status::notFound("unknown prompt \"" + name + "\"");
  const std::string question = arguments->optValue<std::string>("question", "");
  if (question.empty())
    return shared::Status::invalidArgument("prompt " + name + ": \"question\" is required");
  auto content = newObject();
  content->set("type", "text");
  content->set("text",
               "Answer this question from the documentation: " + question +
                   "\n\nCall `search` with a few distinctive keywords, `fetch` the most promising "
                   "results, answer from what they say, and cite their URLs. Say so when the "
                   "documentation does not answer it.");
  auto message = newObject();
  message->set("role", "user");
  message->set("content", content);
  Array::Ptr messages = new Array;
  messages->add(message);
  auto result = newObject();
  result->set("description", "Answer from the documentation: " + question);
  result->set("messages", messages);
  return result;
}

}  // namespace mcpd::docs
