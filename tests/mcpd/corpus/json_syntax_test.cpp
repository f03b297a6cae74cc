#include "mcpd/corpus/json_syntax.h"

#include <catch2/catch.hpp>

using mcpd::corpus::findJsonSyntaxError;

TEST_CASE("valid JSON has no syntax error", "[corpus][json]") {
  for (const char* text : {"[]", " {} ", "null", "-0.5e+10",
                           R"({"a": [1, true, false, null, "x\u00e9\n"]})", "\"\"", "[[[[]]]]"}) {
    INFO(text);
    CHECK_FALSE(findJsonSyntaxError(text).has_value());
  }
}

TEST_CASE("a JSON syntax error is located by line and column", "[corpus][json]") {
  auto e = findJsonSyntaxError("[1,\n 2,\n x]");
  REQUIRE(e.has_value());
  CHECK(e->line == 3);
  CHECK(e->column == 2);
  CHECK(e->offset == 9);
  CHECK(e->reason == "expected a value, got 'x'");
}

TEST_CASE("JSON syntax errors say what was expected", "[corpus][json]") {
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

TEST_CASE("JSON nested deeper than 512 levels is an error, not a crash", "[corpus][json]") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto e = findJsonSyntaxError(deep);
  REQUIRE(e.has_value());
  CHECK(e->reason == "nesting deeper than 512 levels");
  CHECK(e->offset == 512);
}
