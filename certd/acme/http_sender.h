#pragma once

// HttpSender: the HTTPS transport of the ACME client. It keeps ONE Poco
// HTTPSClientSession alive for the whole run (RFC 8555 flows are ~10 requests to one host),
// reconnecting only when the server closed the connection or the host changes. Trusts
// the system roots plus an optional extra CA bundle (Pebble's test CA). Sends
// User-Agent certd/<version> (RFC 8555 §6.1). Counts requests and connections, and logs
// each request at debug level on the "certd.acme" logger, and in the process-wide
// request_metrics.h counters (errors by ACME problem type).
//
// Not thread-safe: one flow owns one sender. Network failures come back as kUnavailable
// with Poco's text; HTTP error statuses are returned as responses, not errors.

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPSClientSession.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shared/result.h"

namespace certd::acme {

struct HttpResponse {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // in arrival order

  // The first header named `name` (case-insensitive), or "".
  std::string header(std::string_view name) const;
  // Every header named `name`, in order.
  std::vector<std::string> headerValues(std::string_view name) const;
};

class HttpSender {
 public:
  struct Options {
    std::string ca_bundle;  // PEM file of extra trusted CAs; "" for system roots only
    std::chrono::seconds timeout{30};
    std::size_t max_body = 4 << 20;  // larger bodies fail (a CA never sends that much)
  };

  // Sets up the TLS context; throws Poco exceptions when the CA bundle cannot be read
  // (control plane: happens once at start).
  explicit HttpSender(Options options);
  ~HttpSender();

  // One request. `method` is GET, HEAD or POST; `body` is sent with `content_type` when not
  // empty. Fails (kInvalidArgument) for a non-https URL, (kUnavailable) on network errors.
  shared::Result<HttpResponse> send(const std::string& method, const std::string& url,
                                    std::string_view body = {}, std::string_view content_type = {},
                                    std::string_view accept = {});

  int requestCount() const { return requests_; }
  int connectionCount() const { return connections_; }

 private:
  shared::Result<HttpResponse> sendOnce(const std::string& method, const std::string& url,
                                        std::string_view body, std::string_view content_type,
                                        std::string_view accept, bool& reused);

  Options options_;
  Poco::Net::Context::Ptr context_;
  std::unique_ptr<Poco::Net::HTTPSClientSession> session_;
  std::string session_authority_;  // host:port of session_
  int requests_ = 0;
  int connections_ = 0;
};

}  // namespace certd::acme
