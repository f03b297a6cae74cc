#include "mcpd/jsonrpc/json_writer.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "shared/json_string.h"

using mcpd::jsonrpc::appendJson;
using shared::appendJsonString;

namespace {
std::string written(const Poco::Dynamic::Var& value) {
  std::string out;
  appendJson(out, value);
  return out;
}
std::string jsonQuoted(std::string_view text) {
  std::string out;
  appendJsonString(out, text);
  return out;
}
}  // namespace

TEST_CASE("strings escape quotes, backslashes and control characters", "[jsonrpc][writer]") {
  CHECK(jsonQuoted("plain") == R"("plain")");
  CHECK(jsonQuoted("a\"b\\c") == R"("a\"b\\c")");
  CHECK(jsonQuoted("line\nbreak\ttab\r") == R"("line\nbreak\ttab\r")");
  CHECK(jsonQuoted(std::string_view("\x01\x1f", 2)) == R"("\u0001\u001f")");
}

TEST_CASE("valid UTF-8 passes through and invalid bytes become U+FFFD", "[jsonrpc][writer]") {
  CHECK(jsonQuoted("Grüße 🦓") == "\"Grüße 🦓\"");
  CHECK(jsonQuoted("a\xe8z") == "\"a\xEF\xBF\xBDz\"");
  CHECK(jsonQuoted("\xC0\xAF") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");                  // overlong "/"
  CHECK(jsonQuoted("\xED\xA0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // a surrogate
  CHECK(jsonQuoted("end\xE2\x82") == "\"end\xEF\xBF\xBD\xEF\xBF\xBD\"");  // truncated sequence
}

TEST_CASE("scalars print as JSON scalars", "[jsonrpc][writer]") {
  CHECK(written(Poco::Dynamic::Var()) == "null");
  CHECK(written(true) == "true");
  CHECK(written(false) == "false");
  CHECK(written(42) == "42");
  CHECK(written(Poco::Int64(-7)) == "-7");
  CHECK(written(Poco::UInt64(18446744073709551615ull)) == "18446744073709551615");
  CHECK(written(1.5) == "1.5");
  CHECK(written(std::numeric_limits<double>::quiet_NaN()) == "null");
  CHECK(written(std::string("text")) == R"("text")");
}

TEST_CASE("objects and arrays nest and read back as the same JSON", "[jsonrpc][writer]") {
  Poco::JSON::Object::Ptr inner = new Poco::JSON::Object;
  inner->set("b", 2);
  inner->set("a", std::string("x\"y"));
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  list->add(1);
  list->add(inner);
  list->add(Poco::Dynamic::Var());
  Poco::JSON::Object::Ptr outer = new Poco::JSON::Object;
  outer->set("list", list);
  outer->set("empty", Poco::JSON::Object::Ptr(new Poco::JSON::Object));
  const std::string text = written(outer);
  CHECK(text == R"({"empty":{},"list":[1,{"a":"x\"y","b":2},null]})");
  auto parsed = Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
  CHECK(parsed->getArray("list")->getObject(1)->getValue<std::string>("a") == "x\"y");
}

TEST_CASE("JSON rendered once is written as it is where it appears in a value",
          "[jsonrpc][writer]") {
  const auto rendered = std::make_shared<const std::string>(R"([{"type":"text","text":"hi"}])");
  Poco::JSON::Object::Ptr reply = new Poco::JSON::Object;
  reply->set("content", mcpd::jsonrpc::RawJson{rendered});
  reply->set("isError", false);
  CHECK(written(reply) == R"({"content":[{"type":"text","text":"hi"}],"isError":false})");
}

TEST_CASE("a character to escape is found at any place in a long string", "[jsonrpc][writer]") {
  // Plain runs are skipped eight bytes at a time: every special byte at every offset.
  const std::pair<std::string, std::string> specials[] = {
      {"\"", "\\\""},   {"\\", "\\\\"}, {"\n", "\\n"}, {std::string(1, '\x1f'), "\\u001f"},
      {"\x7f", "\x7f"}, {" ", " "},     {"é", "é"},    {"\xff", "\xEF\xBF\xBD"}};
  for (const auto& [special, escaped] : specials) {
    for (std::size_t at = 0; at < 20; ++at) {
      const std::string text = std::string(at, 'a') + special + std::string(19 - at, 'b');
      INFO(at);
      CHECK(jsonQuoted(text) ==
            "\"" + std::string(at, 'a') + escaped + std::string(19 - at, 'b') + "\"");
    }
  }
}
