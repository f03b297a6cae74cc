#include "certd/app/certd_main.h"

#include <iostream>

#include "certd/app/config.h"
#include "certd/app/status_command.h"
#include "shared/cli/exit_codes.h"
#include "shared/cli/program.h"

namespace certd::app {

int main(int argc, char** argv) {
  CertdConfig config;
  shared::config::Schema schema = buildSchema(config);
  shared::cli::Program program(
      {.name = "certd",
       .summary = "obtains and renews TLS certificates over ACME (Let's Encrypt)",
       .description = "Writes each certificate, its key and metadata atomically into a certs\n"
                      "directory that any service (mcpd, nginx, HAProxy) can read, and renews\n"
                      "them long before they expire."},
      schema, config.log);
  program.addCommand({.name = "run",
                      .summary = "obtain and renew certificates until SIGTERM",
                      .run = [&](const shared::cli::Invocation&) {
                        // The ACME flow arrives with issue 5; refuse rather than pretend.
                        shared::log::get("certd")->error(
                            "certificate issuance is not implemented in this version");
                        return shared::cli::kExitUnavailable;
                      }});
  program.addCommand(
      {.name = "status",
       .summary = "check every certificate; exit 0 only when all are valid and not overdue",
       .flags = {{.flag = "--json", .help = "print a JSON document instead of one line each"}},
       .run = [&](const shared::cli::Invocation& invocation) {
         return runStatusCommand(config, invocation.line.flagValue("--json").has_value(),
                                 std::cout);
       }});
  return program.run(argc, argv);
}

}  // namespace certd::app
