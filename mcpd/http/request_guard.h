#pragma once

// RequestGuard: DNS-rebinding and cross-site protection for every MCP request (MCP
// transports, "Security Warning"). It checks the Host header against the allowed host
// names and a present Origin header against the allowed origins. Immutable; thread-safe.
//
// Defaults, when the lists are empty: a server listening on loopback only accepts the
// Host names localhost, 127.0.0.1 and ::1; any other server accepts any Host. An Origin
// is accepted when it is a loopback origin, the same host as the request's Host, or
// listed ("*" allows all).

#include <Poco/Net/HTTPServerRequest.h>

#include <optional>
#include <string>
#include <vector>

namespace mcpd::http {

class RequestGuard {
 public:
  RequestGuard(std::vector<std::string> allowed_hosts, std::vector<std::string> allowed_origins,
               bool loopback_listener);

  // nullopt when the request may proceed, else the reason to refuse it with 403.
  std::optional<std::string> check(const Poco::Net::HTTPServerRequest& request) const;

  // localhost, ::1, or an IPv4 literal in 127.0.0.0/8 ("127.evil.example" is not).
  static bool isLoopbackName(const std::string& host);

  // "example.com:443" -> "example.com"; "[::1]:80" -> "::1". Lower-cased.
  static std::string hostName(const std::string& host_header);

 private:
  bool hostAllowed(const std::string& host) const;
  bool originAllowed(const std::string& origin, const std::string& request_host) const;

  std::vector<std::string> allowed_hosts_;
  std::vector<std::string> allowed_origins_;
  bool loopback_listener_;
};

}  // namespace mcpd::http
