#pragma once

// mcpd's /metrics in the Prometheus text format (version 0.0.4): the served certificate
// (expiry, fingerprint, reloads and the last refusal) when TLS is on, the documentation
// served (its version, so replicas can be compared, and its size), the open sessions and
// SSE streams, and what the HTTP front holds and refused. Reads thread-safe counters only;
// call from any thread.

#include <functional>
#include <string>

#include "mcpd/docs/library.h"
#include "mcpd/tls/certificate_reloader.h"
#include "mcpd/transport/transport_context.h"
#include "shared/http/front.h"

namespace mcpd::app {

struct MetricsSources {
  const tls::CertificateReloader* tls = nullptr;            // null: plain HTTP
  const transport::TransportContext* transports = nullptr;  // null: not serving yet
  const docs::Library* library = nullptr;
  // The main listener's front thread: connections waiting, refused, timed out.
  std::function<shared::http::Front::Stats()> connections;  // empty: not serving yet
};

std::string renderMetrics(const MetricsSources& sources);

// A label value with Prometheus's escapes (backslash, double quote, newline).
std::string escapeLabel(std::string_view value);

}  // namespace mcpd::app
