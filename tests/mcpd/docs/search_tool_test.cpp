#include "mcpd/docs/search_tool.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <atomic>
#include <catch2/catch.hpp>

#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/message_sink.h"
#include "mcpd/protocol/request_context.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"

using mcpd::corpus::Corpus;
using mcpd::corpus::Document;
using mcpd::docs::Library;
using mcpd::docs::SearchTool;
using mcpd::search::Index;
using mcpd::search::IndexOptions;
using testing::unwrap;

namespace {

std::shared_ptr<const Index> indexOf(const testing::TempDir& dir, std::string id,
                                     std::string title) {
  Document d;
  d.id = std::move(id);
  d.title = std::move(title);
  d.url = "https://docs.example.com/" + d.id + "/";
  d.text = "How to renew a certificate before it expires.";
  d.language = "en";
  auto corpus = std::make_shared<const Corpus>(std::vector<Document>{d}, "test");
  return unwrap(Index::build(corpus, IndexOptions{.temp_parent = dir.path()}));
}

Poco::JSON::Object::Ptr parseJson(const std::string& text) {
  return mcpd::jsonrpc::parseObjectLiteral(text);
}

// The ids of the results of tools/call search {query}.
std::vector<std::string> searchIds(const SearchTool& tool, const std::string& query) {
  mcpd::protocol::NullSink sink;
  std::atomic<bool> cancelled{false};
  mcpd::protocol::RequestContext context("2025-06-18", sink, {}, std::nullopt, cancelled);
  Poco::JSON::Object::Ptr arguments = new Poco::JSON::Object;
  arguments->set("query", query);
  const auto result = tool.call(arguments, context);
  REQUIRE_FALSE(result.is_error);
  std::vector<std::string> ids;
  REQUIRE(result.structured_json);
  const auto results = parseJson(*result.structured_json)->getArray("results");
  for (std::size_t i = 0; i < results->size(); ++i) {
    ids.push_back(results->getObject(static_cast<unsigned>(i))->getValue<std::string>("id"));
  }
  return ids;
}

}  // namespace

TEST_CASE("the search tool answers a repeated query with the same results", "[docs][search]") {
  testing::TempDir dir;
  const SearchTool tool(std::make_shared<Library>(indexOf(dir, "renewal", "Renewal")));
  const auto first = searchIds(tool, "certificate");
  CHECK(first == std::vector<std::string>{"renewal"});
  CHECK(searchIds(tool, "certificate") == first);
}

TEST_CASE("after a docs refresh the search tool answers from the new documents, not its cache",
          "[docs][search]") {
  testing::TempDir dir;
  auto library = std::make_shared<Library>(indexOf(dir, "old-page", "Old"));
  const SearchTool tool(library);
  CHECK(searchIds(tool, "certificate") == std::vector<std::string>{"old-page"});
  library->replace(indexOf(dir, "new-page", "New"));
  CHECK(searchIds(tool, "certificate") == std::vector<std::string>{"new-page"});
}

TEST_CASE("the search result's _meta names the language the query was read in",
          "[docs][search][languages]") {
  testing::TempDir dir;
  const SearchTool tool(std::make_shared<Library>(indexOf(dir, "renewal", "Renewal")));
  mcpd::protocol::NullSink sink;
  std::atomic<bool> cancelled{false};
  mcpd::protocol::RequestContext context("2025-06-18", sink, {}, std::nullopt, cancelled);
  Poco::JSON::Object::Ptr arguments = new Poco::JSON::Object;
  arguments->set("query", "renew certificate");
  const auto result = tool.call(arguments, context);
  REQUIRE(result.meta);
  CHECK(result.meta->getValue<std::string>("language") == "en");
  // The reply itself keeps the shape ChatGPT requires: only "results".
  REQUIRE(result.content_json);
  CHECK_THAT(*result.content_json, Catch::StartsWith("[{\"text\":\"{\\\"results\\\":["));
  REQUIRE(result.structured_json);
  CHECK(parseJson(*result.structured_json)->size() == 1);
}
