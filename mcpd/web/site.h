#pragma once

// Site: what the landing page and its JSON search read: the documentation library (the
// same one the MCP tools search), the certificate being served (null over plain HTTP), the
// configured domain (for URLs when a request carries no usable Host), and the clock for
// "days left". Owned by the app, outlives the HTTP server; read from worker threads.

#include <memory>
#include <string>

#include "mcpd/docs/library.h"
#include "mcpd/tls/certificate_reloader.h"
#include "shared/clock.h"

namespace mcpd::web {

struct Site {
  std::shared_ptr<const docs::Library> library;
  const tls::CertificateReloader* tls = nullptr;  // null: plain HTTP
  std::string domain;
  const shared::Clock* clock = &shared::SystemClock::instance();
};

}  // namespace mcpd::web
