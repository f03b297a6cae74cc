#pragma once

// RequestMetadata: what a transport saw around a request body, as plain values, for the
// protocol layer to judge: the revision the request names outside its body, the method and
// name mirrored for intermediaries (SEP-2243), the custom parameter mirrors, and whether it
// belongs to a legacy session. The transport fills it from whatever carries these (HTTP
// headers on Streamable HTTP); the protocol layer never learns where they came from.
// A plain value; copy freely.

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mcpd::protocol {

struct RequestMetadata {
  std::optional<std::string> protocol_version;  // MCP-Protocol-Version
  std::optional<std::string> method;            // Mcp-Method
  std::optional<std::string> name;              // Mcp-Name (maybe =?base64?...?= encoded)
  // Mcp-Param-{Name}: {value}, as (Name, value) pairs in arrival order.
  std::vector<std::pair<std::string, std::string>> params;
  bool in_session = false;  // the request names a legacy session (Mcp-Session-Id)
};

// Which rules a request is served by (MCP 2026-07-28 versioning, "dual-era server").
enum class Era {
  kLegacy,  // initialize and sessions, 2024-11-05 to 2025-11-25
  kModern,  // stateless, per-request _meta, 2026-07-28
};

// The era of a request from what it carries. A request in a session is legacy; one that
// names a revision mcpd serves with sessions is legacy; one that names any other revision
// is modern (an unknown one then earns UnsupportedProtocolVersionError, which lists what
// mcpd speaks). A request that names none is legacy (2025-03-26 assumed, as the transport
// spec allows) unless its body carries the modern _meta revision field, which only
// modern clients send. `body` is parsed only in that last case.
Era eraOf(const RequestMetadata& metadata, std::string_view body);

// The era of a request without a body (HTTP GET or DELETE): modern when it names a
// revision that is not a legacy one and names no session.
Era eraOfBodyless(const RequestMetadata& metadata);

}  // namespace mcpd::protocol
