#pragma once

// `mcpd healthcheck`: asks a running mcpd's plain health port (health_listen) whether it
// is serving, for a container HEALTHCHECK. The runtime image carries no curl, and this
// keeps the check to the binary that is already there.

#include "mcpd/app/config.h"

namespace mcpd::app {

// GET http://{health_listen}/readyz with a short timeout. Returns 0 when it answers 200,
// 1 when it answers anything else or cannot be reached (the message goes to stderr), and
// 78 (EX_CONFIG) when health_listen is not set. A wildcard host ("", "::", "0.0.0.0") is
// asked on loopback.
int runHealthcheck(const McpdConfig& config);

}  // namespace mcpd::app
