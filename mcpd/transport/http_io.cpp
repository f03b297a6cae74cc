#include "mcpd/transport/http_io.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/String.h>

#include <algorithm>
#include <cstdlib>
#include <istream>

#include "mcpd/jsonrpc/message.h"
#include "shared/text.h"

namespace mcpd::transport {
namespace {

const std::string kNoHeader;

// The value of parameter `name` ("q") in ";level=1; q=0.5", or empty.
std::string_view parameter(std::string_view params, std::string_view name) {
  while (!params.empty()) {
    const auto semicolon = params.find(';');
    std::string_view item = shared::trimmed(params.substr(0, semicolon));
    params.remove_prefix(semicolon == std::string_view::npos ? params.size() : semicolon + 1);
    const auto equals = item.find('=');
    if (equals != std::string_view::npos &&
        shared::asciiEqualsIgnoringCase(shared::trimmed(item.substr(0, equals)), name))
      return shared::trimmed(item.substr(equals + 1));
  }
  return {};
}

}  // namespace

shared::Result<std::string> readBody(Poco::Net::HTTPServerRequest& request, std::size_t max_bytes) {
  const auto too_large = [max_bytes] {
    return shared::Status::unavailable("request body larger than " + std::to_string(max_bytes) +
                                       " bytes");
  };
  if (request.hasContentLength() &&
      request.getContentLength64() > static_cast<Poco::Int64>(max_bytes)) {
    return too_large();
  }
  try {
    std::istream& in = request.stream();
    std::string body;
    // One allocation of the declared size: growing by doubling would hold up to twice it.
    if (request.hasContentLength())
      body.reserve(static_cast<std::size_t>(request.getContentLength64()));
    char buffer[16384];
    while (in) {
      in.read(buffer, sizeof buffer);
      body.append(buffer, static_cast<std::size_t>(in.gcount()));
      if (body.size() > max_bytes) return too_large();
    }
    return body;
  } catch (const Poco::Exception& e) {
    return shared::Status::ioError("read request body: " + e.displayText());
  }
}

bool hasContentType(const Poco::Net::HTTPServerRequest& request, std::string_view media_type) {
  const std::string_view value = request.getContentType();
  return shared::asciiEqualsIgnoringCase(shared::trimmed(value.substr(0, value.find(';'))),
                                         media_type);
}

bool accepts(const Poco::Net::HTTPServerRequest& request, std::string_view media_type) {
  const std::string_view family = media_type.substr(0, media_type.find('/'));
  std::string_view header = request.get("Accept", kNoHeader);
  while (!header.empty()) {
    const auto comma = header.find(',');
    const std::string_view item = header.substr(0, comma);
    header.remove_prefix(comma == std::string_view::npos ? header.size() : comma + 1);
    const auto semicolon = item.find(';');
    const std::string_view type = shared::trimmed(item.substr(0, semicolon));
    // RFC 9110 section 12.4.2: q=0 means "not acceptable".
    if (semicolon != std::string_view::npos) {
      const std::string_view q = parameter(item.substr(semicolon + 1), "q");
      if (!q.empty() && std::strtod(std::string(q).c_str(), nullptr) <= 0.0) continue;
    }
    const bool any_subtype = type.ends_with("/*") && shared::asciiEqualsIgnoringCase(
                                                         type.substr(0, type.size() - 2), family);
    if (shared::asciiEqualsIgnoringCase(type, media_type) || any_subtype || type == "*/*")
      return true;
  }
  return false;
}

void sendJson(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
              const std::string& body) {
  try {
    response.setStatusAndReason(status);
    response.setContentType("application/json");
    // One buffer for headers and body: two writes would meet Nagle's algorithm and the
    // peer's delayed ACK, adding up to 40 ms to every reply.
    response.sendBuffer(body.data(), body.size());
  } catch (const Poco::Exception&) {
    // The client went away; nothing is left to tell it.
  }
}

void sendJsonRpcError(Poco::Net::HTTPServerResponse& response,
                      Poco::Net::HTTPResponse::HTTPStatus status, int code,
                      const std::string& message) {
  // A refusal may come before the request body was read; on a kept-alive connection
  // Poco would then parse that body as the next request. Errors are rare: close instead.
  response.setKeepAlive(false);
  sendJson(response, status, jsonrpc::serializeError({}, {code, message, {}}));
}

std::ostream& startEventStream(Poco::Net::HTTPServerResponse& response) {
  response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
  response.setContentType("text/event-stream");
  response.set("Cache-Control", "no-cache");
  // Tell reverse proxies (nginx) not to buffer the stream.
  response.set("X-Accel-Buffering", "no");
  response.setChunkedTransferEncoding(true);
  return response.send();
}

std::string formatEvent(std::string_view event, std::string_view data, std::string_view id) {
  std::string text;
  text.reserve(event.size() + data.size() + id.size() + 24);
  if (!id.empty()) {
    text += "id: ";
    text += id;
    text += '\n';
  }
  text += "event: ";
  text += event;
  text += '\n';
  while (true) {
    const auto newline = data.find('\n');
    text += "data: ";
    text += data.substr(0, newline);
    text += '\n';
    if (newline == std::string_view::npos) break;
    data.remove_prefix(newline + 1);
  }
  text += '\n';
  return text;
}

bool writeEvent(std::ostream& out, std::string_view event, std::string_view data) {
  try {
    out << formatEvent(event, data);
    out.flush();
    return out.good();
  } catch (const Poco::Exception&) {
    return false;
  }
}

bool writeComment(std::ostream& out, std::string_view text) {
  try {
    out << ": " << text << "\n\n";
    out.flush();
    return out.good();
  } catch (const Poco::Exception&) {
    return false;
  }
}

bool peerClosed(Poco::Net::HTTPServerRequest& request) {
  auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request);
  if (impl == nullptr) return false;
  try {
    Poco::Net::StreamSocket& socket = impl->socket();
    return socket.poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ) &&
           socket.available() == 0;
  } catch (const Poco::Exception&) {
    return true;
  }
}

}  // namespace mcpd::transport
