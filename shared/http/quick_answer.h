#pragma once

// quickResponse: the bytes of the front thread's own answer to a request head whose answer
// is fixed text (ServeOptions::quick_answers), so that a health probe needs no worker.
// Only a plain GET or HEAD of such a path qualifies: its target in origin form, no body,
// no Expect, and a head that checkRequest() accepts. Everything else, refusals included,
// is left to a worker, which answers it as it answers any request. The response is what
// a worker would send: same status line, Date, Connection, Content-Type and Content-Length.
// Pure; any thread.

#include <optional>
#include <string>
#include <string_view>

#include "shared/http/serve_options.h"

namespace shared::http {

struct QuickResponse {
  std::string bytes;
  bool keep_alive = false;  // false: close the connection once the bytes are sent
};

// `head` is one whole request head, its blank line included.
std::optional<QuickResponse> quickResponse(std::string_view head, const QuickAnswers& answers);

}  // namespace shared::http
