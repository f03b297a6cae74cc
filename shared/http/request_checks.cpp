#include "shared/http/request_checks.h"

#include <Poco/String.h>

#include <algorithm>
#include <cctype>

#include "shared/text.h"

namespace shared::http {
namespace {

bool hasControlBytes(const std::string& text) {
  for (unsigned char c : text) {
    if ((c < 0x20 && c != '\t') || c == 0x7f) return true;
  }
  return false;
}

bool validEscapes(const std::string& target) {
  for (std::size_t i = 0; i < target.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(target[i]);
    if (c <= 0x20 || c == 0x7f) return false;
    if (c != '%') continue;
    if (i + 2 >= target.size() || !std::isxdigit(static_cast<unsigned char>(target[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(target[i + 2])))
      return false;
    i += 2;
  }
  return true;
}

bool isDigits(const std::string& text) {
  if (text.empty() || text.size() > 18) return false;
  for (unsigned char c : text) {
    if (!std::isdigit(c)) return false;
  }
  return true;
}

}  // namespace

bool isValidHost(const std::string& host) {
  if (host.empty()) return false;
  std::size_t port_from;
  if (host.front() == '[') {
    const auto close = host.find(']');
    if (close == std::string::npos || close == 1) return false;
    for (std::size_t i = 1; i < close; ++i) {
      const unsigned char c = static_cast<unsigned char>(host[i]);
      if (!std::isxdigit(c) && c != ':' && c != '.') return false;
    }
    port_from = close + 1;
  } else {
    port_from = host.find(':');
    if (port_from == std::string::npos) port_from = host.size();
    if (port_from == 0) return false;
    for (std::size_t i = 0; i < port_from; ++i) {
      const unsigned char c = static_cast<unsigned char>(host[i]);
      if (!std::isalnum(c) && c != '-' && c != '.' && c != '_') return false;
    }
  }
  if (port_from == host.size()) return true;
  if (host[port_from] != ':') return false;
  const std::string port = host.substr(port_from + 1);
  return port.empty() || (port.size() <= 5 && isDigits(port));
}

std::optional<Refusal> checkRequest(const Poco::Net::HTTPRequest& request) {
  const std::string& version = request.getVersion();
  if (version != "HTTP/1.1" && version != "HTTP/1.0") {
    const bool looks_http = version.size() == 8 && version.starts_with("HTTP/") &&
                            std::isdigit(static_cast<unsigned char>(version[5])) &&
                            version[6] == '.' &&
                            std::isdigit(static_cast<unsigned char>(version[7]));
    if (looks_http) return Refusal{505, "HTTP Version Not Supported: use HTTP/1.1"};
    return Refusal{400, "Bad Request: malformed request line"};
  }
  const std::string& method = request.getMethod();
  if (method.empty()) return Refusal{400, "Bad Request: malformed request line"};
  for (unsigned char c : method) {
    if (!isHttpTokenChar(c)) return Refusal{400, "Bad Request: malformed method"};
  }
  if (!validEscapes(request.getURI())) return Refusal{400, "Bad Request: malformed request target"};

  int hosts = 0;
  int transfer_encodings = 0;
  const std::string* host = nullptr;
  const std::string* transfer_encoding = nullptr;
  const std::string* content_length = nullptr;
  for (const auto& [name, value] : request) {
    if (name.empty() ||
        !std::all_of(name.begin(), name.end(), [](char c) { return isHttpTokenChar(c); }))
      return Refusal{400, "Bad Request: malformed header name"};
    if (hasControlBytes(value))
      return Refusal{400, "Bad Request: control characters in header " + name};
    if (Poco::icompare(name, "Host") == 0) {
      ++hosts;
      host = &value;
    } else if (Poco::icompare(name, "Transfer-Encoding") == 0) {
      ++transfer_encodings;
      transfer_encoding = &value;
    } else if (Poco::icompare(name, "Content-Length") == 0) {
      if (!isDigits(Poco::trim(value)))
        return Refusal{400, "Bad Request: malformed Content-Length"};
      if (content_length && Poco::trim(*content_length) != Poco::trim(value))
        return Refusal{400, "Bad Request: conflicting Content-Length headers"};
      content_length = &value;
    }
  }
  if (hosts > 1) return Refusal{400, "Bad Request: more than one Host header"};
  if (hosts == 0 && version == "HTTP/1.1") return Refusal{400, "Bad Request: missing Host header"};
  if (host && !isValidHost(Poco::trim(*host)))
    return Refusal{400, "Bad Request: invalid Host header"};
  if (transfer_encodings > 0) {
    if (transfer_encodings > 1 || Poco::icompare(Poco::trim(*transfer_encoding), "chunked") != 0)
      return Refusal{501, "Not Implemented: Transfer-Encoding other than chunked"};
    if (version == "HTTP/1.0")
      return Refusal{400, "Bad Request: Transfer-Encoding in an HTTP/1.0 request"};
    if (content_length)
      return Refusal{400, "Bad Request: both Transfer-Encoding and Content-Length"};
  }
  // RFC 9112 §6.3: without either header a request has no body; Poco's request stream would
  // read one until the client closes, holding a worker. Clients that send a body frame it.
  const bool body_method = method == "POST" || method == "PUT" || method == "PATCH";
  if (body_method && transfer_encodings == 0 && !content_length)
    return Refusal{411, "Length Required: send Content-Length (0 for no body)"};
  return std::nullopt;
}

}  // namespace shared::http
