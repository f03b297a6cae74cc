#pragma once

// serveConnection: a worker thread's part of a connection's life. The front thread hands
// over a connection whose next request has arrived; this parses and serves it with Poco's
// HTTPServerRequestImpl/ResponseImpl and the handler the factory makes, then serves what
// follows while requests keep arriving right away. When the client goes quiet the
// connection goes back to the front (no worker waits on an idle client).
//
// Every request passes checkRequest() first (400/501/505 with a body, then close). A body
// the handler left unread is read and discarded (up to 64 KiB, else the connection
// closes), so it can never be taken for the next request. A handler that takes the socket
// (an SSE stream) ends the loop.

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>

#include <atomic>
#include <memory>

#include "shared/http/client_connection.h"
#include "shared/http/serve_options.h"
#include "shared/http/worker_pool.h"

namespace shared::http {

struct LoopContext {
  const ServeOptions& options;
  Poco::Net::HTTPRequestHandlerFactory& handlers;
  Poco::Net::HTTPServerParams::Ptr params;
  const std::atomic<bool>& stopping;
  const WorkerPool& pool;  // a worker lingers on its connection only while none is queued
};

// Returns the connection when it should wait in the front for its next request; null
// when it was closed or taken by a handler.
std::unique_ptr<ClientConnection> serveConnection(std::unique_ptr<ClientConnection> connection,
                                                  const LoopContext& context);

}  // namespace shared::http
