#include "shared/config/loader.h"

#include <catch2/catch.hpp>
#include <map>

#include "shared/fs/atomic_file.h"
#include "tests/support/temp_dir.h"

using namespace shared::config;
using namespace std::chrono_literals;

namespace {

// A small config with the shapes real daemons use: scalars, a section, a list.
struct Settings {
  std::string name = "default-name";
  int port = 80;
  bool verbose = false;
  std::chrono::seconds timeout = 10min;
  std::vector<std::string> domains;
  std::string level = "info";
};

Schema schemaFor(Settings& s) {
  Schema schema("TEST_");
  schema.addString("name", s.name, "NAME", "a name");
  schema.addInteger("port", s.port, 1, 65535, "PORT", "a port");
  schema.addBool("verbose", s.verbose, "talk more");
  schema.addDuration("wait.timeout", s.timeout, {}, "how long to wait");
  schema.addList("domains", s.domains, "NAME,...", "names");
  schema.addChoice("log.level", s.level, {"debug", "info"}, "level");
  schema.addCheck([&s]() -> std::optional<Problem> {
    if (s.domains.size() > 2) return Problem{"domains", "at most two"};
    return std::nullopt;
  });
  return schema;
}

EnvLookup envFrom(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> const char* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  };
}

const EnvLookup kNoEnv = envFrom({});

}  // namespace

TEST_CASE("keys get their environment variable and flag names from their path",
          "[config][loader]") {
  Settings s;
  Schema schema = schemaFor(s);
  const Option* timeout = schema.findByPath("wait.timeout");
  REQUIRE(timeout != nullptr);
  CHECK(timeout->env == "TEST_WAIT_TIMEOUT");
  CHECK(timeout->flag == "--wait-timeout");
}

TEST_CASE("defaults stay when no source sets a key", "[config][loader]") {
  Settings s;
  Schema schema = schemaFor(s);
  REQUIRE(load(schema, {.getenv = kNoEnv}).isOk());
  CHECK(s.name == "default-name");
  CHECK(s.port == 80);
  CHECK(schema.findByPath("port")->origin.describe() == "default");
}

TEST_CASE("a YAML file sets nested keys, lists and durations", "[config][loader]") {
  Settings s;
  Schema schema = schemaFor(s);
  REQUIRE(applyYamlText(schema,
                        "name: web\nport: 8443\nwait:\n  timeout: 2m\ndomains: [a.example, "
                        "b.example]\nlog:\n  level: debug\n",
                        "c.yaml")
              .isOk());
  CHECK(s.name == "web");
  CHECK(s.port == 8443);
  CHECK(s.timeout == 2min);
  CHECK(s.domains == std::vector<std::string>{"a.example", "b.example"});
  CHECK(s.level == "debug");
  CHECK(schema.findByPath("port")->origin.describe() == "c.yaml:2");
}

TEST_CASE("flag beats environment beats file beats default", "[config][loader]") {
  testing::TempDir dir;
  const auto file = dir / "c.yaml";
  REQUIRE(
      shared::fs::writeFileAtomically(file, "name: from-file\nport: 1001\nverbose: true\n").isOk());
  Settings s;
  Schema schema = schemaFor(s);
  const auto status =
      load(schema, {.file = file,
                    .getenv = envFrom({{"TEST_NAME", "from-env"}, {"TEST_PORT", "1002"}}),
                    .flags = {{"--name", "from-flag"}}});
  REQUIRE(status.isOk());
  CHECK(s.name == "from-flag");
  CHECK(s.port == 1002);
  CHECK(s.verbose);
  CHECK(s.level == "info");
  CHECK(schema.findByPath("name")->origin.describe() == "flag --name");
  CHECK(schema.findByPath("port")->origin.describe() == "environment TEST_PORT");
  CHECK(schema.findByPath("verbose")->origin.describe() == file.string() + ":3");
}

TEST_CASE("an empty environment variable counts as unset", "[config][loader]") {
  Settings s;
  Schema schema = schemaFor(s);
  REQUIRE(load(schema, {.getenv = envFrom({{"TEST_NAME", ""}})}).isOk());
  CHECK(s.name == "default-name");
}

TEST_CASE("a typo in a key is an error with its line and a suggestion", "[config][loader]") {
  Settings s;
  Schema schema = schemaFor(s);
  const auto status = applyYamlText(schema, "name: x\nlog:\n  levle: debug\n", "c.yaml");
  CHECK(status.message() == "c.yaml:3: unknown key \"log.levle\" (did you mean \"log.level\"?)");
}

TEST_CASE("a wrong type names the key path and the line", "[config][loader]") {
  Settings s;
  Schema schema = schemaFor(s);
  CHECK(applyYamlText(schema, "name: x\nport: [1, 2]\n", "c.yaml").message() ==
        "c.yaml:2: port: expected a single value, got a list");
  CHECK(applyYamlText(schema, "log: debug\n", "c.yaml").message() ==
        "c.yaml:1: log: expected a map of keys, got a value");
}

TEST_CASE("a bad value names the key path and the line", "[config][loader]") {
  Settings s;
  Schema schema = schemaFor(s);
  CHECK(applyYamlText(schema, "\n\nport: 70000\n", "c.yaml").message() ==
        "c.yaml:3: port: expected a number from 1 to 65535, got 70000");
}

TEST_CASE("a bad environment variable or flag names its source", "[config][loader]") {
  Settings s;
  Schema schema = schemaFor(s);
  CHECK(applyEnvironment(schema, envFrom({{"TEST_PORT", "http"}})).message() ==
        "environment TEST_PORT: port: expected a whole number, got \"http\"");
  CHECK(applyFlags(schema, {{"--log-level", "loud"}}).message() ==
        "flag --log-level: log.level: expected one of debug, info; got \"loud\"");
  CHECK(applyFlags(schema, {{"--port", std::nullopt}}).message() ==
        "flag --port: port: needs a value");
}

TEST_CASE("a bare switch flag means true", "[config][loader]") {
  Settings s;
  Schema schema = schemaFor(s);
  REQUIRE(applyFlags(schema, {{"--verbose", std::nullopt}}).isOk());
  CHECK(s.verbose);
}

TEST_CASE("YAML syntax errors give the line and column", "[config][loader]") {
  Settings s;
  Schema schema = schemaFor(s);
  const auto status = applyYamlText(schema, "name: x\nport: [1, 2\n", "c.yaml");
  CHECK_THAT(status.message(), Catch::StartsWith("c.yaml:") && Catch::Contains("invalid YAML"));
}

TEST_CASE("a duplicate key is an error", "[config][loader]") {
  Settings s;
  Schema schema = schemaFor(s);
  CHECK(applyYamlText(schema, "port: 1\nport: 2\n", "c.yaml").message() ==
        "c.yaml:2: duplicate key \"port\"");
}

TEST_CASE("an empty file keeps the defaults and a top-level list is refused", "[config][loader]") {
  Settings s;
  Schema schema = schemaFor(s);
  CHECK(applyYamlText(schema, "", "c.yaml").isOk());
  CHECK(applyYamlText(schema, "# only a comment\n", "c.yaml").isOk());
  CHECK(applyYamlText(schema, "- a\n- b\n", "c.yaml").message() ==
        "c.yaml:1: expected keys at the top level, got a list");
}

TEST_CASE("a missing config file is an error that names it", "[config][loader]") {
  Settings s;
  Schema schema = schemaFor(s);
  CHECK(applyYamlFile(schema, "/nonexistent/c.yaml").message() ==
        "/nonexistent/c.yaml: cannot read: No such file or directory");
}

TEST_CASE("a failed cross-key check points at the source of its key", "[config][loader]") {
  Settings s;
  Schema schema = schemaFor(s);
  REQUIRE(applyYamlText(schema, "name: x\ndomains: [a, b, c]\n", "c.yaml").isOk());
  CHECK(runChecks(schema).message() == "c.yaml:2: domains: at most two");
}

TEST_CASE("a failed check about one list item points at that item's line", "[config][loader]") {
  Settings s;
  Schema schema = schemaFor(s);
  schema.addCheck([&s]() -> std::optional<Problem> {
    return Problem{"domains[1]", "\"" + s.domains[1] + "\" is bad"};
  });
  REQUIRE(applyYamlText(schema, "domains:\n  - a\n  - b\n", "c.yaml").isOk());
  CHECK(runChecks(schema).message() == "c.yaml:3: domains[1]: \"b\" is bad");
}
