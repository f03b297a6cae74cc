// quickResponse: which request heads the front thread may answer itself, and the bytes it
// sends (what a worker would send for the same answer).

#include "shared/http/quick_answer.h"

#include <catch2/catch.hpp>

namespace {

shared::http::QuickAnswers answers() {
  return [](std::string_view path) -> std::optional<shared::http::QuickAnswer> {
    if (path == "/healthz") return shared::http::QuickAnswer{.body = "ok\n"};
    if (path == "/readyz") return shared::http::QuickAnswer{.status = 503, .body = "not ready\n"};
    return std::nullopt;
  };
}

}  // namespace

TEST_CASE("quick answers: plain GET and HEAD of a quick path only", "[http]") {
  using shared::http::quickResponse;
  const auto get = quickResponse("GET /healthz?probe=1 HTTP/1.1\r\nHost: a\r\n\r\n", answers());
  REQUIRE(get);
  CHECK(get->keep_alive);
  CHECK(get->bytes.starts_with("HTTP/1.1 200 OK\r\nDate: "));
  CHECK(get->bytes.ends_with(
      "\r\nConnection: Keep-Alive\r\nContent-Type: text/plain; charset=utf-8\r\n"
      "Content-Length: 3\r\n\r\nok\n"));

  const auto head = quickResponse("HEAD /readyz HTTP/1.0\r\n\r\n", answers());
  REQUIRE(head);
  CHECK_FALSE(head->keep_alive);
  CHECK(head->bytes.starts_with("HTTP/1.0 503 Service Unavailable\r\n"));
  CHECK(
      head->bytes.ends_with("Connection: Close\r\nContent-Type: text/plain; charset=utf-8\r\n"
                            "Content-Length: 10\r\n\r\n"));

  const auto closing =
      quickResponse("GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", answers());
  REQUIRE(closing);
  CHECK_FALSE(closing->keep_alive);

  // Left to a worker: other paths and methods, bodies, Expect, absolute targets, and every
  // head that checkRequest() or Poco's parser refuses (the worker answers those).
  for (const char* head : {
           "GET /mcp HTTP/1.1\r\nHost: a\r\n\r\n",
           "POST /healthz HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
           "GET /healthz HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n",
           "GET /healthz HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n",
           "GET /healthz HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n",
           "GET http://a/healthz HTTP/1.1\r\nHost: a\r\n\r\n",
           "GET /healthz HTTP/1.1\r\n\r\n",
           "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
           "GET /healthz HTTP/9.9\r\nHost: a\r\n\r\n",
           "GET /healthz HTTP/1.1\r\nHost : a\r\n\r\n",
           "GET /healthz\r\n\r\n",
       }) {
    INFO(head);
    CHECK_FALSE(quickResponse(head, answers()));
  }
  CHECK_FALSE(quickResponse("GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n", nullptr));
}
