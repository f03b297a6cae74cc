#pragma once

// SearchApi: GET /api/search?q=...&limit=N&language=xx, the landing page's JSON search
// beside MCP. It runs exactly the MCP `search` tool's search (docs/search_request.h) on the
// same library, and answers {"results":[{"id","title","url","snippet","language"}]}.
// Errors are JSON too, {"error":"..."}: a missing or empty q, a limit that is not a whole
// number from 1 to 50, an unknown language or a malformed query string give 400; a method
// other than GET or HEAD gives 405 with Allow. Decided here without HTTP types so the rules
// are unit-tested directly; web_handlers.h sends the reply. Any thread.

#include <string>
#include <string_view>

#include "mcpd/docs/library.h"
#include "mcpd/docs/search_request.h"
#include "shared/result.h"

namespace mcpd::web {

inline constexpr const char* kSearchApiPath = "/api/search";

struct ApiReply {
  int status = 200;
  std::string body;   // JSON
  std::string allow;  // the Allow header of a 405; empty otherwise
};

// The search arguments in a raw query string ("q=a+b&limit=5"): form decoding ("+" is a
// space), the first of repeated names wins, unknown names are ignored. Fails with
// kInvalidArgument for bad percent-encoding or a limit that is no whole number.
shared::Result<docs::SearchArguments> parseSearchParameters(std::string_view raw_query);

// The reply to `method` on /api/search with `raw_query` (the part after "?").
ApiReply answerSearchApi(std::string_view method, std::string_view raw_query,
                         const docs::Library& library);

}  // namespace mcpd::web
