#include "mcpd/app/healthcheck_command.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <iostream>
#include <sstream>

#include "shared/cli/exit_codes.h"
#include "shared/net/host_port.h"
#include "shared/net/listen_address.h"

namespace mcpd::app {
namespace {

constexpr int kUnhealthy = 1;  // what docker's HEALTHCHECK reads as "unhealthy"

}  // namespace

int runHealthcheck(const McpdConfig& config) {
  if (config.health_listen.empty()) {
    std::cerr << "mcpd healthcheck: health_listen is not set (MCPD_HEALTH_LISTEN)\n";
    return shared::cli::kExitConfig;
  }
  // The schema's check already validated the address.
  const shared::net::HostPort address = *shared::net::parseHostPort(config.health_listen);
  const std::string host = shared::net::localConnectHost(address.host);
  try {
    Poco::Net::HTTPClientSession session(host, address.port);
    session.setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/readyz",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& body_stream = session.receiveResponse(response);
    std::ostringstream body;
    Poco::StreamCopier::copyStream(body_stream, body, 4096);
    if (response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK) return shared::cli::kExitOk;
    std::cerr << "mcpd healthcheck: " << address.toString() << " /readyz answered "
              << static_cast<int>(response.getStatus()) << ": " << body.str() << "\n";
  } catch (const Poco::Exception& e) {
    std::cerr << "mcpd healthcheck: " << address.toString() << ": " << e.displayText() << "\n";
  }
  return kUnhealthy;
}

}  // namespace mcpd::app
