// HttpServer over real loopback sockets: slow and idle clients hold no worker, deadlines
// answer 408, the per-client cap, keep-alive through the front, and a body left unread
// never becomes a second request; trusted proxies' headers and PROXY protocol headers.

#include "shared/http/http_server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "shared/http/request_origin.h"

using namespace std::chrono_literals;

namespace {

std::atomic<int> g_second_requests{0};
std::atomic<bool> g_release_block{true};  // "/block" holds its worker until this is true

class Echo final : public Poco::Net::HTTPRequestHandler {
 public:
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    if (request.getURI() == "/second") ++g_second_requests;
    while (request.getURI() == "/block" && !g_release_block) std::this_thread::sleep_for(5ms);
    std::string body = "path " + request.getURI() + "\n";
    if (request.getURI() == "/client") {
      const auto origin = shared::http::originOf(request);
      body = "client " + origin.client + " " + origin.scheme + " " + origin.host + "\n";
    }
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.send() << body;
  }
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Echo;
  }
};

struct Fixture {
  explicit Fixture(shared::http::ServeOptions options = defaults()) {
    Poco::Net::ServerSocket listener(Poco::Net::SocketAddress("127.0.0.1", 0));
    port = listener.address().port();
    server = std::make_unique<shared::http::HttpServer>(listener, std::move(options), new Factory);
    server->start();
  }
  static shared::http::ServeOptions defaults() {
    shared::http::ServeOptions options;
    options.threads = 2;
    options.queue = 16;
    options.header_timeout = 600ms;
    options.idle_timeout = 1500ms;
    return options;
  }
  Poco::Net::StreamSocket connect() const {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    return socket;
  }
  std::uint16_t port = 0;
  std::unique_ptr<shared::http::HttpServer> server;
};

void sendText(Poco::Net::StreamSocket& socket, const std::string& text) {
  socket.sendBytes(text.data(), static_cast<int>(text.size()));
}

// Everything the server sends until it closes the connection (or 5 s pass).
std::string readToClose(Poco::Net::StreamSocket& socket) {
  std::string all;
  char buffer[4096];
  try {
    while (true) {
      const int n = socket.receiveBytes(buffer, sizeof buffer);
      if (n <= 0) break;
      all.append(buffer, static_cast<std::size_t>(n));
    }
  } catch (const Poco::Exception&) {
  }
  return all;
}

// One response (head plus Content-Length body) from a kept-alive connection.
std::string readResponse(Poco::Net::StreamSocket& socket) {
  std::string all;
  char buffer[4096];
  while (true) {
    const auto end = all.find("\r\n\r\n");
    if (end != std::string::npos) {
      const auto at = all.find("Content-Length: ");
      const std::size_t length = at == std::string::npos ? 0 : std::stoul(all.substr(at + 16));
      if (all.size() >= end + 4 + length) return all.substr(0, end + 4 + length);
    }
    const int n = socket.receiveBytes(buffer, sizeof buffer);
    if (n <= 0) return all;
    all.append(buffer, static_cast<std::size_t>(n));
  }
}

std::string get(const Fixture& fixture, const std::string& path) {
  auto socket = fixture.connect();
  sendText(socket, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  return readToClose(socket);
}

}  // namespace

TEST_CASE("http server serves others while many clients send half a request", "[http]") {
  Fixture fixture;  // two workers
  std::vector<Poco::Net::StreamSocket> slow;
  for (int i = 0; i < 40; ++i) {
    slow.push_back(fixture.connect());
    sendText(slow.back(), "GET /slow HTTP/1.1\r\nHost: loc");
  }
  std::vector<Poco::Net::StreamSocket> silent;
  for (int i = 0; i < 40; ++i) silent.push_back(fixture.connect());

  const auto start = std::chrono::steady_clock::now();
  CHECK(get(fixture, "/fast").find("HTTP/1.1 200") == 0);
  CHECK(std::chrono::steady_clock::now() - start < 1s);

  // Past the head deadline the half-sent requests get 408 and are closed.
  const std::string answer = readToClose(slow.front());
  CHECK(answer.find("HTTP/1.1 408") == 0);
  CHECK(std::chrono::steady_clock::now() - start < 3s);
}

TEST_CASE("http server keeps a connection alive across an idle pause", "[http]") {
  Fixture fixture;
  auto socket = fixture.connect();
  sendText(socket, "GET /one HTTP/1.1\r\nHost: localhost\r\n\r\n");
  CHECK(readResponse(socket).find("path /one") != std::string::npos);
  // Longer than a worker lingers: the connection waits in the front meanwhile.
  std::this_thread::sleep_for(100ms);  // the pause is what this test is about
  sendText(socket, "GET /two HTTP/1.1\r\nHost: localhost\r\n\r\n");
  CHECK(readResponse(socket).find("path /two") != std::string::npos);
  // Pipelined: two requests in one write, two answers in order.
  sendText(socket,
           "GET /three HTTP/1.1\r\nHost: localhost\r\n\r\nGET /four HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string both;
  char buffer[4096];
  while (both.find("path /four") == std::string::npos) {
    const int n = socket.receiveBytes(buffer, sizeof buffer);
    if (n <= 0) break;
    both.append(buffer, static_cast<std::size_t>(n));
  }
  CHECK(both.find("path /three") != std::string::npos);
  CHECK(both.find("path /four") > both.find("path /three"));
  CHECK(both.find("path /four") != std::string::npos);
}

TEST_CASE("http server never serves a GET body as a second request", "[http]") {
  Fixture fixture;
  g_second_requests = 0;
  auto socket = fixture.connect();
  const std::string smuggled = "GET /second HTTP/1.1\r\nHost: localhost\r\n\r\n";
  sendText(socket, "GET /first HTTP/1.1\r\nHost: localhost\r\nContent-Length: " +
                       std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled +
                       "GET /third HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  const std::string all = readToClose(socket);
  CHECK(all.find("path /first") != std::string::npos);
  CHECK(all.find("path /third") != std::string::npos);
  CHECK(all.find("path /second") == std::string::npos);
  CHECK(g_second_requests == 0);
}

TEST_CASE("http server answers a malformed head with an error body and closes", "[http]") {
  Fixture fixture;
  auto socket = fixture.connect();
  sendText(socket, "GET / HTTP/9.9\r\nHost: localhost\r\n\r\n");
  const std::string answer = readToClose(socket);
  CHECK(answer.find("HTTP/1.1 505") == 0);
  CHECK(answer.find("Connection: Close") != std::string::npos);
  CHECK(answer.find("use HTTP/1.1") != std::string::npos);

  auto length = fixture.connect();
  sendText(length, "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1x\r\n\r\n");
  const std::string refused = readToClose(length);
  CHECK(refused.find("HTTP/1.1 400") == 0);
  CHECK(refused.find("malformed Content-Length") != std::string::npos);

  auto big = fixture.connect();
  sendText(big, "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\n");
  CHECK(readToClose(big).find("HTTP/1.1 431") == 0);
}

TEST_CASE("http server closes connections past the per-client cap at once", "[http]") {
  auto options = Fixture::defaults();
  options.max_connections_per_client = 3;
  Fixture fixture(options);
  std::vector<Poco::Net::StreamSocket> held;
  for (int i = 0; i < 3; ++i) held.push_back(fixture.connect());
  auto extra = fixture.connect();
  sendText(extra, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
  CHECK(readToClose(extra).empty());
  held.pop_back();
  held.back().close();  // frees a place (once the server sees it)
  bool served = false;
  for (int attempt = 0; attempt < 50 && !served; ++attempt) {
    served = get(fixture, "/again").find("HTTP/1.1 200") == 0;
    if (!served) std::this_thread::sleep_for(20ms);  // polling the server's view, with a bound
  }
  CHECK(served);
}

namespace {

shared::http::ServeOptions behindProxy(const char* trusted, bool proxy_protocol) {
  auto options = Fixture::defaults();
  options.trusted_proxies = shared::net::AddressSet::parse({trusted}).value();
  options.proxy_protocol = proxy_protocol;
  return options;
}

const std::string kClientRequest =
    "GET /client HTTP/1.1\r\nHost: docs.example\r\nConnection: close\r\n\r\n";

std::string viaProxyHeader(const Fixture& fixture, const std::string& header) {
  auto socket = fixture.connect();
  sendText(socket, header + kClientRequest);
  return readToClose(socket);
}

}  // namespace

TEST_CASE("http server takes client and scheme from a trusted proxy's headers only", "[http]") {
  const std::string forwarded =
      "GET /client HTTP/1.1\r\nHost: docs.example\r\nX-Forwarded-For: 192.0.2.9\r\n"
      "X-Forwarded-Proto: https\r\nConnection: close\r\n\r\n";
  Fixture trusting(behindProxy("127.0.0.1", false));
  auto socket = trusting.connect();
  sendText(socket, forwarded);
  CHECK_THAT(readToClose(socket), Catch::EndsWith("client 192.0.2.9 https docs.example\n"));

  Fixture other(behindProxy("10.0.0.0/8", false));
  auto direct = other.connect();
  sendText(direct, forwarded);
  CHECK_THAT(readToClose(direct), Catch::EndsWith("client 127.0.0.1 http docs.example\n"));
}

TEST_CASE("http server with the proxy protocol serves the client its header names", "[http]") {
  Fixture fixture(behindProxy("127.0.0.1", true));
  CHECK_THAT(viaProxyHeader(fixture, "PROXY TCP4 192.0.2.7 127.0.0.1 4711 80\r\n"),
             Catch::EndsWith("client 192.0.2.7 http docs.example\n"));
  const std::string v2(
      "\r\n\r\n\0\r\nQUIT\n\x21\x11\x00\x0c\xc0\x00\x02\x08\x7f\x00\x00\x01\x12\x67"
      "\x00\x50",
      28);
  CHECK_THAT(viaProxyHeader(fixture, v2), Catch::EndsWith("client 192.0.2.8 http docs.example\n"));
  // LOCAL / UNKNOWN: the proxy speaks for itself.
  CHECK_THAT(viaProxyHeader(fixture, "PROXY UNKNOWN\r\n"),
             Catch::EndsWith("client 127.0.0.1 http docs.example\n"));
  // No header, or a bad one: closed without an answer.
  CHECK(viaProxyHeader(fixture, "").empty());
  CHECK(viaProxyHeader(fixture, "PROXY TCP4 192.0.2.7 x 1 2\r\n").empty());
}

TEST_CASE("http server with the proxy protocol closes untrusted peers at once", "[http]") {
  Fixture fixture(behindProxy("10.0.0.0/8", true));
  CHECK(viaProxyHeader(fixture, "PROXY TCP4 192.0.2.7 127.0.0.1 4711 80\r\n").empty());
  CHECK(fixture.server->frontStats().refused >= 1);
}

TEST_CASE("http server closes a half-sent proxy header at the head deadline", "[http]") {
  Fixture fixture(behindProxy("127.0.0.1", true));  // header_timeout 600 ms
  auto socket = fixture.connect();
  const auto start = std::chrono::steady_clock::now();
  sendText(socket, "PROXY TCP4 192.0.2");
  CHECK(readToClose(socket).empty());
  const auto waited = std::chrono::steady_clock::now() - start;
  CHECK(waited >= 500ms);
  CHECK(waited < 3s);
  CHECK(fixture.server->frontStats().timed_out == 1);
}

TEST_CASE("http server caps the clients a proxy header names, never the proxy", "[http]") {
  auto options = behindProxy("127.0.0.1", true);
  options.max_connections_per_client = 2;
  Fixture fixture(options);
  const std::string client = "PROXY TCP4 192.0.2.7 127.0.0.1 4711 80\r\n";
  std::vector<Poco::Net::StreamSocket> held;
  for (int i = 0; i < 2; ++i) {
    held.push_back(fixture.connect());
    sendText(held.back(), client + "GET / HTTP/1.1\r\n");  // half a request: holds its place
  }
  // The server counts the held ones once it has read their headers: poll, with a bound.
  bool refused = false;
  for (int attempt = 0; attempt < 50 && !refused; ++attempt) {
    refused = viaProxyHeader(fixture, client).empty();
    if (!refused) std::this_thread::sleep_for(20ms);
  }
  CHECK(refused);
  CHECK_THAT(viaProxyHeader(fixture, "PROXY TCP4 192.0.2.99 127.0.0.1 4711 80\r\n"),
             Catch::EndsWith("client 192.0.2.99 http docs.example\n"));
  // The proxy's own connections (four, past a cap of two) are not capped.
  std::vector<Poco::Net::StreamSocket> own;
  for (int i = 0; i < 4; ++i) {
    own.push_back(fixture.connect());
    sendText(own.back(), "PROXY UNKNOWN\r\nGET / HTTP/1.1\r\n");
  }
  CHECK_THAT(viaProxyHeader(fixture, "PROXY UNKNOWN\r\n"),
             Catch::EndsWith("client 127.0.0.1 http docs.example\n"));
}

TEST_CASE("http server answers quick paths in the front, while every worker is busy too",
          "[http]") {
  shared::http::ServeOptions options = Fixture::defaults();
  options.threads = 1;
  options.quick_answers = [](std::string_view path) -> std::optional<shared::http::QuickAnswer> {
    if (path == "/quick") return shared::http::QuickAnswer{.body = "quick\n"};
    return std::nullopt;
  };
  Fixture fixture(options);
  g_release_block = false;
  auto busy = fixture.connect();
  sendText(busy, "GET /block HTTP/1.1\r\nHost: localhost\r\n\r\n");

  // The only worker is held; quick answers still come, pipelined ones in order.
  auto probe = fixture.connect();
  sendText(probe,
           "GET /quick HTTP/1.1\r\nHost: localhost\r\n\r\n"
           "HEAD /quick?x=1 HTTP/1.1\r\nHost: localhost\r\n\r\n");
  std::string both;
  char buffer[4096];
  while (!both.ends_with("Content-Length: 6\r\n\r\n")) {  // the HEAD answer ends both
    const int n = probe.receiveBytes(buffer, sizeof buffer);
    if (n <= 0) break;
    both.append(buffer, static_cast<std::size_t>(n));
  }
  const auto second = both.find("HTTP/1.1 200 OK\r\n", 1);
  REQUIRE(second != std::string::npos);
  const std::string first = both.substr(0, second);
  CHECK(first.find("HTTP/1.1 200 OK\r\n") == 0);
  CHECK(first.find("Connection: Keep-Alive\r\n") != std::string::npos);
  CHECK(first.find("Date: ") != std::string::npos);
  CHECK(first.ends_with("Content-Length: 6\r\n\r\nquick\n"));
  CHECK(both.find("quick\n", second) == std::string::npos);  // HEAD: the length, no body

  // A quick path with a body, or a head checkRequest() refuses, is a worker's to answer.
  auto bodied = fixture.connect();
  sendText(bodied, "GET /quick HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\nab");
  auto hosts = fixture.connect();
  sendText(hosts, "GET /quick HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
  g_release_block = true;
  CHECK(readResponse(busy).find("path /block") != std::string::npos);
  CHECK(readResponse(bodied).find("path /quick") != std::string::npos);
  CHECK(readToClose(hosts).find("HTTP/1.1 400") == 0);

  // Quick and worker-served requests mixed on one connection keep their order.
  sendText(probe,
           "GET /quick HTTP/1.1\r\nHost: localhost\r\n\r\n"
           "GET /w HTTP/1.1\r\nHost: localhost\r\n\r\n"
           "GET /quick HTTP/1.0\r\n\r\n");
  const std::string mixed = readToClose(probe);
  const auto w = mixed.find("path /w");
  CHECK(mixed.find("quick\n") < w);
  CHECK(w != std::string::npos);
  // The last one may be served by the worker that served /w (this factory's own answer).
  CHECK(mixed.rfind("HTTP/1.0 200 OK\r\n") > w);
  CHECK(fixture.server->frontStats().quick >= 2);

  // Many pipelined at once: the front answers a burst, a worker the rest, all in order.
  auto flood = fixture.connect();
  std::string many;
  for (int i = 0; i < 100; ++i) many += "GET /quick HTTP/1.1\r\nHost: localhost\r\n\r\n";
  sendText(flood, many + "GET /last HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  const std::string answers = readToClose(flood);
  std::size_t count = 0;
  for (auto at = answers.find("HTTP/1.1 200 OK"); at != std::string::npos;
       at = answers.find("HTTP/1.1 200 OK", at + 1))
    ++count;
  CHECK(count == 101);
  CHECK(answers.ends_with("path /last\n"));
}
