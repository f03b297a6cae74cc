#include "tests/mcp/conformance_server/conformance_server.h"

#include <fstream>
#include <iostream>
#include <iterator>
#include <string_view>

#include "mcpd/http/request_guard.h"
#include "mcpd/http/router.h"
#include "mcpd/http/server.h"
#include "mcpd/transport/session_registry.h"
#include "mcpd/transport/transport_context.h"
#include "shared/cli/exit_codes.h"
#include "shared/clock.h"
#include "shared/log/logging.h"
#include "shared/signals.h"
#include "tests/mcp/conformance_server/fixture_completions.h"
#include "tests/mcp/conformance_server/fixture_prompts.h"
#include "tests/mcp/conformance_server/fixture_resources.h"
#include "tests/mcp/conformance_server/fixture_tools.h"

namespace conformance {
namespace {

constexpr const char* kUsage =
    "usage: mcpd_conformance_server [--listen HOST:PORT] [--state-secret-file FILE]";

}  // namespace

std::unique_ptr<mcpd::protocol::Server> buildConformanceServer() {
  auto server = std::make_unique<mcpd::protocol::Server>(mcpd::protocol::ServerInfo{
      .name = "mcpd-conformance-fixture",
      .title = "mcpd conformance fixture",
      .version = "1.0.0",
      .instructions = "A fixture for the MCP conformance suite: test_* tools, test:// resources, "
                      "test_* prompts.",
  });
  auto resources = std::make_shared<FixtureResources>();
  server->setResources(resources);
  server->setPrompts(std::make_shared<FixturePrompts>());
  server->setCompletions(std::make_shared<FixtureCompletions>());
  addContentTools(*server);
  addInteractiveTools(*server, resources);
  addRoundTripTools(*server);
  return server;
}

int run(int argc, char** argv) {
  shared::net::HostPort listen{"127.0.0.1", 0};
  std::string state_key;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--listen" && i + 1 < argc) {
      auto parsed = shared::net::parseHostPort(argv[++i]);
      if (!parsed) {
        std::cerr << "mcpd_conformance_server: --listen: " << parsed.status().message() << "\n"
                  << kUsage << "\n";
        return shared::cli::kExitUsage;
      }
      listen = *parsed;
    } else if (arg == "--state-secret-file" && i + 1 < argc) {
      // The key that seals 2026-07-28 requestState: from a file, as every replica of a
      // deployment shares it, never a per-process random.
      std::ifstream in(argv[++i]);
      const std::string contents((std::istreambuf_iterator<char>(in)),
                                 std::istreambuf_iterator<char>());
      auto key = mcpd::protocol::RequestStateSealer::keyFromFile(contents);
      if (!in.good() && contents.empty()) key = shared::Status::ioError("cannot read the file");
      if (!key) {
        std::cerr << "mcpd_conformance_server: --state-secret-file " << argv[i] << ": "
                  << key.status().message() << "\n";
        return shared::cli::kExitConfig;
      }
      state_key = std::move(*key);
    } else {
      std::cerr << kUsage << "\n";
      return arg == "--help" ? shared::cli::kExitOk : shared::cli::kExitUsage;
    }
  }
  if (shared::Status s = shared::log::setup({}); !s) {
    std::cerr << "mcpd_conformance_server: " << s.message() << "\n";
    return shared::cli::kExitSoftware;
  }
  const auto log = shared::log::get("conformance");
  shared::SignalWaiter signals;  // before any thread starts, so they inherit the mask

  const auto mcp = buildConformanceServer();
  if (!state_key.empty()) mcp->setRequestStateKey(state_key);
  // The suite opens a session per scenario and never deletes them.
  mcpd::transport::SessionRegistry registry(
      {.max_sessions = 1000, .max_per_client = 1000, .idle_timeout = std::chrono::minutes(10)},
      shared::SystemClock::instance());
  mcpd::transport::TransportContext transports(*mcp, registry, {});
  const bool loopback =
      listen.host == "localhost" || listen.host.starts_with("127.") || listen.host == "::1";
  mcpd::http::Server http(
      {listen, 64, 256},
      new mcpd::http::Router(&transports, mcpd::http::RequestGuard({}, {}, loopback)));
  if (shared::Status s = http.start(); !s) {
    log->error("cannot start: {}", s.message());
    return shared::cli::kExitUnavailable;
  }
  log->info("started url=http://localhost:{}/mcp", http.boundAddress().port);
  while (!shared::SignalWaiter::isTermination(signals.wait())) {
  }
  log->info("stopping");
  transports.stopping = true;
  registry.clear();
  http.stop();
  log->info("stopped");
  return shared::cli::kExitOk;
}

}  // namespace conformance
