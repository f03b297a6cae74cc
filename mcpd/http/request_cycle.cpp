#include "mcpd/http/request_cycle.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timestamp.h>

#include <memory>

namespace mcpd::http {
namespace {

using Poco::Net::HTTPResponse;

void sendError(Poco::Net::HTTPServerSession& session, HTTPResponse::HTTPStatus status) {
  try {
    Poco::Net::HTTPServerResponseImpl response(session);
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setStatusAndReason(status);
    response.setKeepAlive(false);
    response.setContentLength(0);
    response.send();
  } catch (const Poco::Exception&) {
    // the peer is gone; nothing to tell it
  }
}

}  // namespace

AfterRequest serveOneRequest(Poco::Net::HTTPServerSession& session,
                             Poco::Net::HTTPRequestHandlerFactory& handlers,
                             Poco::Net::HTTPServerParams& params) {
  try {
    Poco::Net::HTTPServerResponseImpl response(session);
    Poco::Net::HTTPServerRequestImpl request(response, session, &params);  // reads the header
    const bool may_keep = params.getKeepAlive() && request.getKeepAlive();
    response.setDate(Poco::Timestamp());
    response.setVersion(request.getVersion());
    response.setKeepAlive(may_keep);
    std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(handlers.createRequestHandler(request));
    if (!handler) {
      sendError(session, HTTPResponse::HTTP_NOT_IMPLEMENTED);
      return AfterRequest::kClose;
    }
    if (request.getExpectContinue() && response.getStatus() == HTTPResponse::HTTP_OK)
      response.sendContinue();
    try {
      handler->handleRequest(request, response);
    } catch (const Poco::Exception&) {
      if (!response.sent()) sendError(session, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
      return AfterRequest::kClose;
    }
    if (!session.connected()) return AfterRequest::kDetached;
    return response.sent() && response.getKeepAlive() && may_keep ? AfterRequest::kKeepAlive
                                                                  : AfterRequest::kClose;
  } catch (const Poco::Net::NoMessageException&) {
    return AfterRequest::kClose;  // the peer closed between requests
  } catch (const Poco::Net::MessageException&) {
    sendError(session, HTTPResponse::HTTP_BAD_REQUEST);
    return AfterRequest::kClose;
  } catch (const Poco::Exception&) {
    return AfterRequest::kClose;  // timeout, reset, TLS failure: nothing to answer
  }
}

}  // namespace mcpd::http
