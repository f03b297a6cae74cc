#include "mcpd/web/search_api.h"

#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>

#include "tests/mcpd/web/web_fixture.h"

using mcpd::web::answerSearchApi;
using mcpd::web::ApiReply;

namespace {

Poco::JSON::Object::Ptr replyJson(const ApiReply& reply) {
  return Poco::JSON::Parser().parse(reply.body).extract<Poco::JSON::Object::Ptr>();
}

std::string apiErrorOf(const ApiReply& reply) {
  return replyJson(reply)->getValue<std::string>("error");
}

}  // namespace

TEST_CASE("search api answers a query with the search tool's result objects") {
  testing::WebLibrary fixture;
  const ApiReply reply = answerSearchApi("GET", "q=renewal", *fixture.library);
  REQUIRE(reply.status == 200);
  const auto results = replyJson(reply)->getArray("results");
  REQUIRE(results->size() == 1);
  const auto first = results->getObject(0);
  CHECK(first->getValue<std::string>("id") == "renewal");
  CHECK(first->getValue<std::string>("title") == "Certificate Renewal");
  CHECK(first->getValue<std::string>("url") == "https://docs.example.com/renewal/");
  CHECK(first->getValue<std::string>("snippet").find("**Renewal**") != std::string::npos);
  CHECK(first->getValue<std::string>("language") == "en");
  CHECK(reply.allow.empty());
}

TEST_CASE("search api decodes form encoding and honours limit and language") {
  testing::WebLibrary fixture;
  CHECK(replyJson(answerSearchApi("GET", "q=Ablauf+Erneuerung", *fixture.library))
            ->getArray("results")
            ->size() == 1);
  CHECK(replyJson(answerSearchApi("GET", "q=renewal%20OR%20zebra&limit=1", *fixture.library))
            ->getArray("results")
            ->size() == 1);
  CHECK(replyJson(answerSearchApi("GET", "q=renewal&language=de", *fixture.library))
            ->getArray("results")
            ->size() == 0);
}

TEST_CASE("search api answers a missing or empty q with 400 and a JSON error") {
  testing::WebLibrary fixture;
  for (const char* query : {"", "limit=5", "q=", "q", "&&q=&"}) {
    INFO(query);
    const ApiReply reply = answerSearchApi("GET", query, *fixture.library);
    CHECK(reply.status == 400);
    CHECK(apiErrorOf(reply) == "search needs a non-empty \"q\" string.");
  }
}

TEST_CASE("search api answers a limit that is not a whole number from 1 to 50 with 400") {
  testing::WebLibrary fixture;
  for (const char* query : {"q=a&limit=0", "q=a&limit=51", "q=a&limit=-1", "q=a&limit=abc",
                            "q=a&limit=1.5", "q=a&limit=", "q=a&limit=99999999999999999999"}) {
    INFO(query);
    const ApiReply reply = answerSearchApi("GET", query, *fixture.library);
    CHECK(reply.status == 400);
    CHECK(apiErrorOf(reply) == "\"limit\" must be a whole number from 1 to 50.");
  }
  CHECK(answerSearchApi("GET", "q=renewal&limit=50", *fixture.library).status == 200);
  CHECK(answerSearchApi("GET", "q=renewal&limit=1", *fixture.library).status == 200);
}

TEST_CASE("search api answers an unknown language or a malformed query string with 400") {
  testing::WebLibrary fixture;
  const ApiReply language = answerSearchApi("GET", "q=a&language=xx", *fixture.library);
  CHECK(language.status == 400);
  CHECK(apiErrorOf(language).find("ISO 639-1") != std::string::npos);
  const ApiReply escape = answerSearchApi("GET", "q=%zz", *fixture.library);
  CHECK(escape.status == 400);
  CHECK(apiErrorOf(escape).find("malformed") != std::string::npos);
  const ApiReply too_long = answerSearchApi("GET", "q=" + std::string(2000, 'a'), *fixture.library);
  CHECK(too_long.status == 400);
}

TEST_CASE("search api answers methods other than GET and HEAD with 405 and Allow") {
  testing::WebLibrary fixture;
  for (const char* method : {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
    INFO(method);
    const ApiReply reply = answerSearchApi(method, "q=renewal", *fixture.library);
    CHECK(reply.status == 405);
    CHECK(reply.allow == "GET, HEAD");
    CHECK_FALSE(apiErrorOf(reply).empty());
  }
  CHECK(answerSearchApi("HEAD", "q=renewal", *fixture.library).status == 200);
}

TEST_CASE("search api takes the first of repeated parameters and ignores unknown ones") {
  testing::WebLibrary fixture;
  const ApiReply reply =
      answerSearchApi("GET", "q=renewal&q=zebra&limit=1&limit=abc&x=1", *fixture.library);
  REQUIRE(reply.status == 200);
  CHECK(replyJson(reply)->getArray("results")->getObject(0)->getValue<std::string>("id") ==
        "renewal");
}
