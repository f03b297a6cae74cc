#include "certd/app/renew_command.h"

#include <Poco/Exception.h>

#include <cctype>
#include <memory>

#include "certd/acme/account_store.h"
#include "certd/acme/client.h"
#include "certd/app/certificate_list.h"
#include "certd/app/due_check.h"
#include "certd/app/save_issued.h"
#include "certd/challenge/http01_standalone.h"
#include "certd/challenge/http01_webroot.h"
#include "certd/issue/account_setup.h"
#include "certd/issue/issuer.h"
#include "shared/fs/atomic_file.h"
#include "shared/log/logging.h"

namespace certd::app {
namespace {

// The EAB credentials from the config; the key from eab_hmac_key or its file.
shared::Result<acme::EabCredentials> eabOf(const CertdConfig& config) {
  acme::EabCredentials eab{config.eab_kid, config.eab_hmac_key};
  if (eab.kid.empty() || !eab.hmac_key_b64url.empty()) return eab;
  auto text = shared::fs::readFile(config.eab_hmac_key_file);
  if (!text) return text.status().withContext("eab_hmac_key_file");
  std::string key = std::move(text).value();
  while (!key.empty() && std::isspace(static_cast<unsigned char>(key.back()))) key.pop_back();
  eab.hmac_key_b64url = std::move(key);
  return eab;
}

// The account store and the client of one run; the client's re-register hook refers to
// the store, so both live and die together.
struct AcmeSession {
  explicit AcmeSession(const CertdConfig& config)
      : store(config.stateDir(), config.directoryUrl()) {}
  acme::AccountStore store;
  std::unique_ptr<acme::AcmeClient> client;
};

// Account, directory and client for one run; ok or the first failure.
shared::Result<std::unique_ptr<AcmeSession>> connect(const CertdConfig& config) {
  auto session = std::make_unique<AcmeSession>(config);
  acme::AccountStore& store = session->store;
  bool fresh_key = false;
  auto key = store.loadOrCreateKey(shared::pki::KeyType::kEcP256, fresh_key);
  if (!key) return key.status();
  auto signer = acme::JwsSigner::create(std::move(key).value());
  if (!signer) return signer.status();
  auto eab = eabOf(config);
  if (!eab) return eab.status();
  std::unique_ptr<acme::AcmeClient>& client = session->client;
  try {
    acme::ClientOptions options;
    options.directory_url = config.directoryUrl();
    options.http.ca_bundle = config.ca_bundle;
    client = std::make_unique<acme::AcmeClient>(options, std::move(signer).value());
  } catch (const Poco::Exception& e) {
    return shared::Status::invalidArgument("acme: TLS setup (ca_bundle " + config.ca_bundle +
                                           "): " + e.displayText());
  }
  if (shared::Status status = client->loadDirectory(); !status) return status;
  std::vector<std::string> emails;
  if (!config.email.empty()) emails.push_back(config.email);
  if (shared::Status status =
          issue::ensureAccount(*client, store, {emails, std::move(eab).value()}, fresh_key);
      !status) {
    return status;
  }
  return session;
}

}  // namespace

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

  auto session = connect(config);
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
