#pragma once

// SearchRequest: the one definition of a documentation search that every caller shares:
// the MCP `search` tool and the landing page's JSON endpoint (mcpd/web). It checks the
// arguments (limit 1-50, default 10; a known ISO 639-1 language) and turns the index's hits
// into result objects {"id","title","url","snippet","language"}. Pure apart from reading
// the library's current index; any thread.

#include <Poco/JSON/Array.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mcpd/docs/library.h"
#include "mcpd/search/index.h"
#include "shared/result.h"

namespace mcpd::docs {

inline constexpr long long kDefaultSearchLimit = 10;
inline constexpr long long kMaxSearchLimit = 50;

struct SearchArguments {
  std::string query;
  std::optional<long long> limit;       // nullopt: kDefaultSearchLimit
  std::optional<std::string> language;  // nullopt: every language
};

// The index query for `arguments`, or kInvalidArgument with a message for the user that
// names the argument: `query_name` is how the caller spells the query ("query", "q").
shared::Result<search::Query> makeSearchQuery(const SearchArguments& arguments,
                                              std::string_view query_name = "query");

// The message makeSearchQuery gives for a limit out of range; callers that parse the limit
// themselves (a JSON number, a URL parameter) use it for values that are no whole number.
std::string limitErrorMessage();

// The result objects {"id","title","url","snippet","language"} for `hits`, in order.
Poco::JSON::Array::Ptr resultObjects(const std::vector<search::Hit>& hits);

// Runs `query` on the library's current index. Fails as Index::search does
// (kInvalidArgument for a query over the size limit, kInternal when Xapian fails).
shared::Result<Poco::JSON::Array::Ptr> runSearch(const Library& library,
                                                 const search::Query& query);

}  // namespace mcpd::docs
