#include "certd/app/revoke_command.h"

#include <algorithm>

#include "certd/acme/operations.h"
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
  // RFC 5280 §5.3.1 codes that RFC 8555 allows a subscriber to send (7 is unused).
  static const std::vector<std::string> kReasons = {"0", "1", "3", "4", "5"};
  if (std::find(kReasons.begin(), kReasons.end(), reason) == kReasons.end()) {
    log->error("revoke: --reason must be one of 0, 1, 3, 4, 5; got \"{}\"", reason);
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
  if (shared::Status status =
          acme::revokeCertificate(*(*session)->client, leaf.toDer(), std::stoi(reason));
      !status) {
    log->error("revoke {}: {}", name, status.message());
    return 2;
  }
  log->info("certificate revoked name={} serial={} reason={}", name, leaf.serialHex(), reason);
  return 0;
}

}  // namespace certd::app
