#pragma once

// The per-request protocol fields of the stateless era (MCP 2026-07-28, basic/index
// "_meta"): every request names its revision and the client's capabilities in
// params._meta; results name the server. Pure functions; thread-safe.

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <string_view>

#include "mcpd/jsonrpc/json_tree.h"
#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/request_context.h"
#include "shared/result.h"

namespace mcpd::protocol {

inline constexpr std::string_view kMetaProtocolVersion = "io.modelcontextprotocol/protocolVersion";
inline constexpr std::string_view kMetaClientInfo = "io.modelcontextprotocol/clientInfo";
inline constexpr std::string_view kMetaClientCapabilities =
    "io.modelcontextprotocol/clientCapabilities";
inline constexpr std::string_view kMetaLogLevel = "io.modelcontextprotocol/logLevel";
inline constexpr std::string_view kMetaServerInfo = "io.modelcontextprotocol/serverInfo";
inline constexpr std::string_view kMetaSubscriptionId = "io.modelcontextprotocol/subscriptionId";

struct ModernMeta {
  std::string protocol_version;
  Poco::JSON::Object::Ptr client_capabilities;  // never null once read
  std::optional<LogLevel> log_level;            // absent: the request gets no log messages
  Poco::Dynamic::Var progress_token;            // empty when absent
};

// The request's per-request fields, from params._meta as a tree or as text
// (parseStatelessBody()). Fails (invalid argument, with a message for the
// client) when _meta, its revision or the client's capabilities are missing or mistyped.
shared::Result<ModernMeta> readModernMeta(const jsonrpc::Message& request);

// How the protocol layer parses a body: the members of params._meta it never reads (the
// client's identity, io.modelcontextprotocol/clientInfo) are kept as text, not as a tree.
const jsonrpc::JsonTreeOptions& parseOptions();

// Parses `body` with parseOptions() under jsonrpc::kBodyCeiling.
jsonrpc::Parsed parseBody(std::string_view body);

// Parses a stateless-era body: params._meta, which only readModernMeta() reads, is kept as
// text and read without a tree (the 2026-07-28 per-request fields cost no Poco objects).
// The parse is the body's only check: it validates the JSON under `limits` as it builds.
jsonrpc::Parsed parseStatelessBody(std::string_view body, const jsonrpc::BodyLimits& limits);

// True when `body` is one JSON-RPC message whose params._meta names a revision.
bool bodyNamesModernRevision(std::string_view body);

}  // namespace mcpd::protocol
