#include "certd/app/renew_command.h"

#include <memory>

#include "certd/acme/client.h"
#include "certd/app/acme_session.h"
#include "certd/app/certificate_list.h"
#include "certd/app/due_check.h"
#include "certd/app/save_issued.h"
#include "certd/challenge/http01_standalone.h"
#include "certd/challenge/http01_webroot.h"
#include "certd/issue/issuer.h"
#include "shared/log/logging.h"

namespace certd::app {

int runRenew(const CertdConfig& config, const RenewOptions& options) {
  const auto log = shared::log::get("certd");
  std::vector<CertificateConfig> due;
  bool found = options.only_name.empty();
  for (const CertificateConfig& cert : effectiveCertificates(config)) {
    if (!options.only_name.empty() && cert.name != options.only_name) continue;
    found = true;
    const DueDecision decision =
        checkDue(config.certs_dir, cert.name, cert.domains, shared::SystemClock::instance().now());
    if (!decision.due && !options.force) {
      log->info("certificate not due name={} reason=\"{}\"", cert.name, decision.reason);
      continue;
    }
    log->info("certificate due name={} reason=\"{}\"", cert.name,
              options.force ? "forced" : decision.reason);
    due.push_back(cert);
  }
  if (!found) {
    log->error("renew: no certificate named \"{}\" in the configuration", options.only_name);
    return kRenewFailed;
  }
  if (due.empty()) return kRenewNothingDue;

  auto session = openAcmeSession(config);
  if (!session) {
    log->error("{}", session.status().message());
    return kRenewFailed;
  }
  acme::AcmeClient& client = *(*session)->client;
  std::unique_ptr<challenge::Http01Standalone> standalone;  // one listener for the whole pass
  int failures = 0;
  for (const CertificateConfig& cert : due) {
    std::unique_ptr<challenge::Http01Webroot> webroot;
    challenge::Solver* solver = nullptr;
    if (cert.solver == "webroot") {
      webroot = std::make_unique<challenge::Http01Webroot>(cert.webroot);
      solver = webroot.get();
    } else {
      if (!standalone) {
        standalone = std::make_unique<challenge::Http01Standalone>(shared::net::HostPort{
            config.acme_listen, static_cast<std::uint16_t>(config.acme_port)});
      }
      solver = standalone.get();
    }
    issue::IssueRequest request{.domains = cert.domains,
                                .key_type = *cert.key_type,
                                .profile = cert.profile,
                                .preferred_chain = cert.preferred_chain};
    auto issued = issue::issueCertificate(client, *solver, request);
    shared::Status status =
        issued ? saveIssued(config.certs_dir, cert.name, issued->key, issued->chain)
               : issued.status();
    if (!status) {
      ++failures;
      log->error("{}", status.message());
      continue;
    }
    log->info("certificate saved name={} path={}", cert.name,
              certificatePath(config.certs_dir, cert.name).string());
  }
  log->info("acme traffic requests={} connections={}", client.sender().requestCount(),
            client.sender().connectionCount());
  return failures > 0 ? kRenewFailed : kRenewIssued;
}

}  // namespace certd::app
