#include "mcpd/app/metrics.h"

#include <chrono>

namespace mcpd::app {
namespace {

long long unixSeconds(shared::Clock::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

void metric(std::string& out, const char* name, const char* type, const char* help,
            const std::string& sample) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
  out += sample;
}

void renderTls(std::string& out, const tls::CertificateReloader& reloader) {
  const auto stats = reloader.stats();
  const auto material = reloader.current();
  if (material) {
    const auto& leaf = material->leaf();
    metric(out, "mcpd_tls_certificate_not_after_seconds", "gauge",
           "expiry of the served certificate, as a Unix time",
           "mcpd_tls_certificate_not_after_seconds " +
               std::to_string(unixSeconds(leaf.notAfter())) + "\n");
    metric(out, "mcpd_tls_certificate_info", "gauge", "the served certificate (always 1)",
           "mcpd_tls_certificate_info{domain=\"" + escapeLabel(reloader.domain()) + "\",serial=\"" +
               leaf.serialHex() + "\",sha256=\"" + leaf.sha256Fingerprint() + "\"} 1\n");
  }
  metric(out, "mcpd_tls_reloads_total", "counter", "certificates loaded, the first one included",
         "mcpd_tls_reloads_total " + std::to_string(stats.reloads) + "\n");
  metric(out, "mcpd_tls_reload_refusals_total", "counter",
         "new certificate files refused as invalid",
         "mcpd_tls_reload_refusals_total " + std::to_string(stats.refusals) + "\n");
  if (stats.reloads > 0) {
    metric(out, "mcpd_tls_last_reload_seconds", "gauge", "when a certificate was last loaded",
           "mcpd_tls_last_reload_seconds " + std::to_string(unixSeconds(stats.last_reload)) + "\n");
  }
  metric(out, "mcpd_tls_last_reload_error_info", "gauge",
         "why the latest new files were refused (1 while they are; 0 after a good load)",
         "mcpd_tls_last_reload_error_info{error=\"" + escapeLabel(stats.last_error) + "\"} " +
             (stats.last_error.empty() ? "0" : "1") + "\n");
}

}  // namespace

std::string escapeLabel(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string renderMetrics(const MetricsSources& sources) {
  std::string out;
  if (sources.tls) renderTls(out, *sources.tls);
  if (sources.library) {
    const auto index = sources.library->current();
    metric(out, "mcpd_docs_info", "gauge",
           "the documentation served: its content hash (equal on replicas that agree) and source",
           "mcpd_docs_info{version=\"" + escapeLabel(sources.library->version()) + "\",source=\"" +
               escapeLabel(index->corpus().source()) + "\"} 1\n");
    metric(out, "mcpd_docs_documents", "gauge", "documents served",
           "mcpd_docs_documents " + std::to_string(index->corpus().size()) + "\n");
  }
  if (sources.transports) {
    metric(out, "mcpd_sessions_open", "gauge", "open MCP sessions",
           "mcpd_sessions_open " + std::to_string(sources.transports->registry.size()) + "\n");
    metric(out, "mcpd_sessions_evicted_total", "counter",
           "idle sessions closed to make room for new ones",
           "mcpd_sessions_evicted_total " + std::to_string(sources.transports->registry.evicted()) +
               "\n");
    metric(
        out, "mcpd_sse_streams_open", "gauge", "open legacy SSE streams",
        "mcpd_sse_streams_open " + std::to_string(sources.transports->open_streams.load()) + "\n");
  }
  if (sources.connections) {
    const shared::http::Front::Stats front = sources.connections();
    metric(out, "mcpd_http_connections_waiting", "gauge",
           "connections handshaking, sending a request or idle (holding no worker)",
           "mcpd_http_connections_waiting " + std::to_string(front.held) + "\n");
    metric(out, "mcpd_http_connections_refused_total", "counter",
           "connections closed at accept: the client held its per-client cap",
           "mcpd_http_connections_refused_total " + std::to_string(front.refused) + "\n");
    metric(out, "mcpd_http_connections_timed_out_total", "counter",
           "connections closed at a handshake, request head, body or idle deadline",
           "mcpd_http_connections_timed_out_total " + std::to_string(front.timed_out) + "\n");
    metric(out, "mcpd_http_requests_overloaded_total", "counter",
           "requests answered 503: every worker busy and the queue full",
           "mcpd_http_requests_overloaded_total " + std::to_string(front.overloaded) + "\n");
    metric(out, "mcpd_http_quick_answers_total", "counter",
           "requests answered by the front thread without a worker (health probes)",
           "mcpd_http_quick_answers_total " + std::to_string(front.quick) + "\n");
  }
  return out;
}

}  // namespace mcpd::app
