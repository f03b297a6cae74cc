#include "mcpd/app/config.h"

#include <catch2/catch.hpp>

#include "shared/config/loader.h"

using mcpd::app::McpdConfig;

TEST_CASE("mcpd listens on loopback port 8080 by default", "[mcpd][config]") {
  McpdConfig c;
  auto schema = mcpd::app::buildSchema(c);
  REQUIRE(
      shared::config::load(schema, {.getenv = [](const char*) -> const char* { return nullptr; }})
          .isOk());
  CHECK(c.listen.toString() == "127.0.0.1:8080");
  CHECK(c.log.level == "info");
  CHECK(c.log.format == "text");
}

TEST_CASE("mcpd takes its listen address from MCPD_LISTEN", "[mcpd][config]") {
  McpdConfig c;
  auto schema = mcpd::app::buildSchema(c);
  auto env = [](const char* name) -> const char* {
    return std::string_view(name) == "MCPD_LISTEN" ? "[::1]:9000" : nullptr;
  };
  REQUIRE(shared::config::load(schema, {.getenv = env}).isOk());
  CHECK(c.listen == shared::net::HostPort{"::1", 9000});
}

TEST_CASE("mcpd refuses a thread count below four", "[mcpd][config]") {
  McpdConfig c;
  auto schema = mcpd::app::buildSchema(c);
  CHECK(shared::config::applyYamlText(schema, "http:\n  threads: 1\n", "mcpd.yaml").message() ==
        "mcpd.yaml:2: http.threads: expected a number from 4 to 10000, got 1");
}

TEST_CASE("mcpd refuses a docs language without a stemmer and names the key", "[mcpd][config]") {
  McpdConfig c;
  CHECK_FALSE(mcpd::app::checkDocsLanguage(c));
  c.docs_language = "de";
  CHECK_FALSE(mcpd::app::checkDocsLanguage(c));
  c.docs_language = "klingon";
  auto problem = mcpd::app::checkDocsLanguage(c);
  REQUIRE(problem);
  CHECK(problem->path == "docs_language");
}
