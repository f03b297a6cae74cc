#pragma once

// The MCP server the conformance suite (@modelcontextprotocol/conformance) tests: every
// test_* tool, test:// resource (subscribable), test_* prompt and completion its server
// scenarios expect, on mcpd's protocol layer. A test fixture, not part of mcpd.

#include <memory>

#include "mcpd/protocol/server.h"

namespace conformance {

std::unique_ptr<mcpd::protocol::Server> buildConformanceServer();

// Runs the fixture: serves buildConformanceServer() over mcpd's HTTP stack (Streamable
// HTTP at /mcp, legacy SSE at /sse) on the address of `--listen HOST:PORT` (default
// 127.0.0.1:0; the log names the port) until SIGTERM or SIGINT. Returns the exit code.
int run(int argc, char** argv);

}  // namespace conformance
