#include "shared/http/request_origin.h"

#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/String.h>

#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace shared::http {
namespace {

// Every value of header `name`, in order (Poco keeps repeated headers next to each other).
std::vector<std::string> valuesOf(const Poco::Net::HTTPServerRequest& request,
                                  const std::string& name) {
  std::vector<std::string> values;
  for (auto it = request.find(name); it != request.end() && Poco::icompare(it->first, name) == 0;
       ++it)
    values.push_back(it->second);
  return values;
}

}  // namespace

RequestOrigin directOrigin(const Poco::Net::HTTPServerRequest& request, bool proxied_tls) {
  return {.client = request.clientAddress().host().toString(),
          .scheme = request.secure() || proxied_tls ? "https" : "http",
          .host = request.get(Poco::Net::HTTPRequest::HOST, "")};  // HTTP/1.0 may have none
}

void resolveOrigin(const Poco::Net::HTTPServerRequest& request, const ClientConnection& connection,
                   const ServeOptions& options, DeadlineSocketImpl& socket) {
  socket.setOrigin(std::nullopt);
  const bool trusted =
      !options.trusted_proxies.empty() && options.trusted_proxies.contains(connection.peer.addr());
  if (!trusted) {
    if (connection.proxied_tls) socket.setOrigin(directOrigin(request, true));
    return;
  }
  ForwardingHeaders headers;
  if (options.forwarding_source != ForwardingSource::kXForwarded)
    headers.forwarded = valuesOf(request, "Forwarded");
  if (options.forwarding_source != ForwardingSource::kForwarded) {
    headers.x_forwarded_for = valuesOf(request, "X-Forwarded-For");
    headers.x_forwarded_proto = valuesOf(request, "X-Forwarded-Proto");
    headers.x_forwarded_host = valuesOf(request, "X-Forwarded-Host");
  }
  Forwarding forwarding = resolveForwarded(directOrigin(request, connection.proxied_tls), headers,
                                           options.trusted_proxies);
  if (!forwarding.problem.empty()) {
    shared::log::debug(
        shared::log::get(options.logger), "forwarding header ignored",
        {{"peer", connection.peer.host().toString()}, {"reason", forwarding.problem}});
  }
  socket.setOrigin(std::move(forwarding.origin));
}

RequestOrigin originOf(const Poco::Net::HTTPServerRequest& request) {
  // The serving loop's request and socket types; anything else (a test's) speaks for itself.
  if (const auto* served = dynamic_cast<const Poco::Net::HTTPServerRequestImpl*>(&request)) {
    auto& socket = const_cast<Poco::Net::HTTPServerRequestImpl*>(served)->socket();
    if (const auto* impl = dynamic_cast<const DeadlineSocketImpl*>(socket.impl());
        impl && impl->origin())
      return *impl->origin();
  }
  return directOrigin(request);
}

}  // namespace shared::http
