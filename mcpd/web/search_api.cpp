#include "mcpd/web/search_api.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/URI.h>

#include <charconv>
#include <sstream>

namespace mcpd::web {
namespace {

std::string errorBody(const std::string& message) {
  Poco::JSON::Object body;
  body.set("error", message);
  std::ostringstream out;
  body.stringify(out);
  return out.str();
}

ApiReply error(int status, const std::string& message) {
  return {.status = status, .body = errorBody(message)};
}

std::string formDecode(std::string_view text) {
  std::string decoded;
  Poco::URI::decode(std::string(text), decoded, true);  // throws on a bad %-escape
  return decoded;
}

}  // namespace

shared::Result<docs::SearchArguments> parseSearchParameters(std::string_view raw_query) {
  docs::SearchArguments arguments;
  bool seen_q = false;
  try {
    std::size_t position = 0;
    while (position <= raw_query.size()) {
      auto end = raw_query.find('&', position);
      if (end == std::string_view::npos) end = raw_query.size();
      const std::string_view pair = raw_query.substr(position, end - position);
      position = end + 1;
      if (pair.empty()) continue;
      const auto equals = pair.find('=');
      const std::string name = formDecode(pair.substr(0, equals));
      const std::string value =
          equals == std::string_view::npos ? "" : formDecode(pair.substr(equals + 1));
      if (name == "q" && !seen_q) {
        arguments.query = value;
        seen_q = true;
      } else if (name == "limit" && !arguments.limit) {
        long long limit = 0;
        const auto [end_of_number, error] =
            std::from_chars(value.data(), value.data() + value.size(), limit);
        if (error != std::errc() || end_of_number != value.data() + value.size()) {
          return shared::Status::invalidArgument(docs::limitErrorMessage());
        }
        arguments.limit = limit;
      } else if (name == "language" && !arguments.language) {
        arguments.language = value;
      }
    }
  } catch (const Poco::Exception& e) {
    return shared::Status::invalidArgument("the query string is malformed: " + e.message());
  }
  return arguments;
}

ApiReply answerSearchApi(std::string_view method, std::string_view raw_query,
                         const docs::Library& library) {
  if (method != "GET" && method != "HEAD") {
    ApiReply reply = error(405, "use GET " + std::string(kSearchApiPath) + "?q=words");
    reply.allow = "GET, HEAD";
    return reply;
  }
  auto arguments = parseSearchParameters(raw_query);
  if (!arguments) return error(400, arguments.status().message());
  auto query = docs::makeSearchQuery(*arguments, "q");
  if (!query) return error(400, query.status().message());
  auto results = docs::runSearch(library, *query);
  if (!results) {
    const bool caller = results.status().code() == shared::Status::Code::kInvalidArgument;
    return error(caller ? 400 : 500, results.status().message());
  }
  Poco::JSON::Object body;
  body.set("results", *results);
  std::ostringstream out;
  body.stringify(out);
  return {.status = 200, .body = out.str()};
}

}  // namespace mcpd::web
