// Fuzzes a whole HTTP request through mcpd's server: the bytes are sent as-is to the real
// Poco HTTP server with mcpd's router, transports and landing page (over the built-in
// docs, so query strings reach the search) on a loopback port, and the server
// must answer or close, never crash, leak or stop serving. A health check after each
// input proves it still serves. The fuzzer's own address is a trusted proxy, so Forwarded
// and X-Forwarded-* headers in an input are believed and parsed (shared/http/forwarded.h);
// an input that starts like a PROXY protocol header goes to a second server that requires
// one (shared/http/proxy_protocol.h, read in the front thread before HTTP).

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz/fuzz_server.h"
#include "mcpd/corpus/builtin.h"
#include "mcpd/http/router.h"
#include "mcpd/http/server.h"
#include "mcpd/search/index.h"
#include "mcpd/transport/sse_hub.h"
#include "mcpd/web/site.h"
#include "shared/clock.h"
#include "shared/log/logging.h"
#include "shared/net/address_set.h"

namespace {

struct Stack {
  std::unique_ptr<mcpd::protocol::Server> mcp;
  std::unique_ptr<mcpd::transport::SessionRegistry> registry;
  std::unique_ptr<mcpd::transport::SseHub> hub;
  std::unique_ptr<mcpd::transport::TransportContext> transports;
  std::unique_ptr<mcpd::web::Site> site;
  std::unique_ptr<mcpd::http::Server> server;
  std::unique_ptr<mcpd::http::Server> proxied;  // http.proxy_protocol on
  std::uint16_t port = 0;
  std::uint16_t proxied_port = 0;
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
  const auto loopback = shared::net::AddressSet::parse({"127.0.0.0/8"}).value();
  auto serve = [&](bool proxy_protocol) {
    auto server = std::make_unique<mcpd::http::Server>(
        mcpd::http::ServerOptions{.listen = {"127.0.0.1", 0},
                                  .threads = 8,
                                  .queue = 64,
                                  .trusted_proxies = loopback,
                                  .proxy_protocol = proxy_protocol},
        new mcpd::http::Router(g_stack->transports.get(), mcpd::http::RequestGuard({}, {}, true),
                               {}, g_stack->site.get()));
    if (!server->start()) std::abort();
    return server;
  };
  g_stack->server = serve(false);
  g_stack->port = g_stack->server->boundAddress().port;
  g_stack->proxied = serve(true);
  g_stack->proxied_port = g_stack->proxied->boundAddress().port;
  return 0;
}

namespace {

// Sends `size` bytes to `port`, then reads until the server closes or goes quiet.
void exchange(std::uint16_t port, const void* data, std::size_t size) {
  Poco::Net::StreamSocket socket;
  socket.connect(Poco::Net::SocketAddress("127.0.0.1", port));
  socket.setReceiveTimeout(Poco::Timespan(2, 0));
  char buffer[4096];
  try {
    // The server may close before it has read everything (a bad PROXY header): a failed
    // send is an answer too.
    if (size > 0) socket.sendBytes(data, static_cast<int>(size));
    socket.shutdownSend();
    while (socket.receiveBytes(buffer, sizeof buffer) > 0) {
    }
  } catch (const Poco::TimeoutException&) {
    // An SSE stream stays open; the client side just leaves.
  } catch (const Poco::Net::NetException&) {
  }
}

bool startsLikeProxyHeader(std::string_view bytes) {
  static constexpr std::string_view kV2Signature{"\r\n\r\n\0\r\nQUIT\n", 12};
  return bytes.starts_with("PROXY ") || bytes.starts_with(kV2Signature);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const bool proxied = startsLikeProxyHeader(bytes);
  exchange(proxied ? g_stack->proxied_port : g_stack->port, data, size);
  // The server must still serve.
  Poco::Net::HTTPClientSession client("127.0.0.1", g_stack->port);
  client.setTimeout(Poco::Timespan(5, 0));
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/healthz",
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  client.sendRequest(request);
  Poco::Net::HTTPResponse response;
  client.receiveResponse(response);
  if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK) std::abort();
  if (proxied) {  // and so must the one behind the PROXY header
    Poco::Net::StreamSocket socket;
    socket.connect(Poco::Net::SocketAddress("127.0.0.1", g_stack->proxied_port));
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    const std::string health =
        "PROXY TCP4 192.0.2.7 127.0.0.1 4711 80\r\nGET /healthz HTTP/1.1\r\nHost: localhost\r\n"
        "Connection: close\r\n\r\n";
    socket.sendBytes(health.data(), static_cast<int>(health.size()));
    char reply[12] = {};
    int got = 0;
    while (got < 12) {
      const int n = socket.receiveBytes(reply + got, 12 - got);
      if (n <= 0) break;
      got += n;
    }
    if (std::string_view(reply, got) != "HTTP/1.1 200") std::abort();
  }
  return 0;
}
