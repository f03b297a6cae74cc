#pragma once

// Readers for the named params of an MCP request, and the opaque pagination cursors of
// every */list method (MCP utilities, "Pagination"). Shared by the method handlers so
// each checks its input the same way. Pure functions; thread-safe.

#include <Poco/JSON/Object.h>

#include <cstddef>
#include <optional>
#include <string>

#include "mcpd/jsonrpc/message.h"
#include "shared/result.h"

namespace mcpd::protocol {

// The string param `name`; nullopt when absent or not a string.
std::optional<std::string> stringParam(const jsonrpc::Message& request, const std::string& name);

// The object param `name`; null when absent or not an object (check with has() first
// when absence and a wrong type must be told apart).
Poco::JSON::Object::Ptr objectParam(const jsonrpc::Message& request, const std::string& name);

// The cursor for the page that starts at `offset`.
std::string encodeCursor(std::size_t offset);

// The offset named by the request's "cursor" param: 0 without one, an error
// (invalid argument) for a cursor this server did not issue.
shared::Result<std::size_t> cursorOffset(const jsonrpc::Message& request);

}  // namespace mcpd::protocol
