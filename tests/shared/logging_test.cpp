#include "shared/log/logging.h"

#include <spdlog/sinks/ostream_sink.h>

#include <catch2/catch.hpp>
#include <iostream>
#include <sstream>

#include "shared/json_string.h"
#include "shared/log/json_formatter.h"

using shared::log::Options;

namespace {
// Logs one message through a fresh sink and returns what was written.
std::string capture(const Options& options, const std::string& logger, const std::string& message,
                    spdlog::level::level_enum level = spdlog::level::info) {
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

TEST_CASE("json logs are one object per line with key=value fields lifted out", "[log]") {
  const std::string line =
      capture({"info", "json"}, "certd.acme", "order created id=42 error=\"rate limited\"");
  CHECK_THAT(
      line,
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

TEST_CASE("a message without fields stays whole", "[log]") {
  auto split = shared::log::splitFields("renewal due in 3 days");
  CHECK(split.text == "renewal due in 3 days");
  CHECK(split.fields.empty());
  auto odd = shared::log::splitFields("x=1 then words");
  CHECK(odd.text == "x=1 then words");
}
