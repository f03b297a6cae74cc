#include "shared/config/parsers.h"

#include <catch2/catch.hpp>
#include <cstdint>

using namespace shared::config;
using namespace std::chrono_literals;

namespace {
RawValue text(const std::string& s) {
  return RawValue::fromText(s, Origin::flag("--x"));
}
RawValue yaml(const std::string& s) {
  return RawValue::fromYaml(YAML::Load(s), Origin::file("f.yaml", 1));
}
}  // namespace

TEST_CASE("booleans accept the usual spellings and refuse others", "[config][parsers]") {
  for (const char* yes : {"true", "Yes", "on", "1"}) CHECK(*parseBool(text(yes)));
  for (const char* no : {"false", "NO", "off", "0"}) CHECK_FALSE(*parseBool(text(no)));
  auto bad = parseBool(text("maybe"));
  REQUIRE_FALSE(bad.isOk());
  CHECK(bad.status().message() == "expected true or false, got \"maybe\"");
}

TEST_CASE("integers are checked against their range", "[config][parsers]") {
  CHECK(*parseInteger(text("443"), 1, 65535) == 443);
  CHECK(parseInteger(text("0"), 1, 65535).status().message() ==
        "expected a number from 1 to 65535, got 0");
  CHECK(parseInteger(text("80x"), 1, 65535).status().message() ==
        "expected a whole number, got \"80x\"");
  CHECK_FALSE(parseInteger(text(""), 1, 65535).isOk());
}

TEST_CASE("durations take units and combinations", "[config][parsers]") {
  CHECK(*parseDuration(text("90")) == 90s);
  CHECK(*parseDuration(text("15m")) == 15min);
  CHECK(*parseDuration(text("1h30m")) == 90min);
  CHECK(*parseDuration(text("30d")) == std::chrono::hours(24 * 30));
  CHECK_FALSE(parseDuration(text("10 minutes")).isOk());
  CHECK_FALSE(parseDuration(text("1h30")).isOk());
  CHECK_FALSE(parseDuration(text("-5s")).isOk());
  CHECK(formatDuration(5400s) == "1h30m");
  CHECK(formatDuration(0s) == "0s");
}

TEST_CASE("a choice matches case-insensitively and lists the choices when wrong",
          "[config][parsers]") {
  const std::vector<std::string> levels{"debug", "info"};
  CHECK(*parseChoice(text("INFO"), levels) == "info");
  CHECK(parseChoice(text("loud"), levels).status().message() ==
        "expected one of debug, info; got \"loud\"");
}

TEST_CASE("lists come from YAML sequences, single scalars or comma-separated text",
          "[config][parsers]") {
  CHECK(*parseStringList(yaml("[a.example, b.example]")) ==
        std::vector<std::string>{"a.example", "b.example"});
  CHECK(*parseStringList(yaml("a.example")) == std::vector<std::string>{"a.example"});
  CHECK(*parseStringList(text(" a.example, b.example,,")) ==
        std::vector<std::string>{"a.example", "b.example"});
  CHECK(parseStringList(yaml("{a: 1}")).status().message() == "expected a list, got a map");
  CHECK(parseStringList(yaml("[[a]]")).status().message() ==
        "item 0: expected a single value, got a list");
}

TEST_CASE("a scalar key given a list or map is a type error", "[config][parsers]") {
  CHECK(parseString(yaml("[1, 2]")).status().message() == "expected a single value, got a list");
  CHECK(parseString(yaml("{a: b}")).status().message() == "expected a single value, got a map");
}

TEST_CASE("listen addresses parse with IPv4, bracketed IPv6 and an empty host",
          "[config][parsers]") {
  CHECK(*parseHostPortValue(text("127.0.0.1:8080")) == shared::net::HostPort{"127.0.0.1", 8080});
  CHECK(*parseHostPortValue(text("[::]:8443")) == shared::net::HostPort{"::", 8443});
  CHECK(*parseHostPortValue(text(":80")) == shared::net::HostPort{"", 80});
  CHECK(parseHostPortValue(text("[::]:8443"))->toString() == "[::]:8443");
  CHECK(parseHostPortValue(text("localhost")).status().message() ==
        "missing \":PORT\" in \"localhost\"");
  CHECK(parseHostPortValue(text("::1:80")).status().message() ==
        "an IPv6 address needs brackets, as in \"[::1]:8080\", in \"::1:80\"");
  CHECK(parseHostPortValue(text("a:99999")).status().message() ==
        "port \"99999\" is not a number from 0 to 65535");
}

TEST_CASE("sizes take binary units and print back the same way", "[config][parsers]") {
  CHECK(*parseByteSize(text("65536")) == 65536);
  CHECK(*parseByteSize(text("512KiB")) == 512 * 1024);
  CHECK(*parseByteSize(text("4MiB")) == 4 * 1024 * 1024);
  CHECK(*parseByteSize(text("1gb")) == 1024ull * 1024 * 1024);
  CHECK_FALSE(parseByteSize(text("4 parsecs")).isOk());
  CHECK_FALSE(parseByteSize(text("MiB")).isOk());
  CHECK(formatByteSize(4 * 1024 * 1024) == "4MiB");
  CHECK(formatByteSize(1000) == "1000");
}

TEST_CASE("durations that overflow are errors, not wrapped values", "[config][parsers]") {
  auto huge = parseDuration(text("106751991167300d106751991167300d"));
  REQUIRE_FALSE(huge.isOk());
  CHECK(huge.status().message() == "duration \"106751991167300d106751991167300d\" is too large");
  CHECK_FALSE(parseDuration(text("9223372036854775807d")).isOk());
  CHECK(*parseDuration(text("9223372036854775807")) == std::chrono::seconds(INT64_MAX));
}

TEST_CASE("a duration range refuses 0 and too much, and states itself", "[config][parsers]") {
  const DurationRange range{.min = 1s, .max = 1h};
  CHECK(*parseDuration(text("15s"), range) == 15s);
  CHECK(parseDuration(text("0s"), range).status().message() ==
        "expected a duration from 1s to 1h, got \"0s\"");
  CHECK_FALSE(parseDuration(text("61m"), range).isOk());
}

TEST_CASE("a long value is cut short in an error message", "[config][parsers]") {
  const std::string long_value(100000, '7');
  const auto bad = parseInteger(text(long_value), 1, 10);
  REQUIRE_FALSE(bad.isOk());
  CHECK(bad.status().message().size() < 200);
  CHECK(bad.status().message().ends_with("... (100000 bytes)"));
}
