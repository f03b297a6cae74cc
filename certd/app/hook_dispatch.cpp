#include "certd/app/hook_dispatch.h"

#include "certd/hooks/hook_runner.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace certd::app {
namespace {

void runOne(const char* kind, const std::string& command, const CertdConfig& config,
            const renewal::ManagedCertificate& certificate,
            const std::optional<std::string>& error) {
  if (command.empty()) return;
  const auto log = shared::log::get("certd.hooks");
  const auto env = hooks::hookEnvironment(store::CertsLayout(config.certs_dir), certificate.name,
                                          certificate.domains, error);
  shared::log::info(log, std::string(kind) + " hook started", {{"name", certificate.name}});
  auto result = hooks::runHook(command, env, config.hook_timeout);
  if (!result) {
    shared::log::error(log, std::string(kind) + " hook not started",
                       {{"name", certificate.name}, {"error", result.status().message()}});
    return;
  }
  std::string output = result->output;
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
  // One field, whatever the hook printed: the formatters escape its line breaks, quotes,
  // CR and ESC, so it can neither add a field nor a line of its own.
  if (!output.empty()) {
    shared::log::info(log, std::string(kind) + " hook output",
                      {{"name", certificate.name}, {"output", output}});
  }
  if (result->timed_out) {
    shared::log::error(log, std::string(kind) + " hook timed out, process group killed",
                       {{"name", certificate.name}, {"timeout_s", config.hook_timeout.count()}});
  } else if (!result->ok()) {
    shared::log::error(log, std::string(kind) + " hook failed",
                       {{"name", certificate.name}, {"exit_code", result->exit_code}});
  } else {
    shared::log::info(log, std::string(kind) + " hook finished", {{"name", certificate.name}});
  }
}

}  // namespace

void runDeployHook(const CertdConfig& config, const renewal::ManagedCertificate& certificate) {
  runOne("deploy", certificate.deploy_hook, config, certificate, std::nullopt);
}

void runFailureHook(const CertdConfig& config, const renewal::ManagedCertificate& certificate,
                    const std::string& error) {
  runOne("failure", certificate.failure_hook, config, certificate, error);
}

}  // namespace certd::app
