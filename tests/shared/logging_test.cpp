#include "shared/log/logging.h"

#include <spdlog/sinks/ostream_sink.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <iostream>
#include <sstream>

#include "shared/json_string.h"
#include "shared/log/fields.h"

using shared::log::Options;

namespace {
// Puts the default stderr logging back when a test's own sink (on a stream that dies with
// the test) is done, so that later tests never log into a destroyed stream.
struct RestoreDefaultLogging {
  ~RestoreDefaultLogging() { (void)shared::log::setup({"info", "text"}); }
};

// Logs one message through a fresh sink and returns what was written.
std::string capture(const Options& options, const std::string& logger, const std::string& message,
                    spdlog::level::level_enum level = spdlog::level::info) {
  const RestoreDefaultLogging restore;
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  REQUIRE(shared::log::setupWithSink(options, sink).isOk());
  shared::log::get(logger)->log(level, "{}", message);
  shared::log::get(logger)->flush();
  return out.str();
}
}  // namespace

TEST_CASE("text logs name the component and the level", "[log]") {
  const std::string line =
      capture({"info", "text"}, "mcpd.http", "listening address=127.0.0.1:8080");
  CHECK_THAT(
      line,
      Catch::Matches(
          R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info  mcpd\.http: listening address=127\.0\.0\.1:8080\n)"));
}

TEST_CASE("json logs are one object per line with the fields passed as fields", "[log]") {
  const RestoreDefaultLogging restore;
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  REQUIRE(shared::log::setupWithSink({"info", "json"}, sink).isOk());
  shared::log::info(shared::log::get("certd.acme"), "order created",
                    {{"id", 42}, {"error", "rate limited"}, {"msg", "dropped"}});
  CHECK_THAT(
      out.str(),
      Catch::Matches(
          R"(\{"time":"[0-9T:.-]+Z","level":"info","logger":"certd\.acme","msg":"order created","id":"42","error":"rate limited"\}\n)"));
}

TEST_CASE("messages below the configured level are dropped", "[log]") {
  CHECK(capture({"warn", "text"}, "certd", "chatty", spdlog::level::info).empty());
  CHECK_FALSE(capture({"debug", "text"}, "certd", "chatty", spdlog::level::debug).empty());
}

TEST_CASE("an unknown level or format is refused", "[log]") {
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(std::cout);
  CHECK_FALSE(shared::log::setupWithSink({"loud", "text"}, sink).isOk());
  CHECK_FALSE(shared::log::setupWithSink({"info", "xml"}, sink).isOk());
}

TEST_CASE("json strings escape quotes, backslashes and control characters", "[log]") {
  std::string out;
  shared::appendJsonString(out, "a\"b\\c\nd\x01");
  CHECK(out == R"("a\"b\\c\nd\u0001")");
}

TEST_CASE("key=value text in a message stays in the message", "[log]") {
  const std::string line =
      capture({"info", "json"}, "certd", "order created id=42 error=\"rate limited\"");
  CHECK_THAT(line, Catch::Contains(R"("msg":"order created id=42 error=\"rate limited\""})"));
}

namespace {
// What one field with `value` logs as, in `format`.
std::string captureField(const std::string& format, const std::string& value) {
  const RestoreDefaultLogging restore;
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  REQUIRE(shared::log::setupWithSink({"info", format}, sink).isOk());
  shared::log::info(shared::log::get("certd.hooks"), "deploy hook output",
                    {{"name", "a.test"}, {"output", value}});
  return out.str();
}
}  // namespace

TEST_CASE("hook output with line breaks and quotes cannot forge a field or a line", "[log]") {
  const std::string hostile = "line1\nline2\" forged=1 \"\r\x1b[2Kfake";
  const std::string json = captureField("json", hostile);
  CHECK(std::count(json.begin(), json.end(), '\n') == 1);
  CHECK_THAT(json, Catch::EndsWith(R"("output":"line1\nline2\" forged=1 \"\r\u001b[2Kfake"})"
                                   "\n"));
  CHECK_THAT(json, !Catch::Contains(R"("forged")"));

  const std::string text = captureField("text", hostile);
  CHECK(std::count(text.begin(), text.end(), '\n') == 1);
  CHECK(text.find('\r') == std::string::npos);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK_THAT(
      text, Catch::EndsWith(
                R"(deploy hook output name=a.test output="line1\nline2\" forged=1 \"\r\x1b[2Kfake")"
                "\n"));
}

TEST_CASE("text logs escape CR and ESC in the message too", "[log]") {
  const std::string line = capture({"info", "text"}, "certd", "error: \r\x1b[31mred");
  CHECK_THAT(line, Catch::EndsWith("certd: error: \\r\\x1b[31mred\n"));
}

TEST_CASE("a long message of key=value words formats in linear time", "[log]") {
  std::string message = "start";
  for (int i = 0; i < 20000; ++i) message += " k=\"v";  // never closes: the old parser's worst case
  const auto began = std::chrono::steady_clock::now();
  const std::string line = capture({"info", "json"}, "certd", message);
  CHECK(std::chrono::steady_clock::now() - began < std::chrono::seconds(1));
  CHECK(line.size() > message.size());
}
