#pragma once

// SEP-2243 (MCP 2026-07-28 Streamable HTTP, "Request Metadata"): the method, name and
// x-mcp-header parameters a client mirrors outside the body for intermediaries must match
// the body, so that a proxy routing on them and the server acting on the body agree.
// Pure functions over plain values; thread-safe.

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/request_metadata.h"

namespace mcpd::protocol {

class Server;

// One x-mcp-header property of a tool's input schema: the header's name (Mcp-Param-{name})
// and the property names leading to its argument.
struct HeaderParam {
  std::string header;
  std::vector<std::string> path;
};

// The x-mcp-header properties of `input_schema`; only chains of "properties" count (the
// transports spec rejects any other placement). Read once per tool, when it is added.
std::vector<HeaderParam> headerParamsOf(const Poco::JSON::Object::Ptr& input_schema);

// The reason the mirrors disagree with `request` (for a HeaderMismatch error), or nullopt
// when they match: Mcp-Method must be present and equal the method; Mcp-Name must be
// present and equal params.name / params.uri for tools/call, prompts/get and
// resources/read; each Mcp-Param-{Name} of the called tool's x-mcp-header properties must
// be present exactly when the argument is, and equal it. Values are compared after
// trimming surrounding whitespace and decoding the =?base64?...?= form (strictly).
std::optional<std::string> headerMismatch(const RequestMetadata& metadata,
                                          const jsonrpc::Message& request, const Server& server);

// The value of a mirrored field: surrounding spaces and tabs dropped, the Base64 sentinel
// form decoded; nullopt for invalid characters or invalid Base64.
std::optional<std::string> decodeMirroredValue(std::string_view raw);

}  // namespace mcpd::protocol
