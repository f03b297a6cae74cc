#include "mcpd/jsonrpc/message.h"

#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>

#include "mcpd/jsonrpc/error_codes.h"

using namespace mcpd::jsonrpc;

namespace {

Invalid invalidAt(const Parsed& parsed, std::size_t i = 0) {
  REQUIRE(parsed.items.size() > i);
  REQUIRE(std::holds_alternative<Invalid>(parsed.items[i]));
  return std::get<Invalid>(parsed.items[i]);
}

Message messageAt(const Parsed& parsed, std::size_t i = 0) {
  REQUIRE(parsed.items.size() > i);
  REQUIRE(std::holds_alternative<Message>(parsed.items[i]));
  return std::get<Message>(parsed.items[i]);
}

}  // namespace

TEST_CASE("a body that is not JSON is a parse error with a null id", "[jsonrpc]") {
  const auto& invalid = invalidAt(parse("{\"jsonrpc\": \"2.0\", "));
  CHECK(invalid.error.code == kParseError);
  CHECK(invalid.id.isNull());
  CHECK(serializeError(invalid.id, invalid.error)
            .starts_with(R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,)"));
}

TEST_CASE("JSON that is not a JSON-RPC message is an invalid request", "[jsonrpc]") {
  CHECK(invalidAt(parse("42")).error.code == kInvalidRequest);
  CHECK(invalidAt(parse("[]")).error.code == kInvalidRequest);
  CHECK(invalidAt(parse(R"({"jsonrpc":"1.0","id":1,"method":"ping"})")).error.code ==
        kInvalidRequest);
  CHECK(invalidAt(parse(R"({"jsonrpc":"2.0","id":1,"method":7})")).error.code == kInvalidRequest);
  CHECK(invalidAt(parse(R"({"jsonrpc":"2.0","id":{"a":1},"method":"ping"})")).error.code ==
        kInvalidRequest);
  CHECK(invalidAt(parse(R"({"jsonrpc":"2.0","id":true,"method":"ping"})")).error.code ==
        kInvalidRequest);
  CHECK(invalidAt(parse(R"({"jsonrpc":"2.0"})")).error.code == kInvalidRequest);
}

TEST_CASE("an invalid request keeps its id in the error when it had a usable one", "[jsonrpc]") {
  const auto& invalid = invalidAt(parse(R"({"jsonrpc":"2.0","id":"abc","method":3})"));
  CHECK(serializeError(invalid.id, invalid.error)
            .starts_with(R"({"jsonrpc":"2.0","id":"abc","error")"));
}

TEST_CASE("positional params are invalid params because MCP uses named ones", "[jsonrpc]") {
  CHECK(invalidAt(parse(R"({"jsonrpc":"2.0","id":1,"method":"ping","params":[1]})")).error.code ==
        kInvalidParams);
}

TEST_CASE("requests, notifications and responses are told apart", "[jsonrpc]") {
  CHECK(messageAt(parse(R"({"jsonrpc":"2.0","id":1,"method":"ping"})")).kind ==
        Message::Kind::kRequest);
  CHECK(messageAt(parse(R"({"jsonrpc":"2.0","method":"notifications/initialized"})")).kind ==
        Message::Kind::kNotification);
  const auto& response = messageAt(parse(R"({"jsonrpc":"2.0","id":"s1","result":{}})"));
  CHECK(response.kind == Message::Kind::kResponse);
  const auto& error =
      messageAt(parse(R"({"jsonrpc":"2.0","id":"s1","error":{"code":-1,"message":"no"}})"));
  REQUIRE(error.error);
  CHECK(error.error->code == -1);
}

TEST_CASE("a batch keeps each element's own verdict", "[jsonrpc]") {
  const Parsed parsed = parse(R"([{"jsonrpc":"2.0","id":1,"method":"ping"}, 5])");
  CHECK(parsed.batch);
  CHECK(messageAt(parsed, 0).method == "ping");
  CHECK(invalidAt(parsed, 1).error.code == kInvalidRequest);
}

TEST_CASE("ids round-trip as the client sent them", "[jsonrpc]") {
  const auto& numeric = messageAt(parse(R"({"jsonrpc":"2.0","id":7,"method":"ping"})"));
  CHECK(serializeResult(numeric.id, Poco::Dynamic::Var(1)) ==
        R"({"jsonrpc":"2.0","id":7,"result":1})");
  const auto& text = messageAt(parse(R"({"jsonrpc":"2.0","id":"x-1","method":"ping"})"));
  CHECK(serializeResult(text.id, Poco::Dynamic::Var(1)) ==
        R"({"jsonrpc":"2.0","id":"x-1","result":1})");
  CHECK(numeric.id.key() != text.id.key());
}

TEST_CASE("a parse error never echoes bytes that would break the error reply", "[jsonrpc]") {
  const std::string body = "{\"jsonrpc\":\xe8\"2.0\"}";
  const auto invalid = invalidAt(parse(body));
  CHECK(invalid.error.code == kParseError);
  const std::string reply = serializeError(invalid.id, invalid.error);
  CHECK(reply.find('\xe8') == std::string::npos);
  CHECK_NOTHROW(Poco::JSON::Parser().parse(reply));
}

TEST_CASE("a body that is not valid UTF-8 is a parse error that says where", "[jsonrpc]") {
  const auto& invalid =
      invalidAt(parse("{\"jsonrpc\":\"2.0\",\"id\":1,\n\"method\":\"p\xffing\"}"));
  CHECK(invalid.error.code == kParseError);
  CHECK(invalid.error.message == "Parse error: invalid UTF-8 in a string at line 2, column 10");
}

TEST_CASE("a result is written with members replacing its own, leaving it unchanged", "[jsonrpc]") {
  auto result = Poco::JSON::Object::Ptr(new Poco::JSON::Object);
  result->set("content", 1);
  result->set("_meta", 2);
  const std::string text =
      serializeResult(Id(Poco::Dynamic::Var(7)), result, {{"_meta", R"({"a":1})"}, {"x", "true"}});
  CHECK(text == R"({"jsonrpc":"2.0","id":7,"result":{"content":1,"_meta":{"a":1},"x":true}})");
  CHECK(result->getValue<int>("_meta") == 2);
  CHECK(serializeResult(Id(Poco::Dynamic::Var(7)), result, {}) ==
        R"({"jsonrpc":"2.0","id":7,"result":{"_meta":2,"content":1}})");
}
