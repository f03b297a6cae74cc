#include <catch2/catch.hpp>
#include <chrono>

#include "mcpd/protocol/header_validation.h"
#include "mcpd/protocol/request_metadata.h"
#include "mcpd/protocol/request_state.h"

namespace {

using mcpd::protocol::Era;
using mcpd::protocol::RequestMetadata;
using mcpd::protocol::RequestStateSealer;

const std::string kKey(32, 'k');
const auto kSealNow = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));

}  // namespace

TEST_CASE("sealed request state opens only for its binding, unchanged and in time", "[protocol]") {
  const RequestStateSealer sealer(kKey, std::chrono::seconds(60));
  const std::string token = sealer.seal("round1", "tools/call\nask", kSealNow);
  CHECK(*sealer.open(token, "tools/call\nask", kSealNow) == "round1");
  CHECK_FALSE(sealer.open(token, "tools/call\nother", kSealNow));
  CHECK_FALSE(sealer.open(token + "-TAMPERED", "tools/call\nask", kSealNow));
  CHECK_FALSE(sealer.open(token, "tools/call\nask", kSealNow + std::chrono::seconds(61)));
  const RequestStateSealer other(std::string(32, 'x'));
  CHECK_FALSE(other.open(token, "tools/call\nask", kSealNow));
}

TEST_CASE("a request state secret shorter than 32 bytes is refused", "[protocol]") {
  CHECK_FALSE(RequestStateSealer::keyFromFile("short\n"));
  CHECK(*RequestStateSealer::keyFromFile(kKey + "\n") == kKey);
}

TEST_CASE("the era of a request follows what it carries", "[protocol]") {
  RequestMetadata modern;
  modern.protocol_version = "2026-07-28";
  CHECK(mcpd::protocol::eraOf(modern, "{}") == Era::kModern);
  RequestMetadata unknown;
  unknown.protocol_version = "v999.0.0";
  CHECK(mcpd::protocol::eraOf(unknown, "{}") == Era::kModern);
  RequestMetadata legacy;
  legacy.protocol_version = "2025-11-25";
  CHECK(mcpd::protocol::eraOf(legacy, "{}") == Era::kLegacy);
  RequestMetadata session = modern;
  session.in_session = true;
  CHECK(mcpd::protocol::eraOf(session, "{}") == Era::kLegacy);
  const RequestMetadata none;
  CHECK(mcpd::protocol::eraOf(none, R"({"jsonrpc":"2.0","id":1,"method":"initialize"})") ==
        Era::kLegacy);
  CHECK(
      mcpd::protocol::eraOf(
          none,
          R"({"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}})") ==
      Era::kModern);
}

TEST_CASE("mirrored header values decode the base64 sentinel strictly", "[protocol]") {
  using mcpd::protocol::decodeMirroredValue;
  CHECK(*decodeMirroredValue("  us-west1 ") == "us-west1");
  CHECK(*decodeMirroredValue("=?base64?SGVsbG8=?=") == "Hello");
  CHECK_FALSE(decodeMirroredValue("=?base64?SGVsbG8?="));
  CHECK_FALSE(decodeMirroredValue("=?base64?SGVs!!!bG8=?="));
  CHECK(*decodeMirroredValue("=?base64?SGVsbG8=") == "=?base64?SGVsbG8=");
  CHECK_FALSE(decodeMirroredValue("caf\xc3\xa9"));
}
