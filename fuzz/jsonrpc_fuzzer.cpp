// Fuzzes the JSON-RPC parser (its tree builder checked against Poco's parser), its bounded
// first look (body_limits.h), and the MCP session
// behind it: any bytes, as the body of a
// POST, must give a well-formed reply or none, never a crash, leak or hang. The session
// is mcpd's real one (search and fetch over the built-in corpus), initialized once per
// input half of the time so that post-initialize paths are reached too.

#include <Poco/JSON/Parser.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz/fuzz_server.h"
#include "mcpd/jsonrpc/body_limits.h"
#include "mcpd/jsonrpc/json_tree.h"
#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/modern_meta.h"
#include "mcpd/protocol/session.h"
#include "shared/json_syntax.h"
#include "shared/log/logging.h"
#include "tests/mcpd/support/poco_json_oracle.h"

namespace {

std::unique_ptr<mcpd::protocol::Server> g_server;

void checkIsJson(const std::string& text) {
  try {
    Poco::JSON::Parser().parse(text);
  } catch (const Poco::Exception&) {
    std::abort();  // a reply that is not JSON is a bug
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_server = fuzz::buildFuzzServer();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  (void)mcpd::jsonrpc::parse(body);
  // The tree builder against Poco's parser, its oracle: where the syntax is valid, both
  // refuse the text or both build the same tree (tests/mcpd/support/poco_json_oracle.h).
  if (!shared::findJsonSyntaxError(body) && json_oracle::pocoIsExactFor(body)) {
    const auto ours = mcpd::jsonrpc::parseJsonTree(body);
    const auto poco = json_oracle::parseWithPoco(body);
    if (ours.scan.error.has_value() == poco.has_value()) std::abort();
    if (poco && !json_oracle::sameTree(ours.value, *poco)) std::abort();
  }
  // A stateless-era parse, which keeps params._meta as text.
  (void)mcpd::protocol::parseStatelessBody(body, mcpd::jsonrpc::kBodyCeiling);
  // The first look at an untrusted body (tight limits, so that they are reached): a body
  // it refuses earns exactly one error, whatever it holds.
  const mcpd::jsonrpc::BodyLimits tight{.max_values = 64, .max_depth = 8, .max_batch = 4};
  const auto problem = mcpd::jsonrpc::checkBody(body, tight);
  const auto bounded = mcpd::jsonrpc::parse(body, tight);
  if (problem && (bounded.batch || bounded.items.size() != 1)) std::abort();
  if (bounded.batch && bounded.items.size() > tight.max_batch) std::abort();

  auto session = g_server->newSession();
  mcpd::protocol::NullSink sink;
  if (size > 0 && (data[0] & 1)) {
    session->handle(
        R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-03-26","capabilities":{},"clientInfo":{"name":"f","version":"1"}}})",
        sink);
  }
  if (auto reply = session->handle(body, sink)) checkIsJson(*reply);
  return 0;
}
