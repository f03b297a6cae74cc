#pragma once

// checkRequest: what nginx refuses in a parsed request head before any handler sees it, so
// that a proxy in front and mcpd never disagree on where a request ends (request
// smuggling) or whom it is for:
//   - a version other than HTTP/1.0 or HTTP/1.1: 505 (garbage: 400);
//   - a method that is not a token, a target with control bytes or a bad %-escape: 400;
//   - a header name that is not a token ("Host :"), control bytes (NUL...) in a value: 400;
//   - HTTP/1.1 without exactly one valid Host, or any request with two: 400;
//   - Transfer-Encoding other than exactly "chunked": 501; with Content-Length too: 400;
//   - Content-Length that is not one decimal number (or several differing ones): 400;
//   - POST, PUT or PATCH with neither Content-Length nor chunked: 411.
// Pure; any thread.

#include <Poco/Net/HTTPRequest.h>

#include <optional>
#include <string>

namespace shared::http {

struct Refusal {
  int status = 400;
  std::string message;
};

std::optional<Refusal> checkRequest(const Poco::Net::HTTPRequest& request);

// A Host header value as RFC 9110 §7.2 allows it: reg-name, IPv4 or [IPv6], and an
// optional port of digits. "localhost:80@evil" and "a b" are not.
bool isValidHost(const std::string& host);

}  // namespace shared::http
