// Fuzzes a whole HTTP request through mcpd's server: the bytes are sent as-is to the real
// Poco HTTP server with mcpd's router, transports and landing page (over the built-in
// docs, so query strings reach the search) on a loopback port, and the server
// must answer or close, never crash, leak or stop serving. A health check after each
// input proves it still serves.

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz/fuzz_server.h"
#include "mcpd/corpus/builtin.h"
#include "mcpd/http/router.h"
#include "mcpd/http/server.h"
#include "mcpd/search/index.h"
#include "mcpd/transport/sse_hub.h"
#include "mcpd/web/site.h"
#include "shared/clock.h"
#include "shared/log/logging.h"

namespace {

struct Stack {
  std::unique_ptr<mcpd::protocol::Server> mcp;
  std::unique_ptr<mcpd::transport::SessionRegistry> registry;
  std::unique_ptr<mcpd::transport::SseHub> hub;
  std::unique_ptr<mcpd::transport::TransportContext> transports;
  std::unique_ptr<mcpd::web::Site> site;
  std::unique_ptr<mcpd::http::Server> server;
  std::uint16_t port = 0;
};

Stack* g_stack = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_stack = new Stack;  // lives for the whole run
  g_stack->mcp = fuzz::buildFuzzServer();
  g_stack->registry = std::make_unique<mcpd::transport::SessionRegistry>(
      mcpd::transport::RegistryLimits{}, shared::SystemClock::instance());
  g_stack->hub = std::make_unique<mcpd::transport::SseHub>(mcpd::transport::SseHub::Options{});
  if (!g_stack->hub->start()) std::abort();
  g_stack->transports = std::make_unique<mcpd::transport::TransportContext>(
      *g_stack->mcp, *g_stack->registry, mcpd::transport::TransportOptions{.max_body_bytes = 65536},
      g_stack->hub.get());
  auto index = mcpd::search::Index::build(
      std::make_shared<const mcpd::corpus::Corpus>(mcpd::corpus::builtinCorpus()));
  if (!index) std::abort();
  g_stack->site = std::make_unique<mcpd::web::Site>(
      mcpd::web::Site{.library = std::make_shared<mcpd::docs::Library>(*index)});
  g_stack->server = std::make_unique<mcpd::http::Server>(
      mcpd::http::ServerOptions{.listen = {"127.0.0.1", 0}, .threads = 8, .queue = 64},
      new mcpd::http::Router(g_stack->transports.get(), mcpd::http::RequestGuard({}, {}, true), {},
                             g_stack->site.get()));
  if (!g_stack->server->start()) std::abort();
  g_stack->port = g_stack->server->boundAddress().port;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    Poco::Net::StreamSocket socket;
    socket.connect(Poco::Net::SocketAddress("127.0.0.1", g_stack->port));
    socket.setReceiveTimeout(Poco::Timespan(2, 0));
    if (size > 0) socket.sendBytes(data, static_cast<int>(size));
    socket.shutdownSend();
    char buffer[4096];
    try {
      while (socket.receiveBytes(buffer, sizeof buffer) > 0) {
      }
    } catch (const Poco::TimeoutException&) {
      // An SSE stream stays open; the client side just leaves.
    } catch (const Poco::Net::NetException&) {
    }
  }
  // The server must still serve.
  Poco::Net::HTTPClientSession client("127.0.0.1", g_stack->port);
  client.setTimeout(Poco::Timespan(5, 0));
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/healthz",
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  client.sendRequest(request);
  Poco::Net::HTTPResponse response;
  client.receiveResponse(response);
  if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK) std::abort();
  return 0;
}
