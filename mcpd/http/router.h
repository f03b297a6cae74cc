#pragma once

// Router: maps a request path to its handler. The only place that knows mcpd's URLs.
// Created once; Poco calls createRequestHandler() from worker threads concurrently.

#include <Poco/Net/HTTPRequestHandlerFactory.h>

namespace mcpd::http {

class Router final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& request) override;
};

}  // namespace mcpd::http
