#include "mcpd/jsonrpc/body_limits.h"

#include <catch2/catch.hpp>

#include "mcpd/jsonrpc/error_codes.h"

using namespace mcpd::jsonrpc;

namespace {

std::string emptyObjectsBody(std::size_t n) {
  std::string body = "[";
  for (std::size_t i = 0; i < n; ++i) body += i == 0 ? "{}" : ",{}";
  return body + "]";
}

}  // namespace

TEST_CASE("a body within the limits passes the first look", "[jsonrpc][limits]") {
  CHECK_FALSE(checkBody(R"({"jsonrpc":"2.0","id":1,"method":"ping"})", {}).has_value());
  CHECK_FALSE(checkBody(emptyObjectsBody(100), {}).has_value());
}

TEST_CASE("a batch longer than the cap earns one invalid-request error", "[jsonrpc][limits]") {
  const auto problem = checkBody(emptyObjectsBody(101), {});
  REQUIRE(problem.has_value());
  CHECK(problem->kind == BodyProblem::Kind::kBatchTooLong);
  CHECK(problem->error.code == kInvalidRequest);
  CHECK(problem->error.message == "Invalid Request: a batch may hold at most 100 messages");
}

TEST_CASE("a hostile four-MiB batch is refused as one batch, and one reply", "[jsonrpc][limits]") {
  const std::string body = emptyObjectsBody(4 * 1024 * 1024 / 3);
  const auto problem = checkBody(body, {});
  REQUIRE(problem.has_value());
  CHECK(problem->kind == BodyProblem::Kind::kBatchTooLong);
  const Parsed parsed = parse(body);
  CHECK_FALSE(parsed.batch);
  REQUIRE(parsed.items.size() == 1);
  CHECK(std::get<Invalid>(parsed.items[0]).error.code == kInvalidRequest);
}

TEST_CASE("too many values or too deep a nesting is refused before parsing", "[jsonrpc][limits]") {
  std::string wide = R"({"jsonrpc":"2.0","id":1,"method":"x","params":{"a":[)";
  for (int i = 0; i < 20000; ++i) wide += i == 0 ? "0" : ",0";
  wide += "]}}";
  auto problem = checkBody(wide, {});
  REQUIRE(problem.has_value());
  CHECK(problem->kind == BodyProblem::Kind::kTooLarge);
  CHECK(problem->error.message == "Invalid Request: message too large: more than 10000 values");

  const std::string deep = std::string(65, '[') + std::string(65, ']');
  problem = checkBody(deep, {});
  REQUIRE(problem.has_value());
  CHECK(problem->kind == BodyProblem::Kind::kTooLarge);
}

TEST_CASE("malformed JSON is a parse error that says where", "[jsonrpc][limits]") {
  const auto problem = checkBody("{\"jsonrpc\":\n 2.0,}", {});
  REQUIRE(problem.has_value());
  CHECK(problem->kind == BodyProblem::Kind::kMalformed);
  CHECK(problem->error.code == kParseError);
  CHECK(problem->error.message ==
        "Parse error: expected a string key, got '}' at line 2, column 6");
}
