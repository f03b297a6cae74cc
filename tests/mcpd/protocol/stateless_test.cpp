#include "mcpd/protocol/stateless.h"

#include <catch2/catch.hpp>
#include <chrono>

#include "mcpd/protocol/header_validation.h"
#include "mcpd/protocol/request_metadata.h"
#include "mcpd/protocol/request_state.h"
#include "mcpd/protocol/server.h"
#include "mcpd/protocol/tool.h"
#include "tests/mcpd/support/session_driver.h"

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

namespace {

// A tool whose result carries its own _meta, as the search tool's names its language; like
// the search tool's cached results, every call returns the same _meta object.
class MetaTool final : public mcpd::protocol::Tool {
 public:
  MetaTool() {
    spec_.name = "lang";
    spec_.input_schema = new Poco::JSON::Object;
    spec_.input_schema->set("type", std::string("object"));
    meta_->set("language", std::string("es"));
  }
  const mcpd::protocol::ToolSpec& spec() const override { return spec_; }
  mcpd::protocol::ToolResult call(const Poco::JSON::Object::Ptr&,
                                  mcpd::protocol::RequestContext&) const override {
    auto result = mcpd::protocol::ToolResult::text("hola");
    result.meta = meta_;
    return result;
  }
  const Poco::JSON::Object::Ptr& sharedMeta() const { return meta_; }

 private:
  mcpd::protocol::ToolSpec spec_;
  Poco::JSON::Object::Ptr meta_ = new Poco::JSON::Object;
};

}  // namespace

TEST_CASE("a 2026-07-28 tool result keeps the tool's _meta beside the server's identity",
          "[protocol]") {
  mcpd::protocol::Server server({.name = "mcpd", .version = "9.9"});
  const auto tool = std::make_shared<MetaTool>();
  server.addTool(tool);
  RequestMetadata metadata;
  metadata.protocol_version = "2026-07-28";
  metadata.method = "tools/call";
  metadata.name = "lang";
  protocol_testing::RecordingSink sink;
  const auto reply = mcpd::protocol::handleStateless(
      server, metadata,
      R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"lang","arguments":{},)"
      R"("_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28",)"
      R"("io.modelcontextprotocol/clientInfo":{"name":"t","version":"1"},)"
      R"("io.modelcontextprotocol/clientCapabilities":{}}}})",
      mcpd::jsonrpc::kBodyCeiling, sink);
  REQUIRE(reply.kind == mcpd::protocol::StatelessReply::Kind::kReply);
  const auto meta =
      protocol_testing::parseObject(reply.body)->getObject("result")->getObject("_meta");
  REQUIRE(meta);
  CHECK(meta->getValue<std::string>("language") == "es");
  CHECK(meta->getObject("io.modelcontextprotocol/serverInfo")->getValue<std::string>("version") ==
        "9.9");
  // The tool's own object is left as it was: a session's reply from the same (cached)
  // result names no server in its _meta.
  CHECK(tool->sharedMeta()->size() == 1);
  auto session = server.newSession();
  protocol_testing::call(*session, protocol_testing::initializeRequest());
  const auto legacy = protocol_testing::call(
      *session, protocol_testing::rpcRequest(2, "tools/call", R"({"name":"lang"})"));
  const auto legacy_meta = legacy->getObject("result")->getObject("_meta");
  REQUIRE(legacy_meta);
  CHECK(legacy_meta->size() == 1);
}

TEST_CASE("a stateless body is checked by its one parse: not JSON 400, too large 413",
          "[protocol]") {
  using Kind = mcpd::protocol::StatelessReply::Kind;
  mcpd::protocol::Server server({.name = "mcpd", .version = "9.9"});
  RequestMetadata metadata;
  metadata.protocol_version = "2026-07-28";
  protocol_testing::RecordingSink sink;
  const mcpd::jsonrpc::BodyLimits limits{.max_values = 20, .max_depth = 4, .max_batch = 2};

  const auto malformed =
      mcpd::protocol::handleStateless(server, metadata, R"({"jsonrpc":"2.0",)", limits, sink);
  CHECK(malformed.kind == Kind::kRejected);
  CHECK(protocol_testing::parseObject(malformed.body)->getObject("error")->getValue<int>("code") ==
        -32700);

  const auto deep = mcpd::protocol::handleStateless(
      server, metadata, R"({"jsonrpc":"2.0","id":1,"params":{"a":{"b":{"c":{"d":1}}}}})", limits,
      sink);
  CHECK(deep.kind == Kind::kTooLarge);
  CHECK(protocol_testing::parseObject(deep.body)->getObject("error")->getValue<int>("code") ==
        -32600);

  std::string many = R"({"jsonrpc":"2.0","id":1,"params":{"a":[)";
  for (int i = 0; i < 30; ++i) many += i ? ",1" : "1";
  many += "]}}";
  CHECK(mcpd::protocol::handleStateless(server, metadata, many, limits, sink).kind ==
        Kind::kTooLarge);
}
