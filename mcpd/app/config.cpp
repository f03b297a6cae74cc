#include "mcpd/app/config.h"

#include <algorithm>

#include "mcpd/corpus/language_tag.h"
#include "shared/http/forwarded.h"
#include "shared/net/address_set.h"

namespace mcpd::app {

shared::config::Schema buildSchema(McpdConfig& config) {
  shared::config::Schema schema("MCPD_");
  auto& listen = schema.addHostPort(
      "listen", config.listen,
      "address to serve on (default 127.0.0.1:8080; with HTTPS [::]:8443, dual-stack, or "
      "0.0.0.0:8443 where IPv6 is off, as in Docker); an empty host means every address the "
      "same way; port 0 picks a free port (the log says which)");
  schema.addString("domain", config.domain, "NAME",
                   "serve HTTPS with the certificate certd keeps for NAME (default: plain HTTP)");
  schema.addString("certs_dir", config.certs_dir, "DIR",
                   "directory where certd writes NAME.cert.pem and NAME.key.pem");
  schema.addString("tls.cert", config.tls_cert, "FILE",
                   "serve HTTPS with this certificate chain (PEM, leaf first) instead of certd's "
                   "files; needs tls.key, no domain; reloaded when it is replaced or its "
                   "directory's symlinks swap (Kubernetes Secret volumes)");
  schema.addString("tls.key", config.tls_key, "FILE", "the private key (PEM) for tls.cert");
  schema.addDuration("tls.wait", config.tls_wait, {.max = std::chrono::days(7)},
                     "how long to wait at start-up for a valid certificate before giving up");
  schema.addDuration("tls.check_interval", config.tls_check, {},
                     "how often the certificate files are re-read even without a change event "
                     "(network filesystems)");
  schema.addString("health_listen", config.health_listen, "HOST:PORT",
                   "optional plain HTTP address for /healthz, /readyz and /metrics (answers "
                   "while waiting for the certificate)");
  schema.addString("replica_id", config.replica_id, "NAME",
                   "this replica's name (letters, digits, '-'; at most 32): every session id it "
                   "hands out starts with NAME. so that a load balancer can send a session to "
                   "the replica that holds it");
  schema.addString(
      "docs", config.docs, "PATH_OR_URL",
      "documentation: a Markdown folder, an index.json file or an https URL (default: built-in)");
  schema.addDuration("docs_refresh", config.docs_refresh,
                     {.min = std::chrono::seconds(10), .max = std::chrono::days(30)},
                     "how often an https docs URL is fetched again");
  schema.addString("docs_ca_bundle", config.docs_ca_bundle, "FILE",
                   "extra CA certificates (PEM) to trust for an https docs URL");
  schema.addString(
      "docs_language", config.docs_language, "CODE",
      "language of documents that name none, for stemming: en, de, fr, es... (ISO 639-1)");
  schema.addInteger("http.threads", config.http_threads, 4, 10000, "N",
                    "worker threads; each request being served (and each TLS SSE stream) holds "
                    "one, idle and slow connections hold none");
  schema.addInteger("http.queue", config.http_queue, 1, 100000, "N",
                    "whole requests waiting for a worker before new ones get 503");
  schema.addDuration("http.idle_timeout", config.http_idle_timeout, {.max = std::chrono::hours(1)},
                     "close a kept-alive connection idle this long between requests");
  schema.addDuration("http.header_timeout", config.http_header_timeout,
                     {.max = std::chrono::minutes(10)},
                     "a new connection must finish its TLS handshake and send a whole request "
                     "head within this, and a kept-alive one its next head from its first byte "
                     "(408 and close otherwise)");
  schema.addByteSize("http.body_min_rate", config.http_body_min_rate,
                     "a request body must arrive within http.header_timeout plus one second per "
                     "this many bytes (408 and close otherwise)");
  schema.addInteger("http.max_connections_per_client", config.http_max_connections_per_client, 0,
                    1000000, "N",
                    "open connections per client (IPv4 address or IPv6 /64: the one a PROXY "
                    "header names; a trusted proxy's own are not capped); more are closed at "
                    "once; 0: no cap");
  schema.addList("http.trusted_proxies", config.http_trusted_proxies, "ADDRESS,...",
                 "proxies (IPv4/IPv6 addresses, or networks as ADDRESS/BITS) whose Forwarded "
                 "or X-Forwarded-For/-Proto/-Host headers name the client, its scheme and host "
                 "(for per-client caps, logs and the landing page's URLs); from any other peer "
                 "they are ignored");
  schema.addChoice("http.forwarded_header", config.http_forwarded_header,
                   shared::http::kForwardingSourceNames,
                   "which headers of http.trusted_proxies name the client: x-forwarded-for "
                   "(X-Forwarded-*, what nginx, HAProxy and most balancers append), forwarded "
                   "(for a proxy that writes Forwarded and drops its clients' one) or auto "
                   "(Forwarded when present, else X-Forwarded-*)");
  schema.addBool("http.proxy_protocol", config.http_proxy_protocol,
                 "every connection starts with a PROXY protocol header (v1 or v2, as HAProxy's "
                 "send-proxy-v2 sends it) naming the client; only http.trusted_proxies may "
                 "connect");
  schema.addInteger(
      "http.concurrent_handlers", config.concurrent_handlers, 0, 10000, "N",
      "MCP messages handled at once, the rest queue in arrival order; 0: one per CPU core");
  schema.addList("http.allowed_hosts", config.allowed_hosts, "NAME,...",
                 "Host header values to accept (default: localhost names when listening on "
                 "loopback, else any)");
  schema.addList("http.allowed_origins", config.allowed_origins, "ORIGIN,...",
                 "browser Origins to accept besides loopback and the server's own host; * for any");
  schema.addByteSize("limits.max_body", config.max_body, "largest request body");
  schema.addInteger("limits.sessions", config.max_sessions, 1, 1000000, "N",
                    "open Streamable HTTP sessions at most; when full, the least recently "
                    "used idle session is closed to make room (never-used ones first)");
  schema.addInteger("limits.sessions_per_client", config.max_sessions_per_client, 1, 1000000, "N",
                    "open MCP sessions per client (an IPv4 address or an IPv6 /64), per "
                    "transport, at most");
  schema.addDuration("limits.session_idle", config.session_idle_timeout,
                     {.max = std::chrono::days(30)},
                     "a Streamable HTTP session unused this long is closed");
  schema.addInteger("limits.sse_streams", config.max_sse_streams, 1, 1000000, "N",
                    "open legacy SSE streams (and so legacy SSE sessions) at most");
  schema.addByteSize("limits.max_body_without_session", config.max_body_without_session,
                     "largest body of a request that carries no session (initialize, or a "
                     "stateless request)");
  schema.addInteger("limits.max_batch", config.max_batch, 1, 1000, "N",
                    "messages in one JSON-RPC batch at most; a longer batch gets one error");
  schema.addInteger("limits.max_json_values", config.max_json_values, 100, 100000, "N",
                    "JSON values in one request body at most, counted before it is parsed");
  schema.addDuration("limits.session_unused_idle", config.session_unused_timeout, {},
                     "a Streamable HTTP session that sees no request after initialize is closed "
                     "after this long");
  schema.addString("mcp.state_secret_file", config.state_secret_file, "FILE",
                   "secret (32 bytes or more) sealing MCP 2026-07-28 request state; give every "
                   "replica the same file");
  schema.addChoice("log.level", config.log.level, shared::log::kLevels, "log level");
  schema.addChoice("log.format", config.log.format, shared::log::kFormats,
                   "log format: text for people, json for one object per line");
  schema.addCheck([&config] { return checkDocsSource(config); });
  schema.addCheck([&config] { return checkDocsLanguage(config); });
  schema.addCheck([&config] { return checkHealthListen(config); });
  schema.addCheck([&config] { return checkTlsFiles(config); });
  schema.addCheck([&config] { return checkReplicaId(config); });
  schema.addCheck([&config] { return checkTrustedProxies(config); });
  // The listen default depends on the mode; a listen the user wrote always wins.
  schema.addCheck([&config, &listen]() -> std::optional<shared::config::Problem> {
    if (servesTls(config) && listen.origin.source == shared::config::Origin::Source::kDefault)
      config.listen = {"::", 8443};
    return std::nullopt;
  });
  return schema;
}

std::optional<shared::config::Problem> checkDocsSource(const McpdConfig& config) {
  if (config.docs.starts_with("http://")) {
    return shared::config::Problem{"docs", "\"" + config.docs + "\" must use https://"};
  }
  return std::nullopt;
}

std::optional<shared::config::Problem> checkDocsLanguage(const McpdConfig& config) {
  if (!corpus::languageOfTag(config.docs_language)) {
    return shared::config::Problem{"docs_language",
                                   "\"" + config.docs_language +
                                       "\" is not a language tag; use an ISO 639-1 code "
                                       "such as en, de, fr or es"};
  }
  return std::nullopt;
}

std::optional<shared::config::Problem> checkHealthListen(const McpdConfig& config) {
  if (config.health_listen.empty()) return std::nullopt;
  if (auto parsed = shared::net::parseHostPort(config.health_listen); !parsed)
    return shared::config::Problem{"health_listen", parsed.status().message()};
  return std::nullopt;
}

std::optional<shared::config::Problem> checkTlsFiles(const McpdConfig& config) {
  if (config.tls_cert.empty() && config.tls_key.empty()) return std::nullopt;
  if (config.tls_cert.empty())
    return shared::config::Problem{"tls.cert", "tls.key is set: give the certificate too"};
  if (config.tls_key.empty())
    return shared::config::Problem{"tls.key", "tls.cert is set: give its private key too"};
  if (!config.domain.empty()) {
    return shared::config::Problem{
        "tls.cert", "give either tls.cert/tls.key or a domain (certd's files in certs_dir \"" +
                        config.certs_dir + "\"), not both"};
  }
  return std::nullopt;
}

std::optional<shared::config::Problem> checkReplicaId(const McpdConfig& config) {
  const std::string& id = config.replica_id;
  // Session ids must stay visible ASCII (Streamable HTTP) and need no escaping in a URL
  // query (legacy SSE) or in a load balancer's rules.
  const bool ok = id.size() <= 32 && std::all_of(id.begin(), id.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '-';
                  });
  if (ok) return std::nullopt;
  return shared::config::Problem{
      "replica_id", "\"" + id.substr(0, 40) + "\" must be at most 32 letters, digits or '-'"};
}

std::optional<shared::config::Problem> checkTrustedProxies(const McpdConfig& config) {
  if (auto parsed = shared::net::AddressSet::parse(config.http_trusted_proxies); !parsed)
    return shared::config::Problem{"http.trusted_proxies", parsed.status().message()};
  if (config.http_proxy_protocol && config.http_trusted_proxies.empty()) {
    return shared::config::Problem{"http.proxy_protocol",
                                   "needs http.trusted_proxies: only they may send a PROXY header"};
  }
  return std::nullopt;
}

}  // namespace mcpd::app
