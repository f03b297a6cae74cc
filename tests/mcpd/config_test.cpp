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

TEST_CASE("mcpd takes tls.cert and tls.key as a pair, without a domain", "[mcpd][config]") {
  McpdConfig c;
  CHECK_FALSE(mcpd::app::checkTlsFiles(c));
  CHECK_FALSE(mcpd::app::servesTls(c));
  c.tls_cert = "/tls/tls.crt";
  CHECK(mcpd::app::checkTlsFiles(c)->path == "tls.key");  // the one missing
  c.tls_key = "/tls/tls.key";
  CHECK_FALSE(mcpd::app::checkTlsFiles(c));
  CHECK(mcpd::app::servesTls(c));
  c.tls_cert.clear();
  CHECK(mcpd::app::checkTlsFiles(c)->path == "tls.cert");
}

TEST_CASE("mcpd refuses tls.cert together with a domain and names both sources", "[mcpd][config]") {
  McpdConfig c;
  c.tls_cert = "/tls/tls.crt";
  c.tls_key = "/tls/tls.key";
  c.domain = "mcp.example";
  const auto problem = mcpd::app::checkTlsFiles(c);
  REQUIRE(problem);
  CHECK(problem->path == "tls.cert");
  CHECK(problem->message.find("certs_dir") != std::string::npos);
}

TEST_CASE("mcpd with tls.cert listens on port 8443 on every address by default", "[mcpd][config]") {
  McpdConfig c;
  auto schema = mcpd::app::buildSchema(c);
  auto env = [](const char* name) -> const char* {
    const std::string_view n(name);
    if (n == "MCPD_TLS_CERT") return "/tls/tls.crt";
    if (n == "MCPD_TLS_KEY") return "/tls/tls.key";
    return nullptr;
  };
  REQUIRE(shared::config::load(schema, {.getenv = env}).isOk());
  CHECK(c.listen.port == 8443);
  CHECK(c.tls_cert == "/tls/tls.crt");
}

TEST_CASE("mcpd refuses a replica id that cannot start a session id", "[mcpd][config]") {
  McpdConfig c;
  CHECK_FALSE(mcpd::app::checkReplicaId(c));
  c.replica_id = "mcpd-7f9c4-x2";
  CHECK_FALSE(mcpd::app::checkReplicaId(c));
  for (const char* bad : {"a.b", "a b", "ä", "a/b", "123456789012345678901234567890123"}) {
    c.replica_id = bad;
    CHECK(mcpd::app::checkReplicaId(c)->path == "replica_id");
  }
}
