#pragma once

// McpdConfig: every setting of mcpd as typed fields with their defaults, and the Schema
// that binds them to YAML keys, MCPD_* variables and flags (shared/config/schema.h).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/config/schema.h"
#include "shared/log/logging.h"
#include "shared/net/host_port.h"

namespace mcpd::app {

struct McpdConfig {
  // Plain HTTP on loopback by default; with a domain, TLS on [::]:8443 unless set.
  shared::net::HostPort listen{"127.0.0.1", 8080};
  std::string domain;                 // the certificate name; setting it switches TLS on
  std::string certs_dir = "./certs";  // where certd writes {domain}.cert.pem and .key.pem
  // Any two certificate files instead of certd's (a cert-manager Secret mounted by the
  // kubelet, certbot's live/ links): set both, and no domain.
  std::string tls_cert;  // full chain, leaf first
  std::string tls_key;
  std::chrono::seconds tls_wait{std::chrono::minutes(10)};   // for a valid pair at start-up
  std::chrono::seconds tls_check{std::chrono::seconds(30)};  // re-read even without events
  std::string health_listen;  // optional plain HTTP address for /healthz, /readyz, /metrics
  std::string replica_id;     // starts every session id, for load balancers; empty: none

  std::string docs;  // a Markdown folder, an index.json file or an https URL; empty: built-in
  std::chrono::seconds docs_refresh{std::chrono::minutes(10)};  // re-fetch interval for URLs
  std::string docs_ca_bundle;        // extra CA certificates for an https docs URL
  std::string docs_language = "en";  // language of documents that name none (ISO 639-1)

  int http_threads = 128;  // workers; a request being served or a TLS SSE stream holds one
  int http_queue = 256;    // whole requests waiting for a worker
  std::chrono::seconds http_idle_timeout{15};    // idle keep-alive connection
  std::chrono::seconds http_header_timeout{10};  // TLS handshake + request head, whole
  std::uint64_t http_body_min_rate = 1024;       // bytes/s a body must average
  int http_max_connections_per_client = 256;     // per IPv4 address or IPv6 /64
  // Proxies whose Forwarded / X-Forwarded-* headers (and PROXY headers) name the client.
  std::vector<std::string> http_trusted_proxies;
  std::string http_forwarded_header =
      "x-forwarded-for";             // which of their headers: auto, forwarded, ...
  bool http_proxy_protocol = false;  // every connection starts with a PROXY header
  int concurrent_handlers = 0;  // MCP messages handled at once, in arrival order; 0: one per CPU
  std::vector<std::string> allowed_hosts;    // Host names; empty: loopback names on loopback
  std::vector<std::string> allowed_origins;  // Origins besides loopback and same-host; "*" all

  std::uint64_t max_body = 4 * 1024 * 1024;
  int max_sessions = 10000;
  int max_sessions_per_client = 100;
  std::chrono::seconds session_idle_timeout{std::chrono::minutes(30)};
  int max_sse_streams = 10000;  // open legacy SSE streams, and so legacy sessions
  std::uint64_t max_body_without_session = 256 * 1024;  // initialize, stateless requests
  int max_batch = 100;                                  // messages in one JSON-RPC batch
  int max_json_values = 10000;  // JSON values in one body, every level counted
  std::chrono::seconds session_unused_timeout{std::chrono::minutes(1)};  // never used after
                                                                         // initialize
  // The secret that seals MCP 2026-07-28 requestState; the same file on every replica.
  std::string state_secret_file;

  shared::log::Options log;
};

// The schema of `config`; keep `config` alive while the schema is used.
shared::config::Schema buildSchema(McpdConfig& config);

// Cross-key checks, one small function each.
std::optional<shared::config::Problem> checkDocsSource(const McpdConfig& config);
std::optional<shared::config::Problem> checkDocsLanguage(const McpdConfig& config);
std::optional<shared::config::Problem> checkHealthListen(const McpdConfig& config);
std::optional<shared::config::Problem> checkTlsFiles(const McpdConfig& config);
std::optional<shared::config::Problem> checkReplicaId(const McpdConfig& config);
std::optional<shared::config::Problem> checkTrustedProxies(const McpdConfig& config);

// True when mcpd serves HTTPS: a domain (certd's files) or tls.cert/tls.key.
inline bool servesTls(const McpdConfig& config) {
  return !config.domain.empty() || !config.tls_cert.empty();
}

}  // namespace mcpd::app
