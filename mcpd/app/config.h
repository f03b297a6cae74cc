#pragma once

// McpdConfig: every setting of mcpd as typed fields with their defaults, and the Schema
// that binds them to YAML keys, MCPD_* variables and flags (shared/config/schema.h).

#include <optional>
#include <string>

#include "shared/config/schema.h"
#include "shared/log/logging.h"
#include "shared/net/host_port.h"

namespace mcpd::app {

struct McpdConfig {
  shared::net::HostPort listen{"127.0.0.1", 8080};
  int http_threads = 64;  // connection workers; an open SSE stream holds one (TESTBED: Poco facts)
  int http_queue = 256;   // accepted connections waiting for a worker before new ones are refused
  shared::log::Options log;
};

// The schema of `config`; keep `config` alive while the schema is used.
shared::config::Schema buildSchema(McpdConfig& config);

}  // namespace mcpd::app
