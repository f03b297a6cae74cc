#include "shared/json_syntax.h"

#include <catch2/catch.hpp>

using shared::findJsonSyntaxError;

TEST_CASE("valid JSON has no syntax error", "[json]") {
  for (const char* text : {"[]", " {} ", "null", "-0.5e+10",
                           R"({"a": [1, true, false, null, "x\u00e9\n"]})", "\"\"", "[[[[]]]]"}) {
    INFO(text);
    CHECK_FALSE(findJsonSyntaxError(text).has_value());
  }
}

TEST_CASE("a JSON syntax error is located by line and column", "[json]") {
  auto e = findJsonSyntaxError("[1,\n 2,\n x]");
  REQUIRE(e.has_value());
  CHECK(e->line == 3);
  CHECK(e->column == 2);
  CHECK(e->offset == 9);
  CHECK(e->reason == "expected a value, got 'x'");
}

TEST_CASE("JSON syntax errors say what was expected", "[json]") {
  CHECK(findJsonSyntaxError("[1 2]")->reason == "expected ',' or ']', got '2'");
  CHECK(findJsonSyntaxError(R"({"a" 1})")->reason == "expected ':', got '1'");
  CHECK(findJsonSyntaxError(R"({"a": 1)")->reason ==
        "expected ',' or '}', got the end of the text");
  CHECK(findJsonSyntaxError("\"abc")->reason == "unterminated string");
  CHECK(findJsonSyntaxError("\"a\\qb\"")->reason == "invalid escape in a string");
  CHECK(findJsonSyntaxError("\"a\\u12g4\"")->reason == "expected four hex digits after \\u");
  CHECK(findJsonSyntaxError("\"a\tb\"")->reason == "control character in a string");
  CHECK(findJsonSyntaxError("01")->reason == "unexpected text after the JSON value");
  CHECK(findJsonSyntaxError("1.")->reason == "expected a digit, got the end of the text");
  CHECK(findJsonSyntaxError("tru")->reason == "expected a value, got 't'");
}

TEST_CASE("JSON nested deeper than 512 levels is an error, not a crash", "[json]") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto e = findJsonSyntaxError(deep);
  REQUIRE(e.has_value());
  CHECK(e->reason == "nesting deeper than 512 levels");
  CHECK(e->offset == 512);
}

TEST_CASE("a JSON scan counts values, depth and the outer array's length", "[json]") {
  const auto scan = shared::scanJson(R"([{"a": [1, 2]}, "x", null])", {});
  REQUIRE_FALSE(scan.error.has_value());
  CHECK(scan.shape.values == 7);
  CHECK(scan.shape.depth == 3);
  CHECK(scan.shape.array);
  CHECK(scan.shape.array_size == 3);
}

TEST_CASE("a JSON scan stops at the first value past the limit", "[json]") {
  std::string many = "[{}";
  for (int i = 0; i < 100000; ++i) many += ",{}";
  many += "]";
  const auto scan = shared::scanJson(many, {.max_depth = 64, .max_values = 1000});
  REQUIRE(scan.error.has_value());
  CHECK(scan.error->limit);
  CHECK(scan.error->reason == "more than 1000 values");
  CHECK(scan.shape.values == 1001);
  CHECK(scan.error->offset < 4000);
}

TEST_CASE("a JSON scan reports nesting past its depth limit as a limit", "[json]") {
  const auto scan = shared::scanJson("[[[[1]]]]", {.max_depth = 3});
  REQUIRE(scan.error.has_value());
  CHECK(scan.error->limit);
  CHECK(scan.error->reason == "nesting deeper than 3 levels");
  CHECK_FALSE(shared::scanJson("[1,", {}).error->limit);
}
