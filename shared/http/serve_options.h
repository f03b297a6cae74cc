#pragma once

// ServeOptions: the limits and deadlines of one HTTP listener (HttpServer), and the body of
// the errors the server answers by itself. Plain data; copied into the server at start.

#include <Poco/Net/Context.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "shared/http/forwarded.h"
#include "shared/http/request_readiness.h"
#include "shared/net/address_set.h"

namespace shared::http {

// What the server answers with when it refuses a request itself (400, 408, 431, 505...).
struct ErrorBody {
  std::string content_type = "text/plain; charset=utf-8";
  std::string text;
};
using ErrorBodyFormatter = std::function<ErrorBody(int status, const std::string& message)>;

// A fixed-text answer to GET or HEAD of a path, which the front thread sends itself, without
// a worker (quick_answer.h): health probes, as nginx and Envoy answer them in their event
// loop. A probe then never waits for a worker, and kept-alive probes cost no thread wake.
struct QuickAnswer {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};
// The answer for `path` (no query), or nullopt when a worker should serve it. Runs on the
// front thread: it must not block or take long.
using QuickAnswers = std::function<std::optional<QuickAnswer>(std::string_view path)>;

struct ServeOptions {
  int threads = 64;             // workers: each serves one request (or a stream) at a time
  int queue = 256;              // complete requests waiting for a worker; past it: 503
  Poco::Net::Context::Ptr tls;  // null: plain HTTP
  // Between requests a connection may stay idle this long (it holds no worker meanwhile);
  // a response write waits this long for a client that does not read.
  std::chrono::milliseconds idle_timeout{15000};
  // A new connection must finish its TLS handshake and send a whole request head within
  // this; so must a kept-alive one once it sends the first byte of its next request.
  std::chrono::milliseconds header_timeout{10000};
  // A body must arrive within header_timeout plus one second per this many bytes.
  std::uint64_t body_min_rate = 1024;
  // Connections one client (IPv4 address, IPv6 /64) may hold open; 0: no cap. A trusted
  // proxy's own connections are not capped (it carries many clients).
  std::size_t max_connections_per_client = 256;
  // Peers whose Forwarded / X-Forwarded-* headers and PROXY headers are believed.
  net::AddressSet trusted_proxies;
  ForwardingSource forwarding_source = ForwardingSource::kEither;  // which of their headers
  // Every connection starts with a PROXY protocol header (v1 or v2), read before TLS within
  // header_timeout; only trusted_proxies may connect (others are closed at once).
  bool proxy_protocol = false;
  ReadinessLimits readiness;
  ErrorBodyFormatter error_body;  // null: a line of plain text
  QuickAnswers quick_answers;     // null: a worker serves every request
  std::string logger = "http";    // the logger's component name
};

}  // namespace shared::http
