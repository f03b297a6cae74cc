#include "shared/http/connection_loop.h"

#include <Poco/Buffer.h>
#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>

#include <optional>

#include "shared/http/deadline_socket.h"
#include "shared/http/http_date.h"
#include "shared/http/request_checks.h"
#include "shared/http/request_origin.h"
#include "shared/http/request_readiness.h"

namespace shared::http {
namespace {

using Poco::Net::HTTPResponse;
using Clock = std::chrono::steady_clock;

// How long a worker waits for the next request on a busy connection before handing it
// back to the front: long enough for a client's turnaround on loopback or a LAN, short
// enough that an idle client costs nothing. Only while no other connection waits.
constexpr auto kNextRequestLinger = std::chrono::milliseconds(5);
// A body the handler did not read is discarded up to this much; past it, close.
constexpr std::streamsize kDrainLimit = 64 * 1024;

void sendError(Poco::Net::HTTPServerResponseImpl& response, const ServeOptions& options, int status,
               const std::string& message) {
  const ErrorBody body =
      options.error_body ? options.error_body(status, message) : ErrorBody{.text = message + "\n"};
  response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
  response.setStatusAndReason(static_cast<HTTPResponse::HTTPStatus>(status));
  response.setKeepAlive(false);
  response.setContentType(body.content_type);
  response.sendBuffer(body.text.data(), body.text.size());
}

void trySendError(Poco::Net::HTTPServerResponseImpl& response, const ServeOptions& options,
                  int status, const std::string& message) {
  if (response.sent()) return;
  try {
    sendError(response, options, status, message);
  } catch (const Poco::Exception&) {
  }
}

// Reads what is left of the request body; false when that failed or was too much.
bool discardBody(Poco::Net::HTTPServerRequest& request) {
  if (!request.hasContentLength() && !request.getChunkedTransferEncoding()) return true;
  std::istream& in = request.stream();
  in.ignore(kDrainLimit);
  if (in.bad()) return false;
  return in.eof() || in.peek() == std::char_traits<char>::eof();
}

enum class Outcome { kKeepAlive, kClose, kDetached };

Outcome serveOne(Poco::Net::HTTPServerSession& session, DeadlineSocketImpl& socket,
                 ClientConnection& connection, const LoopContext& context) {
  const ServeOptions& options = context.options;
  Poco::Net::HTTPServerParams::Ptr params = context.params;
  Poco::Net::HTTPServerResponseImpl response(session);
  std::optional<Poco::Net::HTTPServerRequestImpl> request;
  try {
    request.emplace(response, session, params.get());  // reads the head
  } catch (const Poco::Net::NoMessageException&) {
    return Outcome::kClose;  // the client closed between requests
  } catch (const Poco::TimeoutException&) {
    trySendError(response, options, HTTPResponse::HTTP_REQUEST_TIMEOUT,
                 "Request Timeout: the request did not arrive in time");
    return Outcome::kClose;
  } catch (const Poco::Net::MessageException&) {
    trySendError(response, options, HTTPResponse::HTTP_BAD_REQUEST,
                 "Bad Request: malformed request head");
    return Outcome::kClose;
  } catch (const Poco::SyntaxException&) {  // a Content-Length that is not a number
    trySendError(response, options, HTTPResponse::HTTP_BAD_REQUEST,
                 "Bad Request: malformed Content-Length");
    return Outcome::kClose;
  } catch (const Poco::Exception&) {
    return Outcome::kClose;  // a reset or a TLS failure: nobody to answer
  }
  try {
    ++connection.served;
    response.set("Date", httpDateNow());
    if (auto refusal = checkRequest(*request)) {
      sendError(response, options, refusal->status, refusal->message);
      return Outcome::kClose;
    }
    resolveOrigin(*request, connection, options, socket);
    const int max_requests = params->getMaxKeepAliveRequests();
    const bool may_keep = params->getKeepAlive() && request->getKeepAlive() &&
                          (max_requests <= 0 || connection.served < max_requests);
    response.setVersion(request->getVersion());
    response.setKeepAlive(may_keep);
    socket.setReadRate(options.header_timeout, options.body_min_rate);
    std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(
        context.handlers.createRequestHandler(*request));
    if (!handler) {
      sendError(response, options, HTTPResponse::HTTP_NOT_IMPLEMENTED, "Not Implemented");
      return Outcome::kClose;
    }
    if (request->getExpectContinue() && response.getStatus() == HTTPResponse::HTTP_OK)
      response.sendContinue();
    socket.holdWrites();
    handler->handleRequest(*request, response);
    if (!session.connected()) return Outcome::kDetached;
    if (!response.sent()) {
      sendError(response, options, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR,
                "Internal Server Error: no response");
      return Outcome::kClose;
    }
    if (!discardBody(*request)) return Outcome::kClose;
    return response.getKeepAlive() && may_keep ? Outcome::kKeepAlive : Outcome::kClose;
  } catch (const Poco::TimeoutException&) {
    trySendError(response, options, HTTPResponse::HTTP_REQUEST_TIMEOUT,
                 "Request Timeout: the request body did not arrive in time");
  } catch (const std::exception&) {
    trySendError(response, options, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR,
                 "Internal Server Error");
  }
  return session.connected() ? Outcome::kClose : Outcome::kDetached;
}

}  // namespace

std::unique_ptr<ClientConnection> serveConnection(std::unique_ptr<ClientConnection> connection,
                                                  const LoopContext& context) {
  const ServeOptions& options = context.options;
  auto* impl = new DeadlineSocketImpl(connection->socket, std::move(connection->unread),
                                      connection->peer, options.idle_timeout);
  connection->unread.clear();
  Poco::Net::StreamSocket socket(impl);
  Poco::Net::HTTPServerSession session(socket, context.params);
  while (!context.stopping.load()) {
    impl->setReadDeadline(Clock::now() + options.header_timeout);
    const Outcome outcome = serveOne(session, *impl, *connection, context);
    if (outcome == Outcome::kDetached) return nullptr;  // the socket is the handler's now
    try {
      impl->flush();
    } catch (const Poco::Exception&) {
      return nullptr;  // the session closes the socket
    }
    if (outcome == Outcome::kClose) return nullptr;

    // The next request: what Poco buffered, what the front read, and what arrives now.
    Poco::Buffer<char> buffered(0);
    session.drainBuffer(buffered);
    std::string next(buffered.begin(), buffered.size());
    next += impl->takeUnread();
    Readiness readiness = requestReadiness(next, options.readiness);
    if (readiness.state == Readiness::State::kNeedMore) {
      const auto wait =
          context.pool.nothingQueued() ? kNextRequestLinger : std::chrono::milliseconds(0);
      if (impl->readAvailable(next, wait) == DeadlineSocketImpl::Arrival::kClosed) return nullptr;
      readiness = requestReadiness(next, options.readiness);
    }
    if (readiness.state == Readiness::State::kReady) {
      impl->setUnread(std::move(next));
      continue;
    }
    // Incomplete (or too large: the front answers it): wait in the front, not here.
    connection->unread = std::move(next);
    session.detachSocket();  // or the session's destructor would close it
    return connection;
  }
  return nullptr;
}

}  // namespace shared::http
