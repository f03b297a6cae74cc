#include "tests/mcpd/support/http_test_client.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <catch2/catch.hpp>
#include <istream>

#include "mcpd/http/request_guard.h"
#include "mcpd/http/router.h"
#include "tests/mcpd/support/test_server.h"

namespace testing {
namespace {

using Poco::Net::HTTPRequest;

// A fixed, arbitrary start: nothing in the transports depends on the wall clock.
constexpr auto kClockStart =
    std::chrono::system_clock::time_point(std::chrono::hours(24 * 365 * 55));

// Longest a test waits for one response; a hang fails the test instead of the run.
const Poco::Timespan kResponseTimeout(10, 0);

std::unique_ptr<Poco::Net::HTTPClientSession> connect(std::uint16_t port) {
  auto session = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", port);
  session->setTimeout(kResponseTimeout);
  return session;
}

HTTPRequest makeRequest(const HttpCall& call) {
  HTTPRequest request(call.method, call.path, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : call.headers) request.set(name, value);
  if (call.body) {
    if (call.chunked) {
      request.setChunkedTransferEncoding(true);
    } else {
      request.setContentLength(static_cast<std::streamsize>(call.body->size()));
    }
  }
  return request;
}

}  // namespace

TestHttpStack::TestHttpStack(StackOptions options)
    : clock_(kClockStart),
      mcp_(options.server ? std::move(options.server) : makeTestServer()),
      registry_(options.limits, clock_),
      hub_(options.sse_hub
               ? std::make_unique<mcpd::transport::SseHub>(
                     mcpd::transport::SseHub::Options{.keepalive = options.transport.keepalive})
               : nullptr),
      context_(*mcp_, registry_, options.transport, hub_.get()),
      server_({.listen = {"127.0.0.1", 0}, .threads = 16, .queue = 64},
              new mcpd::http::Router(
                  &context_,
                  mcpd::http::RequestGuard(options.allowed_hosts, options.allowed_origins,
                                           options.loopback_listener),
                  {}, options.site)) {
  if (hub_) REQUIRE(hub_->start().isOk());
  const shared::Status started = server_.start();
  INFO(started.message());
  REQUIRE(started);
  port_ = server_.boundAddress().port;
  REQUIRE(port_ != 0);
}

TestHttpStack::~TestHttpStack() {
  stop();
}

void TestHttpStack::stop() {
  context_.stopping = true;
  if (hub_) hub_->stop();
  registry_.clear();
  server_.stop();
}

std::string HttpReply::mediaType() const {
  const std::string value = header("Content-Type");
  return Poco::toLower(Poco::trim(value.substr(0, value.find(';'))));
}

HttpReply sendHttp(std::uint16_t port, const HttpCall& call) {
  HttpReply reply;
  try {
    auto session = connect(port);
    HTTPRequest request = makeRequest(call);
    std::ostream& out = session->sendRequest(request);
    if (call.body) out << *call.body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session->receiveResponse(response);
    reply.status = response.getStatus();
    for (const auto& [name, value] : response) reply.headers.add(name, value);
    Poco::StreamCopier::copyToString(in, reply.body);
  } catch (const Poco::Exception& e) {
    FAIL(call.method << " " << call.path << ": " << e.displayText());
  }
  return reply;
}

Headers mcpHeaders(const std::string& session_id) {
  Headers headers = {{"Accept", "application/json, text/event-stream"},
                     {"Content-Type", "application/json"}};
  if (!session_id.empty()) headers.emplace_back("Mcp-Session-Id", session_id);
  return headers;
}

HttpReply postMcp(std::uint16_t port, const std::string& body, const std::string& session_id,
                  const Headers& extra) {
  HttpCall call{.method = "POST", .path = "/mcp", .headers = mcpHeaders(session_id), .body = body};
  for (const auto& header : extra) {
    std::erase_if(call.headers,
                  [&](const auto& h) { return Poco::icompare(h.first, header.first) == 0; });
    call.headers.push_back(header);
  }
  return sendHttp(port, call);
}

std::string initializeBody(int id, const std::string& version) {
  return requestBody(
      std::to_string(id), "initialize",
      R"({"protocolVersion":")" + version +
          R"(","capabilities":{},"clientInfo":{"name":"transport-test","version":"1"}})");
}

std::string requestBody(const std::string& id_json, const std::string& method,
                        const std::string& params) {
  return R"({"jsonrpc":"2.0","id":)" + id_json + R"(,"method":")" + method + R"(","params":)" +
         params + "}";
}

std::string notificationBody(const std::string& method) {
  return R"({"jsonrpc":"2.0","method":")" + method + R"("})";
}

std::string openSession(std::uint16_t port) {
  const HttpReply init = postMcp(port, initializeBody());
  INFO(init.body);
  REQUIRE(init.status == 200);
  REQUIRE(init.has("Mcp-Session-Id"));
  const std::string id = init.header("Mcp-Session-Id");
  const HttpReply initialized = postMcp(port, notificationBody("notifications/initialized"), id);
  REQUIRE(initialized.status == 202);
  return id;
}

Poco::JSON::Object::Ptr parseObject(const std::string& text) {
  try {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception& e) {
    FAIL("not a JSON object: " << e.displayText() << ": " << text);
  }
  return nullptr;
}

int requireJsonRpcError(const std::string& body) {
  INFO("body: " << body);
  const auto object = parseObject(body);
  REQUIRE(object->optValue<std::string>("jsonrpc", "") == "2.0");
  REQUIRE(object->has("id"));
  const auto error = object->getObject("error");
  REQUIRE(error);
  REQUIRE(error->get("code").isInteger());
  REQUIRE(error->get("message").isString());
  return error->getValue<int>("code");
}

void checkPrimingEvent(const SseEvent& event) {
  CHECK_FALSE(event.id.empty());
  CHECK(event.retry.has_value());
  CHECK(event.has_data);
  CHECK(event.data.empty());
  CHECK(event.event.empty());
}

std::vector<SseEvent> parseEventStream(const std::string& body) {
  std::vector<SseEvent> events;
  SseEvent current;
  bool any = false;
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    std::string line = body.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (any) events.push_back(std::move(current));
      current = {};
      any = false;
    } else if (line.front() == ':') {
      current.comments.push_back(Poco::trim(line.substr(1)));
      any = true;
    } else if (line.starts_with("id:")) {
      current.id = Poco::trim(line.substr(3));
      any = true;
    } else if (line.starts_with("retry:")) {
      current.retry = std::stoi(line.substr(6));
      any = true;
    } else if (line.starts_with("event:")) {
      current.event = Poco::trim(line.substr(6));
      any = true;
    } else if (line.starts_with("data:")) {
      std::string data = line.substr(5);
      if (data.starts_with(' ')) data.erase(0, 1);
      current.data += current.has_data ? "\n" + data : data;
      current.has_data = true;
      any = true;
    }
  }
  if (any) events.push_back(std::move(current));
  return events;
}

SseReader::SseReader(std::uint16_t port, const std::string& path, const Headers& headers) {
  try {
    session_ = connect(port);
    HTTPRequest request = makeRequest({.method = "GET", .path = path, .headers = headers});
    session_->sendRequest(request);
    body_ = &session_->receiveResponse(response_);
  } catch (const Poco::Exception& e) {
    FAIL("GET " << path << ": " << e.displayText());
  }
}

SseReader::~SseReader() {
  close();
}

std::string SseReader::readBody() {
  std::string body;
  if (body_ != nullptr) Poco::StreamCopier::copyToString(*body_, body);
  return body;
}

std::optional<SseEvent> SseReader::next(std::chrono::milliseconds within) {
  if (body_ == nullptr) return std::nullopt;
  const auto deadline = std::chrono::steady_clock::now() + within;
  std::string block;
  std::string line;
  while (true) {
    const auto remaining = std::chrono::duration_cast<std::chrono::microseconds>(
        deadline - std::chrono::steady_clock::now());
    if (remaining.count() <= 0) break;
    try {
      session_->socket().setReceiveTimeout(Poco::Timespan(remaining.count()));
    } catch (const Poco::Exception&) {
      break;
    }
    // A receive timeout surfaces as a failed stream (std::istream turns the exception
    // into badbit), which ends the reader: the caller's deadline has passed.
    if (!std::getline(*body_, line)) break;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (block.empty()) continue;
      auto events = parseEventStream(block);
      if (!events.empty()) return events.front();
      block.clear();
      continue;
    }
    block += line + "\n";
  }
  body_ = nullptr;
  return std::nullopt;
}

std::optional<SseEvent> SseReader::nextEvent(std::chrono::milliseconds within) {
  const auto deadline = std::chrono::steady_clock::now() + within;
  while (true) {
    const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (remaining.count() <= 0) return std::nullopt;
    auto event = next(remaining);
    if (!event || !event->isComment()) return event;
  }
}

void SseReader::close() {
  body_ = nullptr;
  if (session_) {
    try {
      session_->abort();
    } catch (const Poco::Exception&) {
    }
    session_.reset();
  }
}

}  // namespace testing
