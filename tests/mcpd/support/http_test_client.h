#pragma once

// Helpers for tests that run mcpd's real HTTP stack in-process and talk to it over
// loopback:
//   TestHttpStack  http::Server + http::Router + TransportContext + SessionRegistry (and
//                  optionally an SseHub) over testing::makeTestServer() or a given
//                  protocol::Server, listening on 127.0.0.1 port 0; the registry runs on a
//                  ManualClock. Stopped on destruction the way mcpd's main stops.
//   sendHttp()     one request on a fresh connection; returns status, headers and body.
//   SseReader      a GET that stays open; reads Server-Sent Events with a deadline (a socket
//                  receive timeout, never a sleep).
// Every call blocks the calling test thread only; nothing here is shared between threads.

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NameValueCollection.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mcpd/http/server.h"
#include "mcpd/protocol/server.h"
#include "mcpd/transport/session_registry.h"
#include "mcpd/transport/sse_hub.h"
#include "mcpd/transport/transport_context.h"
#include "mcpd/web/site.h"
#include "shared/clock.h"

namespace testing {

struct StackOptions {
  mcpd::transport::RegistryLimits limits;
  mcpd::transport::TransportOptions transport;
  std::vector<std::string> allowed_hosts;
  std::vector<std::string> allowed_origins;
  bool loopback_listener = true;
  // Legacy SSE streams go to an SseHub (as mcpd does for plain TCP) instead of holding a
  // worker thread; the hub's keep-alive is transport.keepalive.
  bool sse_hub = false;
  std::unique_ptr<mcpd::protocol::Server> server;  // null: testing::makeTestServer()
  const mcpd::web::Site* site = nullptr;           // the landing page; must outlive the stack
};

class TestHttpStack {
 public:
  // Starts listening; fails the test when the server cannot start.
  explicit TestHttpStack(StackOptions options = {});
  ~TestHttpStack();
  TestHttpStack(const TestHttpStack&) = delete;
  TestHttpStack& operator=(const TestHttpStack&) = delete;

  std::uint16_t port() const { return port_; }
  shared::ManualClock& clock() { return clock_; }
  mcpd::transport::SessionRegistry& registry() { return registry_; }
  mcpd::transport::TransportContext& context() { return context_; }
  const mcpd::protocol::Server& mcp() const { return *mcp_; }

  // As mcpd's main does at shutdown: marks the transports stopping, stops the hub, clears
  // the registry (which ends open SSE streams), then stops the server. Idempotent.
  void stop();

 private:
  shared::ManualClock clock_;
  std::unique_ptr<mcpd::protocol::Server> mcp_;
  mcpd::transport::SessionRegistry registry_;
  std::unique_ptr<mcpd::transport::SseHub> hub_;
  mcpd::transport::TransportContext context_;
  mcpd::http::Server server_;
  std::uint16_t port_ = 0;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpCall {
  std::string method = "GET";
  std::string path = "/";
  Headers headers;
  std::optional<std::string> body;  // sent with Content-Length unless chunked
  bool chunked = false;
};

struct HttpReply {
  int status = 0;
  Poco::Net::NameValueCollection headers;
  std::string body;

  bool has(const std::string& name) const { return headers.has(name); }
  std::string header(const std::string& name) const { return headers.get(name, ""); }
  // The media type without parameters, lower-cased: "application/json".
  std::string mediaType() const;
};

// Sends one request to 127.0.0.1:`port` on a new connection ("Connection: close") and
// reads the whole response. Network errors fail the test.
HttpReply sendHttp(std::uint16_t port, const HttpCall& call);

// Streamable HTTP: the headers a conforming client sends on POST /mcp.
Headers mcpHeaders(const std::string& session_id = "");

// POST /mcp with `body`, the conforming headers and `extra` (which replace same-named ones).
HttpReply postMcp(std::uint16_t port, const std::string& body, const std::string& session_id = "",
                  const Headers& extra = {});

// JSON-RPC bodies.
std::string initializeBody(int id = 1, const std::string& version = "2025-06-18");
std::string requestBody(const std::string& id_json, const std::string& method,
                        const std::string& params = "{}");
std::string notificationBody(const std::string& method);

// Opens a Streamable HTTP session (initialize + notifications/initialized) and returns
// its id; fails the test otherwise.
std::string openSession(std::uint16_t port);

Poco::JSON::Object::Ptr parseObject(const std::string& text);

// Checks that `body` is a JSON-RPC error object ("jsonrpc":"2.0", "error" with an integer
// "code" and a string "message") and returns the code.
int requireJsonRpcError(const std::string& body);

struct SseEvent {
  std::string id;                     // the id field; empty when absent
  std::string event;                  // empty when the block had no event field
  std::optional<int> retry;           // the retry field
  std::string data;                   // data lines joined with '\n'
  std::vector<std::string> comments;  // comment lines without the leading ':'
  bool has_data = false;              // at least one data line, even an empty one
  bool isComment() const {
    return id.empty() && event.empty() && !has_data && !retry && !comments.empty();
  }
};

// Checks the priming event that opens a Streamable HTTP SSE stream (SEP-1699): an id, a
// retry interval and empty data, no event name.
void checkPrimingEvent(const SseEvent& event);

// Splits a complete event-stream body into its blocks.
std::vector<SseEvent> parseEventStream(const std::string& body);

class SseReader {
 public:
  // Sends GET `path` and reads the response head; status() says how it went.
  explicit SseReader(std::uint16_t port, const std::string& path = "/sse",
                     const Headers& headers = {});
  ~SseReader();

  int status() const { return response_.getStatus(); }
  const Poco::Net::HTTPResponse& response() const { return response_; }
  // The whole body of a response that is not an event stream (an error).
  std::string readBody();

  // The next block (event or comment) that arrives within `within`; nullopt when none
  // does or the stream ended. After nullopt the reader is spent.
  std::optional<SseEvent> next(std::chrono::milliseconds within = std::chrono::seconds(5));
  // Like next(), skipping comment-only blocks.
  std::optional<SseEvent> nextEvent(std::chrono::milliseconds within = std::chrono::seconds(5));

  // Closes the connection, as a client that goes away does.
  void close();

 private:
  std::unique_ptr<Poco::Net::HTTPClientSession> session_;
  Poco::Net::HTTPResponse response_;
  std::istream* body_ = nullptr;
};

}  // namespace testing
