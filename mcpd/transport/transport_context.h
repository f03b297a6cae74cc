#pragma once

// TransportContext: what the HTTP transports share: the MCP server, the session registry,
// their limits, and the count of open SSE streams (each holds a worker thread, so they
// are capped below the pool size and requests always find a free worker).
// Lives as long as the HTTP server; thread-safe.

#include <atomic>
#include <chrono>
#include <cstddef>

#include "mcpd/protocol/server.h"
#include "mcpd/transport/session_registry.h"

namespace mcpd::transport {

struct TransportOptions {
  std::size_t max_body_bytes = 4 * 1024 * 1024;
  std::size_t max_streams = 64;                        // open SSE streams at once
  std::chrono::milliseconds keepalive{15000};          // SSE comment interval
};

struct TransportContext {
  TransportContext(const protocol::Server& server, SessionRegistry& registry, TransportOptions options)
      : server(server), registry(registry), options(options) {}

  const protocol::Server& server;
  SessionRegistry& registry;
  const TransportOptions options;
  std::atomic<std::size_t> open_streams{0};
  std::atomic<bool> stopping{false};  // set at shutdown so open streams end

  // Reserves a stream slot; false when all are taken. Pair with releaseStream().
  bool reserveStream() {
    std::size_t current = open_streams.load();
    while (current < options.max_streams) {
      if (open_streams.compare_exchange_weak(current, current + 1)) return true;
    }
    return false;
  }
  void releaseStream() { open_streams.fetch_sub(1); }
};

}  // namespace mcpd::transport
