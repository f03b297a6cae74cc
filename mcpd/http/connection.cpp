#include "mcpd/http/connection.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timestamp.h>

#include <ctime>
#include <memory>

namespace mcpd::http {
namespace {

using Poco::Net::HTTPResponse;

// The Date header value, formatted once per second per thread rather than per response.
const std::string& httpDateNow() {
  thread_local std::string text;
  thread_local std::time_t formatted_at = -1;
  const std::time_t now = std::time(nullptr);
  if (now != formatted_at) {
    text = Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(now),
                                           Poco::DateTimeFormat::HTTP_FORMAT);
    formatted_at = now;
  }
  return text;
}

void sendError(Poco::Net::HTTPServerSession& session, HTTPResponse::HTTPStatus status) {
  Poco::Net::HTTPServerResponseImpl response(session);
  response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
  response.setStatusAndReason(status);
  response.setKeepAlive(false);
  response.setContentLength(0);
  response.send();
  session.setKeepAlive(false);
}

}  // namespace

Connection::Connection(const Poco::Net::StreamSocket& socket, ConnectionFactory& factory)
    : TCPServerConnection(socket), factory_(factory) {
  factory_.add(this);
}

Connection::~Connection() {
  factory_.remove(this);
}

void Connection::run() {
  Poco::Net::HTTPServerParams::Ptr params = factory_.params();
  // One limit for an idle keep-alive connection and for a peer that stalls mid-request
  // (also mid-handshake with TLS, which happens at the first read).
  // (After the session: its constructor applies the params' timeout to the socket.)
  Poco::Net::HTTPServerSession session(socket(), params);
  socket().setReceiveTimeout(params->getKeepAliveTimeout());
  int served = 0;
  const int max_requests = params->getMaxKeepAliveRequests();
  while (!factory_.stopping()) {
    try {
      Poco::Net::HTTPServerResponseImpl response(session);
      Poco::Net::HTTPServerRequestImpl request(response, session,
                                               params.get());  // reads the header
      ++served;
      const bool may_keep = params->getKeepAlive() && request.getKeepAlive() &&
                            (max_requests <= 0 || served < max_requests);
      response.set("Date", httpDateNow());
      response.setVersion(request.getVersion());
      response.setKeepAlive(may_keep);
      std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(
          factory_.handlers().createRequestHandler(request));
      if (!handler) {
        sendError(session, HTTPResponse::HTTP_NOT_IMPLEMENTED);
        break;
      }
      if (request.getExpectContinue() && response.getStatus() == HTTPResponse::HTTP_OK)
        response.sendContinue();
      try {
        handler->handleRequest(request, response);
      } catch (const Poco::Exception&) {
        if (!response.sent()) sendError(session, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
        break;
      }
      // A handler that took the socket (an SSE stream handed to the hub) ends this loop.
      if (!session.connected() || !response.sent() || !response.getKeepAlive() || !may_keep) {
        break;
      }
    } catch (const Poco::Net::NoMessageException&) {
      break;  // the peer closed between requests
    } catch (const Poco::Net::MessageException&) {
      try {
        sendError(session, HTTPResponse::HTTP_BAD_REQUEST);
      } catch (const Poco::Exception&) {
      }
      break;
    } catch (const Poco::Exception&) {
      break;  // timeout, reset, TLS failure: nothing to answer
    }
  }
}

void Connection::shutdown() {
  try {
    socket().shutdown();
  } catch (const Poco::Exception&) {
    // already closed by its peer
  }
}

Poco::Net::TCPServerConnection* ConnectionFactory::createConnection(
    const Poco::Net::StreamSocket& socket) {
  return new Connection(socket, *this);
}

void ConnectionFactory::add(Connection* connection) {
  std::lock_guard lock(mu_);
  open_.insert(connection);
}

void ConnectionFactory::remove(Connection* connection) {
  std::lock_guard lock(mu_);
  open_.erase(connection);
}

bool ConnectionFactory::stopping() const {
  std::lock_guard lock(mu_);
  return stopping_;
}

void ConnectionFactory::shutdownAll() {
  std::lock_guard lock(mu_);
  stopping_ = true;
  for (Connection* connection : open_) {
    connection->shutdown();
  }
}

}  // namespace mcpd::http
