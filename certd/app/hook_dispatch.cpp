#include "certd/app/hook_dispatch.h"

#include "certd/hooks/hook_runner.h"
#include "shared/log/logging.h"

namespace certd::app {
namespace {

void runOne(const char* kind, const std::string& command, const CertdConfig& config,
            const CertificateConfig& certificate, const std::optional<std::string>& error) {
  if (command.empty()) return;
  const auto log = shared::log::get("certd.hooks");
  const auto env = hooks::hookEnvironment(store::CertsLayout(config.certs_dir), certificate.name,
                                          certificate.domains, error);
  log->info("{} hook started name={}", kind, certificate.name);
  auto result = hooks::runHook(command, env, config.hook_timeout);
  if (!result) {
    log->error("{} hook not started name={}: {}", kind, certificate.name,
               result.status().message());
    return;
  }
  std::string output = result->output;
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
  if (!output.empty()) {
    // One log line per hook: its own line breaks are escaped.
    std::string escaped;
    for (char c : output) escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
    log->info("{} hook output name={} output=\"{}\"", kind, certificate.name, escaped);
  }
  if (result->timed_out) {
    log->error("{} hook timed out name={} timeout={}s (process group killed)", kind,
               certificate.name, config.hook_timeout.count());
  } else if (!result->ok()) {
    log->error("{} hook failed name={} exit_code={}", kind, certificate.name, result->exit_code);
  } else {
    log->info("{} hook finished name={}", kind, certificate.name);
  }
}

}  // namespace

void runDeployHook(const CertdConfig& config, const CertificateConfig& certificate) {
  runOne("deploy", certificate.deploy_hook, config, certificate, std::nullopt);
}

void runFailureHook(const CertdConfig& config, const CertificateConfig& certificate,
                    const std::string& error) {
  runOne("failure", certificate.failure_hook, config, certificate, error);
}

}  // namespace certd::app
