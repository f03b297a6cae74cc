#pragma once

// originOf: who a request being served comes from (client address, scheme, Host), as the
// serving loop resolved it: through trusted proxies' Forwarded / X-Forwarded-* headers
// (forwarded.h) or a PROXY protocol header, else from the connection itself. Handlers ask
// this instead of request.clientAddress() / secure() / getHost(), which describe the TCP
// connection. resolveOrigin() is the serving loop's side. Called on the worker serving the
// request.

#include <Poco/Net/HTTPServerRequest.h>

#include "shared/http/client_connection.h"
#include "shared/http/deadline_socket.h"
#include "shared/http/forwarded.h"
#include "shared/http/serve_options.h"

namespace shared::http {

// What the request itself and its connection say, ignoring any forwarding headers.
RequestOrigin directOrigin(const Poco::Net::HTTPServerRequest& request, bool proxied_tls = false);

// The serving loop, before the handler runs: resolves the request's origin when the peer is
// a trusted proxy (or the PROXY header said TLS) and records it on `socket`; logs a header
// it ignored at debug level.
void resolveOrigin(const Poco::Net::HTTPServerRequest& request, const ClientConnection& connection,
                   const ServeOptions& options, DeadlineSocketImpl& socket);

// The request's origin: the one resolveOrigin() recorded, else directOrigin().
RequestOrigin originOf(const Poco::Net::HTTPServerRequest& request);

}  // namespace shared::http
