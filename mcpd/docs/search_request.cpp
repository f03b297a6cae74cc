#include "mcpd/docs/search_request.h"

#include <Poco/JSON/Object.h>

#include "mcpd/corpus/language_tag.h"

namespace mcpd::docs {

std::string limitErrorMessage() {
  return "\"limit\" must be a whole number from 1 to " + std::to_string(kMaxSearchLimit) + ".";
}

shared::Result<search::Query> makeSearchQuery(const SearchArguments& arguments,
                                              std::string_view query_name) {
  if (arguments.query.empty()) {
    return shared::Status::invalidArgument("search needs a non-empty \"" + std::string(query_name) +
                                           "\" string.");
  }
  search::Query query{.text = arguments.query, .limit = kDefaultSearchLimit};
  if (arguments.limit) {
    if (*arguments.limit < 1 || *arguments.limit > kMaxSearchLimit) {
      return shared::Status::invalidArgument(limitErrorMessage());
    }
    query.limit = static_cast<std::size_t>(*arguments.limit);
  }
  if (arguments.language) {
    auto code = corpus::languageOfTag(*arguments.language);
    if (!code) {
      return shared::Status::invalidArgument(
          "\"language\" must be an ISO 639-1 code such as en, de or fr.");
    }
    query.language = std::move(*code);
  }
  return query;
}

Poco::JSON::Array::Ptr resultObjects(const std::vector<search::Hit>& hits) {
  Poco::JSON::Array::Ptr results = new Poco::JSON::Array;
  for (const search::Hit& hit : hits) {
    Poco::JSON::Object::Ptr result = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    result->set("id", hit.document->id);
    result->set("title", hit.document->title);
    result->set("url", hit.document->url);
    result->set("snippet", hit.snippet);
    result->set("language", hit.document->language);
    results->add(result);
  }
  return results;
}

shared::Result<Poco::JSON::Array::Ptr> runSearch(const Library& library,
                                                 const search::Query& query) {
  const auto index = library.current();  // keeps the hits' documents alive below
  auto found = index->search(query);
  if (!found) return found.status();
  return resultObjects(found->hits);
}

}  // namespace mcpd::docs
