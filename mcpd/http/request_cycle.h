#pragma once

// One HTTP/1.1 request on a connection: read its header from the session, let the router's
// handler answer it, and say whether the connection may carry another request. What Poco's
// HTTPServerConnection does per request, without its loop: mcpd's Server decides when a
// connection is read again (server.h).

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerSession.h>

namespace mcpd::http {

enum class AfterRequest {
  kKeepAlive,  // answered; the next request may follow on this connection
  kClose,      // answered or failed; close the connection
  kDetached,   // a handler took the socket (an SSE stream handed to the hub): forget it
};

// Blocks until a request header has arrived (the socket's receive timeout bounds it).
// A peer that closed before sending anything, a malformed request (answered 400) and any
// network error give kClose. Never throws.
AfterRequest serveOneRequest(Poco::Net::HTTPServerSession& session,
                             Poco::Net::HTTPRequestHandlerFactory& handlers,
                             Poco::Net::HTTPServerParams& params);

}  // namespace mcpd::http
