#include "mcpd/app/mcpd_main.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <thread>

#include "mcpd/app/config.h"
#include "mcpd/app/healthcheck_command.h"
#include "mcpd/app/mcp_server.h"
#include "mcpd/app/metrics.h"
#include "mcpd/app/tls_front.h"
#include "mcpd/docs/docs_source.h"
#include "mcpd/http/router.h"
#include "mcpd/http/server.h"
#include "mcpd/transport/body_admission.h"
#include "mcpd/transport/sse_hub.h"
#include "mcpd/web/site.h"
#include "shared/cli/exit_codes.h"
#include "shared/cli/program.h"
#include "shared/clock.h"
#include "shared/log/fields.h"
#include "shared/periodic_task.h"
#include "shared/sd_notify.h"
#include "shared/signals.h"

namespace mcpd::app {
namespace {

// Reloads the documentation and swaps it in; a failure keeps the old corpus.
void reloadDocs(docs::DocsSource& source, docs::Library& library) {
  const auto log = shared::log::get("mcpd.docs");
  auto index = source.reload();
  if (!index) {
    shared::log::warn(log, "refresh failed, keeping the current documentation",
                      {{"error", index.status().message()}});
  } else if (!*index) {
    shared::log::debug(log, "refresh: unchanged", {{"source", source.spec()}});
  } else {
    library.replace(*index);
    shared::log::info(
        log, "documentation reloaded",
        {{"documents", (*index)->corpus().size()}, {"source", (*index)->corpus().source()}});
  }
}

// Host names MCP requests may carry. A TLS server on loopback (behind a proxy, or in a
// test) answers to its certificate's name as well as to the loopback names.
std::vector<std::string> allowedHosts(const McpdConfig& config) {
  if (!config.allowed_hosts.empty() || config.domain.empty() ||
      !http::RequestGuard::isLoopbackName(config.listen.host)) {
    return config.allowed_hosts;
  }
  return {"localhost", "127.0.0.1", "::1", config.domain};
}

// The daemon: serve until SIGTERM or SIGINT; SIGHUP reloads the documentation and the
// certificate. With HTTPS (a domain or tls.cert), wait for a valid certificate first.
int serve(const McpdConfig& config) {
  const auto log = shared::log::get("mcpd");
  shared::SignalWaiter signals;  // before any thread starts, so they inherit the mask

  docs::DocsSource source(config.docs, config.docs_ca_bundle, config.docs_language);
  auto index = source.load();
  if (!index) {
    log->error("cannot load the documentation: {}", index.status().message());
    return source.isRemote() ? shared::cli::kExitUnavailable : shared::cli::kExitConfig;
  }
  auto library = std::make_shared<docs::Library>(*index);
  shared::log::info(
      log, "documentation loaded",
      {{"documents", (*index)->corpus().size()}, {"source", (*index)->corpus().source()}});

  if (!transport::configureAllocatorForLargeBodies())
    log->warn("cannot set the allocator's mmap threshold; large bodies may stay resident");
  const auto mcp = buildMcpServer(library);
  if (!config.state_secret_file.empty()) {
    // Read once at start: a key that changed under a running server would break the
    // requestState other replicas sealed with the old one.
    std::ifstream in(config.state_secret_file, std::ios::binary);
    const std::string contents((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
    auto key = in.bad() || !in.is_open() ? shared::Result<std::string>(shared::Status::ioError(
                                               "cannot read " + config.state_secret_file))
                                         : protocol::RequestStateSealer::keyFromFile(contents);
    if (!key) {
      log->error("configuration error: mcp.state_secret_file: {}", key.status().message());
      return shared::cli::kExitConfig;
    }
    mcp->setRequestStateKey(std::move(*key));
  }
  transport::SessionRegistry registry(
      {.max_sessions = static_cast<std::size_t>(config.max_sessions),
       .max_per_client = static_cast<std::size_t>(config.max_sessions_per_client),
       .idle_timeout = config.session_idle_timeout,
       .max_legacy_sessions = static_cast<std::size_t>(config.max_sse_streams),
       .unused_timeout = config.session_unused_timeout},
      shared::SystemClock::instance(), config.replica_id);
  transport::SseHub hub({});
  const shared::Status hub_started = hub.start();
  if (!hub_started) {
    log->warn("legacy SSE streams will hold worker threads: {}", hub_started.message());
  }
  transport::TransportContext transports(
      *mcp, registry,
      {.max_body_bytes = config.max_body,
       .max_streams = static_cast<std::size_t>(config.max_sse_streams),
       // Streams that hold a worker (TLS) may take half the pool; requests keep the rest.
       .max_threaded_streams = static_cast<std::size_t>(config.http_threads / 2),
       .concurrent_handlers = config.concurrent_handlers > 0
                                  ? static_cast<std::size_t>(config.concurrent_handlers)
                                  : std::max(2u, std::thread::hardware_concurrency()),
       .max_body_without_session = config.max_body_without_session,
       .body_limits = {.max_values = static_cast<std::size_t>(config.max_json_values),
                       .max_batch = static_cast<std::size_t>(config.max_batch)}},
      hub_started ? &hub : nullptr);
  http::RequestGuard guard(allowedHosts(config), config.allowed_origins,
                           http::RequestGuard::isLoopbackName(config.listen.host));

  std::unique_ptr<TlsFront> tls;
  if (servesTls(config)) {
    try {
      tls = std::make_unique<TlsFront>(config);
    } catch (const std::exception& e) {
      log->error("cannot set up TLS: {}", e.what());
      return shared::cli::kExitSoftware;
    }
  }
  std::atomic<bool> ready{false};
  std::atomic<const http::Server*> serving{nullptr};  // the main listener, once it runs
  const http::OpsEndpoints ops{
      .ready = [&ready] { return ready.load(); },
      .docs_version = [&library] { return library->version(); },
      .metrics =
          [&] {
            std::function<shared::http::Front::Stats()> connections;
            if (const http::Server* server = serving.load())
              connections = [server] { return server->frontStats(); };
            return renderMetrics({tls ? &tls->reloader() : nullptr, &transports, library.get(),
                                  std::move(connections)});
          }};

  // The plain health port answers while mcpd still waits for its certificate.
  std::unique_ptr<http::Server> health;
  if (!config.health_listen.empty()) {
    health = std::make_unique<http::Server>(
        http::ServerOptions{.listen = *shared::net::parseHostPort(config.health_listen),
                            .threads = 4,
                            .queue = 64,
                            .idle_timeout = config.http_idle_timeout,
                            .header_timeout = config.http_header_timeout,
                            // Probes and scrapers connect directly: no proxy, no PROXY header.
                            .max_connections_per_client = config.http_max_connections_per_client},
        new http::Router(nullptr, guard, ops));
    if (shared::Status s = health->start(); !s) {
      log->error("cannot start the health listener: {}", s.message());
      return shared::cli::kExitUnavailable;
    }
  }
  if (tls) {
    tls->start();
    const int waited = tls->waitForCertificate(signals, config.tls_wait);
    if (waited < 0) {
      // certd's files are named for the domain; files given with tls.cert by their path.
      const std::string what = config.domain.empty()
                                   ? "at " + tls->reloader().paths().chain.string()
                                   : "for " + config.domain;
      log->error("no valid certificate {} after {}s: {}", what, config.tls_wait.count(),
                 tls->reloader().stats().last_error.empty() ? "the files never appeared"
                                                            : tls->reloader().stats().last_error);
      return shared::cli::kExitUnavailable;
    }
    if (waited > 0) {
      shared::log::info(log, "stopping before the certificate arrived", {{"signal", waited}});
      return shared::cli::kExitOk;
    }
  }

  const web::Site site{
      .library = library, .tls = tls ? &tls->reloader() : nullptr, .domain = config.domain};
  http::Server server(
      {.listen = config.listen,
       .threads = config.http_threads,
       .queue = config.http_queue,
       .tls = tls ? tls->context() : nullptr,
       .idle_timeout = config.http_idle_timeout,
       .header_timeout = config.http_header_timeout,
       .body_min_rate = config.http_body_min_rate,
       .max_connections_per_client = config.http_max_connections_per_client,
       // checkTrustedProxies() accepted the list
       .trusted_proxies = shared::net::AddressSet::parse(config.http_trusted_proxies).value(),
       .forwarding_source = shared::http::forwardingSourceNamed(config.http_forwarded_header),
       .proxy_protocol = config.http_proxy_protocol},
      new http::Router(&transports, guard, ops, &site));
  if (shared::Status s = server.start(); !s) {
    log->error("cannot start: {}", s.message());
    return shared::cli::kExitUnavailable;
  }
  serving = &server;
  ready = true;
  // systemd (Type=notify) starts units ordered after mcpd only now that it answers.
  if (shared::Status sent = shared::notifySystemd("READY=1"); !sent)
    log->warn("{}", sent.message());

  // Often enough that a session outlives its timeout by half of it at most.
  const auto sweep_every = std::clamp<std::chrono::seconds>(
      std::min(config.session_unused_timeout, config.session_idle_timeout) / 2,
      std::chrono::seconds(1), std::chrono::seconds(30));
  shared::PeriodicTask sweeper("mcpd.sessions", sweep_every, [&registry] {
    if (const std::size_t n = registry.expireIdle())
      shared::log::info(shared::log::get("mcpd.sessions"), "expired idle sessions", {{"count", n}});
  });
  sweeper.start();
  shared::PeriodicTask refresher("mcpd.docs", config.docs_refresh,
                                 [&] { reloadDocs(source, *library); });
  if (source.isRemote()) refresher.start();

  log->info("started");
  while (true) {
    const int signal = signals.wait();
    if (shared::SignalWaiter::isTermination(signal)) {
      shared::log::info(log, "stopping", {{"signal", signal}});
      break;
    }
    shared::log::info(log, "reloading the documentation and the certificate",
                      {{"signal", "SIGHUP"}});
    if (tls) tls->reload();
    if (source.isRemote()) {
      refresher.trigger();
    } else {
      reloadDocs(source, *library);
    }
  }
  (void)shared::notifySystemd("STOPPING=1");
  refresher.stop();
  sweeper.stop();
  transports.stopping = true;
  hub.stop();        // closes the streams it holds
  registry.clear();  // wakes every threaded SSE stream so its worker returns
  serving = nullptr;
  if (health) health->stop();  // its /metrics reads the main server
  server.stop();
  if (tls) tls->stop();
  log->info("stopped");
  return shared::cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  McpdConfig config;
  shared::config::Schema schema = buildSchema(config);
  shared::cli::Program program(
      {.name = "mcpd",
       .summary = "a Model Context Protocol documentation server",
       .description =
           "Serves a documentation corpus to MCP clients (ChatGPT, Claude, Gemini, any\n"
           "MCP SDK) over Streamable HTTP (/mcp) and the legacy HTTP+SSE transport (/sse)."},
      schema, config.log);
  program.addCommand(
      {.name = "run",
       .summary = "serve until SIGTERM or SIGINT; SIGHUP reloads the documentation and certificate",
       .run = [&](const shared::cli::Invocation&) { return serve(config); }});
  program.addCommand(
      {.name = "healthcheck",
       .summary = "exit 0 when the mcpd at health_listen is serving (a container HEALTHCHECK)",
       .run = [&](const shared::cli::Invocation&) { return runHealthcheck(config); }});
  return program.run(argc, argv);
}

}  // namespace mcpd::app
