#include "shared/cli/command_line.h"

#include <catch2/catch.hpp>

using shared::cli::FlagSpec;
using shared::cli::parseCommandLine;

namespace {
const std::vector<FlagSpec> kFlags{{"--listen", true}, {"--verbose", false}};
const std::vector<std::string> kCommands{"run", "check-config"};
}  // namespace

TEST_CASE("flags take values with a space or an equals sign, before or after the command",
          "[cli]") {
  auto line = parseCommandLine({"--listen", "a:1", "check-config", "--listen=b:2", "--verbose"},
                               kFlags, kCommands);
  REQUIRE(line.isOk());
  CHECK(line->command == "check-config");
  REQUIRE(line->flags.size() == 3);
  CHECK(line->flagValue("--listen") == "b:2");
  CHECK(line->flagValue("--verbose") == "true");
  CHECK_FALSE(line->flagValue("--other").has_value());
}

TEST_CASE("help, version and config are understood everywhere", "[cli]") {
  auto line = parseCommandLine({"--config", "x.yaml", "-h", "--version"}, kFlags, kCommands);
  REQUIRE(line.isOk());
  CHECK(line->help);
  CHECK(line->version);
  CHECK(line->config_file == "x.yaml");
  CHECK(line->command.empty());
}

TEST_CASE("words after the command are positional arguments", "[cli]") {
  auto line = parseCommandLine({"check-config", "a.yaml", "--", "--not-a-flag"}, kFlags, kCommands);
  REQUIRE(line.isOk());
  CHECK(line->positionals == std::vector<std::string>{"a.yaml", "--not-a-flag"});
}

TEST_CASE("an unknown flag is refused with a suggestion", "[cli]") {
  auto line = parseCommandLine({"--lisen", "x"}, kFlags, kCommands);
  REQUIRE_FALSE(line.isOk());
  CHECK(line.status().message() == "unknown flag --lisen (did you mean --listen?)");
}

TEST_CASE("an unknown command is refused with a suggestion", "[cli]") {
  auto line = parseCommandLine({"chek-config"}, kFlags, kCommands);
  REQUIRE_FALSE(line.isOk());
  CHECK(line.status().message() ==
        "unknown command \"chek-config\" (did you mean \"check-config\"?)");
}

TEST_CASE("a flag that needs a value and has none is refused", "[cli]") {
  auto line = parseCommandLine({"run", "--listen"}, kFlags, kCommands);
  REQUIRE_FALSE(line.isOk());
  CHECK(line.status().message() == "flag --listen needs a value");
}
