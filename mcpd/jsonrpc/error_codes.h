#pragma once

// JSON-RPC 2.0 error codes (https://www.jsonrpc.org/specification#error_object) and the
// MCP-specific ones, in one place, with the code an HTTP refusal's body carries.

namespace mcpd::jsonrpc {

inline constexpr int kParseError = -32700;      // the body is not JSON
inline constexpr int kInvalidRequest = -32600;  // JSON, but not a valid JSON-RPC message
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;

// MCP: resources/read of a URI that does not exist; data carries {"uri": ...}.
inline constexpr int kResourceNotFound = -32002;

// MCP 2026-07-28 (basic/index "Error Codes", the range -32020..-32099 MCP reserves).
inline constexpr int kHeaderMismatch = -32020;  // HTTP mirrors disagree with the body
inline constexpr int kMissingRequiredClientCapability = -32021;
inline constexpr int kUnsupportedProtocolVersion = -32022;  // data {supported, requested}
// Implementation-defined server errors (-32000 to -32099) used by mcpd's transports.
inline constexpr int kServerBusy = -32000;  // a limit was hit; the HTTP status says which
// The session id names no live session on this transport (HTTP 404); the MCP SDKs use
// the same code.
inline constexpr int kSessionNotFound = -32001;

// The code for the JSON-RPC body of an HTTP refusal with `http_status`, where the body
// names no more specific cause: limits (409, 429, 503) are kServerBusy, a server fault
// kInternalError, and anything else the client sent that cannot be taken (400, 403,
// 404 for a path, 405, 406, 413, 415) kInvalidRequest.
constexpr int errorCodeForStatus(int http_status) {
  switch (http_status) {
    case 409:
    case 429:
    case 503:
      return kServerBusy;
    case 500:
      return kInternalError;
    default:
      return kInvalidRequest;
  }
}

}  // namespace mcpd::jsonrpc
