#pragma once

// TransportContext: what the HTTP transports share: the MCP server, the session registry,
// the SSE hub, their limits, and the counts of open SSE streams. Streams that keep their
// worker thread (TLS, or no hub) have their own lower cap so that requests always find a
// free worker. Lives as long as the HTTP server; thread-safe.

#include <atomic>
#include <chrono>
#include <cstddef>

#include "mcpd/jsonrpc/body_limits.h"
#include "mcpd/protocol/server.h"
#include "mcpd/transport/session_registry.h"
#include "shared/fair_gate.h"

namespace mcpd::transport {

class SseHub;

struct TransportOptions {
  std::size_t max_body_bytes = 4 * 1024 * 1024;
  std::size_t max_streams = 10000;             // open legacy SSE streams at once
  std::size_t max_threaded_streams = 48;       // of those, streams that hold a worker (TLS)
  std::chrono::milliseconds keepalive{15000};  // SSE comment interval on threaded streams
  std::size_t concurrent_handlers = 0;         // messages handled at once; 0: no limit
  // A POST that names no session opens one (initialize) or, in the stateless revisions,
  // is one self-contained request: either way small and never a batch.
  std::size_t max_body_without_session = 256 * 1024;
  jsonrpc::BodyLimits body_limits;  // values, nesting and batch length of any body
};

struct TransportContext {
  // `hub` adopts plain-TCP SSE streams so they hold no worker thread; without one, every
  // stream keeps its worker.
  TransportContext(const protocol::Server& server, SessionRegistry& registry,
                   TransportOptions options, SseHub* hub = nullptr)
      : server(server),
        registry(registry),
        options(options),
        hub(hub),
        gate(options.concurrent_handlers) {}

  const protocol::Server& server;
  SessionRegistry& registry;
  const TransportOptions options;
  SseHub* const hub;
  shared::FairGate gate;  // admits message handling first come, first served
  std::atomic<std::size_t> open_streams{0};
  std::atomic<std::size_t> threaded_streams{0};
  std::atomic<bool> stopping{false};  // set at shutdown so threaded streams end

  // Reserves a stream slot; false when all are taken. Pair with releaseStream().
  bool reserveStream() { return reserve(open_streams, options.max_streams); }
  void releaseStream() { open_streams.fetch_sub(1); }
  bool reserveThreadedStream() { return reserve(threaded_streams, options.max_threaded_streams); }
  void releaseThreadedStream() { threaded_streams.fetch_sub(1); }

 private:
  static bool reserve(std::atomic<std::size_t>& counter, std::size_t limit) {
    std::size_t current = counter.load();
    while (current < limit) {
      if (counter.compare_exchange_weak(current, current + 1)) return true;
    }
    return false;
  }
};

}  // namespace mcpd::transport
