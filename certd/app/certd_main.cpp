#include "certd/app/certd_main.h"

#include <charconv>
#include <iostream>

#include "certd/app/account_command.h"
#include "certd/app/config.h"
#include "certd/app/dns_persist_command.h"
#include "certd/app/renew_command.h"
#include "certd/app/revoke_command.h"
#include "certd/app/run_command.h"
#include "certd/app/status_command.h"
#include "shared/cli/exit_codes.h"
#include "shared/cli/program.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

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
  program.addCommand(
      {.name = "run",
       .summary = "obtain and renew certificates until SIGTERM; SIGHUP re-reads the configuration",
       .run = [&](const shared::cli::Invocation& invocation) {
         return runDaemon(config, invocation.config_file, invocation.line.flags);
       }});
  program.addCommand(
      {.name = "renew",
       .summary = "one pass: order every certificate that is due (exit 0 issued, 1 nothing due, "
                  "2 error)",
       .arguments = "[NAME]",
       .flags = {{.flag = "--force",
                  .help = "order even before the renewal time (a back-off after failures "
                          "still applies)"}},
       .run = [&](const shared::cli::Invocation& invocation) {
         RenewOptions options;
         options.force = invocation.line.flagValue("--force").has_value();
         if (invocation.line.positionals.size() > 1) {
           shared::log::error(shared::log::get("certd"), "renew takes at most one NAME");
           return shared::cli::kExitUsage;
         }
         if (!invocation.line.positionals.empty()) {
           options.only_name = invocation.line.positionals.front();
         }
         return runRenew(config, options);
       }});
  program.addCommand(
      {.name = "status",
       .summary = "check every certificate; exit 0 only when all are valid and not overdue",
       .flags = {{.flag = "--json", .help = "print a JSON document instead of one line each"}},
       .run = [&](const shared::cli::Invocation& invocation) {
         return runStatusCommand(config, invocation.line.flagValue("--json").has_value(),
                                 std::cout);
       }});
  program.addCommand(
      {.name = "revoke",
       .summary = "revoke the saved certificate NAME at the CA (exit 0 revoked, 2 error)",
       .arguments = "NAME",
       .flags = {{.flag = "--reason",
                  .value_name = "REASON",
                  .help = "RFC 5280 reason, by name or code: unspecified (0, the default), "
                          "keyCompromise (1), affiliationChanged (3), superseded (4), "
                          "cessationOfOperation (5)"}},
       .run = [&](const shared::cli::Invocation& invocation) {
         if (invocation.line.positionals.size() != 1) {
           shared::log::error(shared::log::get("certd"), "revoke takes exactly one NAME");
           return shared::cli::kExitUsage;
         }
         return runRevoke(config, invocation.line.positionals.front(),
                          invocation.line.flagValue("--reason").value_or("0"));
       }});
  program.addCommand(
      {.name = "account",
       .summary = "rollover: replace the ACME account key; deactivate: close the account at "
                  "the CA; dns-persist-record DOMAIN: print (--publish: publish) the account's "
                  "dns-persist-01 TXT record (exit 0 done, 2 error)",
       .arguments = "rollover|deactivate|dns-persist-record DOMAIN",
       .flags = {{.flag = "--key-type",
                  .value_name = "TYPE",
                  .help = "rollover: type of the new key, ec256, ec384 or rsa2048..4096 "
                          "(default: the current key's type)"},
                 {.flag = "--yes",
                  .help = "deactivate: confirm; the CA refuses the account for good"},
                 {.flag = "--publish",
                  .help = "dns-persist-record: also add the record over RFC 2136 (the dns.* "
                          "keys) and wait until the zone's servers serve it"},
                 {.flag = "--persist-until",
                  .value_name = "UNIX",
                  .help = "dns-persist-record: the time (UNIX seconds) after which the CA must "
                          "no longer accept the record"}},
       .run =
           [&](const shared::cli::Invocation& invocation) {
             const auto& args = invocation.line.positionals;
             if (!args.empty() && args.front() == "dns-persist-record") {
               if (args.size() != 2) {
                 shared::log::error(shared::log::get("certd"),
                                    "account dns-persist-record takes one DOMAIN");
                 return shared::cli::kExitUsage;
               }
               DnsPersistRecordOptions options{
                   .domain = args[1],
                   .publish = invocation.line.flagValue("--publish").has_value()};
               if (auto until = invocation.line.flagValue("--persist-until")) {
                 std::int64_t seconds = 0;
                 const auto [end, error] =
                     std::from_chars(until->data(), until->data() + until->size(), seconds);
                 if (error != std::errc() || end != until->data() + until->size() || seconds < 0) {
                   shared::log::error(shared::log::get("certd"),
                                      "account dns-persist-record: --persist-until takes UNIX "
                                      "seconds",
                                      {{"value", *until}});
                   return shared::cli::kExitUsage;
                 }
                 options.persist_until = seconds;
               }
               return runDnsPersistRecord(config, options);
             }
             const std::string action = args.size() == 1 ? args.front() : "";
             if (action == "rollover") {
               return runAccountRollover(config,
                                         invocation.line.flagValue("--key-type").value_or(""));
             }
             if (action == "deactivate") {
               return runAccountDeactivate(config, invocation.line.flagValue("--yes").has_value());
             }
             shared::log::error(shared::log::get("certd"),
                                "account takes one action: rollover, deactivate or "
                                "dns-persist-record DOMAIN");
             return shared::cli::kExitUsage;
           },
       .before_config = [&config] { config.domains_optional = true; }});
  return program.run(argc, argv);
}

}  // namespace certd::app
