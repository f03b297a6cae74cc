#include "mcpd/app/mcpd_main.h"

#include "mcpd/app/config.h"
#include "mcpd/http/server.h"
#include "shared/cli/exit_codes.h"
#include "shared/cli/program.h"
#include "shared/signals.h"

namespace mcpd::app {
namespace {

// The daemon: serve until SIGTERM or SIGINT.
int serve(const McpdConfig& config) {
  const auto log = shared::log::get("mcpd");
  shared::SignalWaiter signals;  // before any thread starts, so they inherit the mask
  http::Server server({config.listen, config.http_threads, config.http_queue});
  if (shared::Status s = server.start(); !s) {
    log->error("cannot start: {}", s.message());
    return shared::cli::kExitUnavailable;
  }
  log->info("started");
  while (true) {
    const int signal = signals.wait();
    if (shared::SignalWaiter::isTermination(signal)) {
      log->info("stopping signal={}", signal);
      break;
    }
  }
  server.stop();
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
       .description = "Serves a documentation corpus to MCP clients (ChatGPT, Claude, Gemini, any\n"
                      "MCP SDK) over Streamable HTTP and the legacy HTTP+SSE transport."},
      schema, config.log);
  program.addCommand({.name = "run",
                      .summary = "serve until SIGTERM or SIGINT",
                      .run = [&](const shared::cli::Invocation&) { return serve(config); }});
  return program.run(argc, argv);
}

}  // namespace mcpd::app
