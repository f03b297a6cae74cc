#include "mcpd/jsonrpc/json_tree.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <catch2/catch.hpp>
#include <functional>
#include <limits>
#include <random>
#include <string>

#include "mcpd/jsonrpc/json_writer.h"
#include "shared/json_syntax.h"
#include "tests/mcpd/support/poco_json_oracle.h"

using mcpd::jsonrpc::parseJsonTree;

namespace {

// parseJsonTree and Poco agree on `text`: both refuse it, or both build the same tree.
void checkAgreesWithPoco(const std::string& text) {
  INFO("text: " << text);
  const auto ours = parseJsonTree(text);
  const auto poco = json_oracle::parseWithPoco(text);
  CHECK(ours.scan.error.has_value() == !poco.has_value());
  if (!ours.scan.error && poco) CHECK(json_oracle::sameTree(ours.value, *poco));
}

}  // namespace

TEST_CASE("the JSON tree is the one Poco's parser builds", "[jsonrpc][json_tree]") {
  for (const char* text : {
           R"({"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"search",)"
           R"("arguments":{"query":"tls","limit":10},"_meta":{)"
           R"("io.modelcontextprotocol/protocolVersion":"2026-07-28",)"
           R"("io.modelcontextprotocol/clientInfo":{"name":"c","version":"1"},)"
           R"("io.modelcontextprotocol/clientCapabilities":{"sampling":{}}}}})",
           R"([1, -1, 0, -0, 1.5, -0.0, 1e3, 1E-3, 2.5e+2, 123456789012345])",
           "[9223372036854775807, -9007199254740992, 1e308, 5e-324, 1e-400]",
           R"({"b":1,"a":2,"b":3})",
           R"({"a\u0000b":1,"\u0000":2})",
           R"(["", "plain", "caf\u00e9", "\ud83d\ude00", "\u0000x", "a\"b\\c\/d"])",
           R"(["\b\f\n\r\t", "\u20AC\u20ac", "é €😀"])",
           R"({"":null,"t":true,"f":false,"nested":[[],{},[{}],{"x":[null]}]})",
           "  \"top-level string\"  ",
           "42",
           "true",
       }) {
    checkAgreesWithPoco(text);
  }
}

TEST_CASE("numbers get Poco's types: Int64, then UInt64, else double", "[jsonrpc][json_tree]") {
  const auto tree = parseJsonTree("[1, 9223372036854775808, 18446744073709551615, 1.0, 1e2]");
  REQUIRE_FALSE(tree.scan.error);
  const auto array = tree.value.extract<Poco::JSON::Array::Ptr>();
  CHECK(array->get(0).type() == typeid(Poco::Int64));
  CHECK(array->get(1).type() == typeid(Poco::UInt64));
  CHECK(array->get(2).extract<Poco::UInt64>() == 18446744073709551615ULL);
  CHECK(array->get(3).type() == typeid(double));
  CHECK(array->get(4).extract<double>() == 100.0);
}

TEST_CASE("large integers stay exact where Poco 1.11 rounds or wraps them",
          "[jsonrpc][json_tree]") {
  const auto tree = parseJsonTree("[-9007199254740993, -9223372036854775808]");
  REQUIRE_FALSE(tree.scan.error);
  const auto array = tree.value.extract<Poco::JSON::Array::Ptr>();
  CHECK(array->get(0).extract<Poco::Int64>() == -9007199254740993LL);
  CHECK(array->get(1).extract<Poco::Int64>() == std::numeric_limits<Poco::Int64>::min());
  // Poco turns 2^64 into 0; it is out of range.
  const auto past = parseJsonTree("[18446744073709551616]");
  REQUIRE(past.scan.error);
  CHECK(past.scan.error->reason == "integer out of range");
  CHECK(past.scan.error->column == 2);
}

TEST_CASE("what Poco's parser refuses beyond the syntax is refused, with where",
          "[jsonrpc][json_tree]") {
  struct Case {
    std::string text;
    std::string reason;
  };
  for (const Case& c : std::vector<Case>{
           {"[\"ok\", \"a\xff\"]", "invalid UTF-8 in a string"},
           {"[\"\xc0\x80\"]", "invalid UTF-8 in a string"},          // overlong NUL
           {"[\"\xed\xa0\x80\"]", "invalid UTF-8 in a string"},      // encoded surrogate
           {"[\"\xf4\x90\x80\x80\"]", "invalid UTF-8 in a string"},  // past U+10FFFF
           {"[\"\xe2\x82\"]", "invalid UTF-8 in a string"},          // cut short
           {"{\"k\xff\":1}", "invalid UTF-8 in a string"},
           {R"(["\udc00"])", "unpaired low surrogate in a string"},
           {R"(["\ud800"])", "unpaired high surrogate in a string"},
           {R"(["\ud800\n"])", "unpaired high surrogate in a string"},
           {R"(["\ud800\u0041"])", "unpaired high surrogate in a string"},
           {"[1e400]", "number out of range"},
           {"[-1e400]", "number out of range"},
       }) {
    INFO(c.text);
    const auto tree = parseJsonTree(c.text);
    REQUIRE(tree.scan.error);
    CHECK(tree.scan.error->reason == c.reason);
    CHECK_FALSE(json_oracle::parseWithPoco(c.text).has_value());
  }
  const auto located = parseJsonTree("[1,\n \"x\xff\"]");
  REQUIRE(located.scan.error);
  CHECK(located.scan.error->line == 2);
  CHECK(located.scan.error->column == 2);
}

TEST_CASE("the JSON tree agrees with Poco on random texts", "[jsonrpc][json_tree]") {
  // Random values from the grammar, with the strings and numbers where parsers differ
  // (escapes, surrogates, UTF-8 of every length, valid or not, exponents, long digit
  // runs), then a byte or two changed in some of them.
  std::mt19937 random(20261203);
  const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
  const std::vector<std::string> pieces = {"a",
                                           "\\n",
                                           "\\\"",
                                           "\\\\",
                                           "\\/",
                                           "\\u0041",
                                           "\\u00e9",
                                           "\\ud83d",
                                           "\\ude00",
                                           "\\u0000",
                                           "\\uFFFF",
                                           "\xc3\xa9",
                                           "\xe2\x82\xac",
                                           "\xf0\x9f\x98\x80",
                                           "\xff",
                                           "\xc3",
                                           "\xed\xb0\x80",
                                           "\xe0\x80\x80",
                                           "\xf4\x8f\xbf\xbf",
                                           "\x7f",
                                           " ",
                                           "\\t"};
  const std::vector<std::string> numbers = {"0",
                                            "-0",
                                            "1",
                                            "-1",
                                            "12.5",
                                            "-0.25",
                                            "1e5",
                                            "1E+5",
                                            "1e-5",
                                            "2e308",
                                            "1e-330",
                                            "4.9e-324",
                                            "9007199254740993",
                                            "123456789012345",
                                            "0.1",
                                            "3.0e0"};
  std::function<std::string(int)> value = [&](int depth) -> std::string {
    switch (depth > 3 ? pick(3) : pick(6)) {
      case 0: {
        std::string s = "\"";
        for (std::size_t k = pick(5); k > 0; --k) s += pieces[pick(pieces.size())];
        return s + "\"";
      }
      case 1:
        return numbers[pick(numbers.size())];
      case 2:
        return std::vector<std::string>{"true", "false", "null"}[pick(3)];
      case 3: {
        std::string s = "[";
        for (std::size_t k = pick(4); k > 0; --k) s += value(depth + 1) + (k > 1 ? "," : "");
        return s + "]";
      }
      default: {
        std::string s = "{";
        for (std::size_t k = pick(4); k > 0; --k) {
          s += "\"" + pieces[pick(pieces.size())] + "\":" + value(depth + 1) + (k > 1 ? "," : "");
        }
        return s + "}";
      }
    }
  };
  int compared = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text = value(0);
    if (pick(4) == 0) text[pick(text.size())] = static_cast<char>(random());
    if (shared::findJsonSyntaxError(text) || !json_oracle::pocoIsExactFor(text)) continue;
    checkAgreesWithPoco(text);
    ++compared;
  }
  CHECK(compared > 1500);
}

TEST_CASE("the JSON tree stops at the first value past the limits", "[jsonrpc][json_tree]") {
  const auto tree = parseJsonTree("[1,2,3,4,5]", {.max_depth = 8, .max_values = 3});
  REQUIRE(tree.scan.error);
  CHECK(tree.scan.error->limit);
  CHECK(tree.value.isEmpty());
  CHECK(parseJsonTree("[[[1]]]", {.max_depth = 2}).scan.error->limit);
}

TEST_CASE("an opaque member of params._meta is kept as its text, still checked",
          "[jsonrpc][json_tree]") {
  const mcpd::jsonrpc::JsonTreeOptions options{.opaque_meta_members = {"who"}};
  const std::string body =
      R"({"id":1,"params":{"_meta":{"who":{"name":"c","v":[1]},"n":2},"who":{"x":1}}})";
  const auto tree = parseJsonTree(body, {}, options);
  REQUIRE_FALSE(tree.scan.error);
  const auto params = tree.value.extract<Poco::JSON::Object::Ptr>()->getObject("params");
  const auto who = params->getObject("_meta")->get("who");
  REQUIRE(who.type() == typeid(mcpd::jsonrpc::RawJson));
  CHECK(*who.extract<mcpd::jsonrpc::RawJson>().text == R"({"name":"c","v":[1]})");
  CHECK(params->getObject("_meta")->getValue<Poco::Int64>("n") == 2);
  CHECK(params->getObject("who"));  // only params._meta's member is opaque
  // Invalid UTF-8 or an unpaired surrogate inside is refused as anywhere else.
  CHECK(parseJsonTree(R"({"params":{"_meta":{"who":{"n":"\udc00"}}}})", {}, options).scan.error);
}

TEST_CASE("an object's members are read as texts without a tree", "[jsonrpc][json_tree]") {
  const auto texts = mcpd::jsonrpc::jsonMembers(R"( {"a":"x","b\u0041":{"c":[1,2]},"a":3} )");
  REQUIRE(texts);
  REQUIRE(texts->members.size() == 3);
  CHECK(texts->members[0] == std::pair<std::string_view, std::string_view>{"a", R"("x")"});
  CHECK(texts->members[1].first == "bA");
  CHECK(texts->members[1].second == R"({"c":[1,2]})");
  CHECK(texts->members[2].second == "3");
  CHECK_FALSE(mcpd::jsonrpc::jsonMembers("[1]"));
  CHECK_FALSE(mcpd::jsonrpc::jsonMembers(R"({"a":)"));
}

TEST_CASE("a stateless-era parse keeps params._meta as text and the rest as a tree",
          "[jsonrpc][json_tree]") {
  const mcpd::jsonrpc::JsonTreeOptions options{.opaque_meta = true};
  const auto tree = parseJsonTree(R"({"params":{"_meta":{"p":"v"},"name":"n"}})", {}, options);
  REQUIRE_FALSE(tree.scan.error);
  const auto params = tree.value.extract<Poco::JSON::Object::Ptr>()->getObject("params");
  CHECK(params->getValue<std::string>("name") == "n");
  REQUIRE(params->get("_meta").type() == typeid(mcpd::jsonrpc::RawJson));
  CHECK(*params->get("_meta").extract<mcpd::jsonrpc::RawJson>().text == R"({"p":"v"})");
}
