#include "certd/app/revoke_command.h"

#include <algorithm>
#include <optional>

#include "certd/acme/operations.h"
#include "certd/acme/revocation_reason.h"
#include "certd/app/acme_session.h"
#include "certd/app/certificate_list.h"
#include "certd/store/paths.h"
#include "shared/cli/exit_codes.h"
#include "shared/fs/atomic_file.h"
#include "shared/log/logging.h"
#include "shared/pki/certificate_chain.h"

namespace certd::app {

int runRevoke(const CertdConfig& config, const std::string& name, const std::string& reason) {
  const auto log = shared::log::get("certd");
  const std::optional<int> code = acme::parseRevocationReason(reason);
  if (!code) {
    log->error("revoke: --reason must be one of {}; got \"{}\"", acme::revocationReasonList(),
               reason);
    return shared::cli::kExitUsage;
  }
  const auto certificates = effectiveCertificates(config);
  if (std::none_of(certificates.begin(), certificates.end(),
                   [&](const CertificateConfig& cert) { return cert.name == name; })) {
    log->error("revoke: no certificate named \"{}\" in the configuration", name);
    return 2;
  }
  const auto path = store::CertsLayout(config.certs_dir).publicPath(name, store::PublicFile::kCert);
  auto pem = shared::fs::readFile(path);
  auto chain = pem ? shared::pki::parseChainPem(*pem) : pem.status();
  if (!chain) {
    log->error("revoke {}: {}", name, chain.status().message());
    return 2;
  }
  auto session = openAcmeSession(config);
  if (!session) {
    log->error("{}", session.status().message());
    return 2;
  }
  const shared::pki::Certificate& leaf = chain->leaf();
  if (shared::Status status = acme::revokeCertificate(*(*session)->client, leaf.toDer(), *code);
      !status) {
    log->error("revoke {}: {}", name, status.message());
    return 2;
  }
  log->info("certificate revoked name={} serial={} reason={} ({})", name, leaf.serialHex(),
            acme::revocationReasonName(*code), *code);
  return 0;
}

}  // namespace certd::app
