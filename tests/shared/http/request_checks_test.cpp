#include "shared/http/request_checks.h"

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <catch2/catch.hpp>
#include <optional>
#include <string>

using shared::http::checkRequest;
using shared::http::isValidHost;
using shared::http::Refusal;

namespace {

// Parses `head` with Poco's own request parser (over a loopback socket pair, as the server
// does) and runs the checks on the result.
std::optional<Refusal> check(const std::string& head) {
  Poco::Net::ServerSocket listener(Poco::Net::SocketAddress("127.0.0.1", 0));
  Poco::Net::StreamSocket client(listener.address());
  Poco::Net::StreamSocket server = listener.acceptConnection();
  client.sendBytes(head.data(), static_cast<int>(head.size()));
  client.shutdownSend();
  Poco::Net::HTTPServerParams::Ptr params(new Poco::Net::HTTPServerParams);
  Poco::Net::HTTPServerSession session(server, params);
  Poco::Net::HTTPServerResponseImpl response(session);
  Poco::Net::HTTPServerRequestImpl request(response, session, params.get());
  return checkRequest(request);
}

int statusOf(const std::string& head) {
  const auto refusal = check(head);
  return refusal ? refusal->status : 0;
}

}  // namespace

TEST_CASE("request checks pass an ordinary request", "[http]") {
  CHECK(statusOf("GET /healthz HTTP/1.1\r\nHost: localhost:8080\r\n\r\n") == 0);
  CHECK(statusOf("POST /mcp HTTP/1.1\r\nHost: [::1]:80\r\nContent-Length: 0\r\n\r\n") == 0);
  CHECK(statusOf("GET / HTTP/1.0\r\n\r\n") == 0);  // HTTP/1.0 may omit Host
  CHECK(statusOf("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\n\r\n") == 0);
}

TEST_CASE("request checks answer an unknown HTTP version with 505", "[http]") {
  CHECK(statusOf("GET / HTTP/9.9\r\nHost: a\r\n\r\n") == 505);
  CHECK(statusOf("GET / HTTP/2.0\r\nHost: a\r\n\r\n") == 505);
  CHECK(statusOf("GET / FOO/1.1\r\nHost: a\r\n\r\n") == 400);
}

TEST_CASE("request checks refuse a missing, empty, doubled or invalid Host with 400", "[http]") {
  CHECK(statusOf("GET / HTTP/1.1\r\n\r\n") == 400);
  CHECK(statusOf("GET / HTTP/1.1\r\nHost:\r\n\r\n") == 400);
  CHECK(statusOf("GET / HTTP/1.1\r\nHost : localhost\r\n\r\n") == 400);
  CHECK(statusOf("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") == 400);
  CHECK(statusOf("GET / HTTP/1.1\r\nHost: localhost:80@evil\r\n\r\n") == 400);
}

TEST_CASE("request checks refuse Transfer-Encoding other than chunked with 501", "[http]") {
  CHECK(statusOf("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n") == 501);
  CHECK(statusOf("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity, chunked\r\n\r\n") ==
        501);
  CHECK(statusOf("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                 "Content-Length: 3\r\n\r\n") == 400);
}

TEST_CASE("request checks refuse a malformed Content-Length with 400", "[http]") {
  CHECK(statusOf("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n") == 400);
  CHECK(statusOf("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") ==
        400);
}

TEST_CASE("request checks want a length for a POST body", "[http]") {
  CHECK(statusOf("POST /mcp HTTP/1.1\r\nHost: a\r\n\r\n") == 411);
  CHECK(statusOf("POST /mcp HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n") == 0);
  CHECK(statusOf("DELETE /mcp HTTP/1.1\r\nHost: a\r\n\r\n") == 0);
}

TEST_CASE("request checks refuse control bytes in a header value and bad escapes", "[http]") {
  CHECK(statusOf(std::string("GET / HTTP/1.1\r\nHost: a\r\nX-A: b\0c\r\n\r\n", 36)) == 400);
  CHECK(statusOf("GET /message?sessionId=%zz HTTP/1.1\r\nHost: a\r\n\r\n") == 400);
  CHECK(statusOf("GET /a%2 HTTP/1.1\r\nHost: a\r\n\r\n") == 400);
}

TEST_CASE("a valid Host is a name, IPv4 or bracketed IPv6 with an optional numeric port",
          "[http]") {
  CHECK(isValidHost("localhost"));
  CHECK(isValidHost("example.com:443"));
  CHECK(isValidHost("[::1]:8080"));
  CHECK_FALSE(isValidHost("localhost:80@evil"));
  CHECK_FALSE(isValidHost("evil.example\\@localhost"));
  CHECK_FALSE(isValidHost("a b"));
  CHECK_FALSE(isValidHost(":80"));
  CHECK_FALSE(isValidHost("[::1"));
  CHECK_FALSE(isValidHost("a:8x"));
}
