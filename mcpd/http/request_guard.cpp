#include "mcpd/http/request_guard.h"

#include <Poco/String.h>
#include <arpa/inet.h>

#include <algorithm>

#include "shared/http/request_checks.h"

namespace mcpd::http {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::any_of(list.begin(), list.end(),
                     [&](const std::string& item) { return Poco::icompare(item, value) == 0; });
}

}  // namespace

RequestGuard::RequestGuard(std::vector<std::string> allowed_hosts,
                           std::vector<std::string> allowed_origins, bool loopback_listener)
    : allowed_hosts_(std::move(allowed_hosts)),
      allowed_origins_(std::move(allowed_origins)),
      loopback_listener_(loopback_listener) {}

bool RequestGuard::isLoopbackName(const std::string& host) {
  if (host == "localhost" || host == "::1") return true;
  in_addr address{};
  return inet_pton(AF_INET, host.c_str(), &address) == 1 && (ntohl(address.s_addr) >> 24) == 127;
}

std::string RequestGuard::hostName(const std::string& host_header) {
  std::string host = Poco::toLower(Poco::trim(host_header));
  if (host.starts_with('[')) {
    const auto close = host.find(']');
    return close == std::string::npos ? host : host.substr(1, close - 1);
  }
  const auto colon = host.find(':');
  return colon == std::string::npos ? host : host.substr(0, colon);
}

bool RequestGuard::hostAllowed(const std::string& host) const {
  if (!allowed_hosts_.empty()) return contains(allowed_hosts_, host);
  return !loopback_listener_ || isLoopbackName(host);
}

bool RequestGuard::originAllowed(const std::string& origin, const std::string& request_host) const {
  if (contains(allowed_origins_, "*") || contains(allowed_origins_, origin)) return true;
  // RFC 6454 §7: an Origin is scheme "://" host [":" port] and nothing else. A general URI
  // parser would read "http://evil.example\@localhost" as user info plus localhost.
  const std::string lower = Poco::toLower(origin);
  std::string rest;
  if (lower.starts_with("http://")) {
    rest = lower.substr(7);
  } else if (lower.starts_with("https://")) {
    rest = lower.substr(8);
  } else {
    return false;  // "null", other schemes, garbage
  }
  if (!shared::http::isValidHost(rest)) return false;
  const std::string host = hostName(rest);
  return isLoopbackName(host) || host == request_host;
}

std::optional<std::string> RequestGuard::check(const Poco::Net::HTTPServerRequest& request) const {
  const std::string host_header = Poco::trim(request.getHost());
  const std::string host = hostName(host_header);
  // "localhost:80@evil" must not count as localhost.
  if (!host_header.empty() && !shared::http::isValidHost(host_header))
    return "Forbidden: Host \"" + host_header + "\" is not a valid host";
  if (!hostAllowed(host)) return "Forbidden: Host \"" + host + "\" is not allowed";
  if (request.has("Origin")) {
    const std::string& origin = request.get("Origin");
    if (!originAllowed(origin, host)) return "Forbidden: Origin \"" + origin + "\" is not allowed";
  }
  return std::nullopt;
}

}  // namespace mcpd::http
