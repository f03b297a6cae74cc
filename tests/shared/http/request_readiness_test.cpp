#include "shared/http/request_readiness.h"

#include <catch2/catch.hpp>
#include <string>

using shared::http::Readiness;
using shared::http::ReadinessLimits;
using shared::http::requestReadiness;

namespace {

Readiness::State stateOf(const std::string& bytes, ReadinessLimits limits = {}) {
  return requestReadiness(bytes, limits).state;
}

}  // namespace

TEST_CASE("readiness waits for the blank line that ends a request head", "[http]") {
  CHECK(stateOf("GET / HTTP/1.1\r\nHost: a\r\n") == Readiness::State::kNeedMore);
  CHECK(stateOf("GET / HTTP/1.1\r\nHost: a\r\n\r\n") == Readiness::State::kReady);
  CHECK(stateOf("GET / HTTP/1.1\nHost: a\n\n") == Readiness::State::kReady);
  CHECK(stateOf("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n") == Readiness::State::kNeedMore);
}

TEST_CASE("readiness refuses a head longer than the limit, complete or not", "[http]") {
  ReadinessLimits limits;
  limits.max_head_bytes = 64;
  const std::string long_line = "GET /" + std::string(100, 'a');
  CHECK(stateOf(long_line, limits) == Readiness::State::kHeadTooLarge);
  CHECK(stateOf(long_line + " HTTP/1.1\r\n\r\n", limits) == Readiness::State::kHeadTooLarge);
}

TEST_CASE("readiness waits for a small body named by Content-Length", "[http]") {
  const std::string head = "POST /mcp HTTP/1.1\r\nHost: a\r\ncontent-length: 5\r\n\r\n";
  CHECK(stateOf(head) == Readiness::State::kNeedMore);
  CHECK(stateOf(head + "abcd") == Readiness::State::kNeedMore);
  CHECK(stateOf(head + "abcde") == Readiness::State::kReady);
  CHECK(requestReadiness(head + "ab", {}).head_bytes == head.size());
}

TEST_CASE("readiness hands over a large body once the front's buffer is full", "[http]") {
  ReadinessLimits limits;
  limits.buffer_body_bytes = 10;
  const std::string head = "POST /mcp HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n";
  CHECK(stateOf(head + "123456789", limits) == Readiness::State::kNeedMore);
  CHECK(stateOf(head + "1234567890", limits) == Readiness::State::kReady);
}

TEST_CASE("readiness waits for the last chunk of a chunked body", "[http]") {
  const std::string head = "POST /mcp HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
  CHECK(stateOf(head + "3\r\nabc\r\n") == Readiness::State::kNeedMore);
  CHECK(stateOf(head + "3\r\nabc\r\n0\r\n\r\n") == Readiness::State::kReady);
}

TEST_CASE("readiness leaves what it cannot judge to the worker's parser", "[http]") {
  // The client waits for 100 Continue before it sends the body.
  CHECK(stateOf("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 9\r\n\r\n") ==
        Readiness::State::kReady);
  CHECK(stateOf("POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n") == Readiness::State::kReady);
  CHECK(stateOf("POST / HTTP/1.1\r\nTransfer-Encoding: xchunked\r\n\r\n") ==
        Readiness::State::kReady);
  CHECK(stateOf("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") ==
        Readiness::State::kReady);
}
