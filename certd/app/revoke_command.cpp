#include "certd/app/revoke_command.h"

#include <algorithm>
#include <optional>

#include "certd/acme/operations.h"
#include "certd/acme/revocation_reason.h"
#include "certd/app/certificate_list.h"
#include "certd/app/renewal_settings_of.h"
#include "certd/renewal/acme_session.h"
#include "certd/store/paths.h"
#include "shared/cli/exit_codes.h"
#include "shared/fs/atomic_file.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"
#include "shared/pki/certificate_chain.h"

namespace certd::app {
namespace {

constexpr int kKeyCompromise = 1;

// The saved key of certificate `name` as a JWS signer, when it matches `leaf`. RFC 8555
// §7.6 lets the certificate key itself sign a revocation; for keyCompromise that proves
// possession, and a CA such as Let's Encrypt then blocks the key for new certificates.
// nullopt (with a warning) when the key is missing or unusable: the account signs instead.
std::optional<acme::JwsSigner> certificateKey(const CertdConfig& config, const std::string& name,
                                              const shared::pki::Certificate& leaf) {
  const auto log = shared::log::get("certd");
  const auto path = store::CertsLayout(config.certs_dir).publicPath(name, store::PublicFile::kKey);
  auto pem = shared::fs::readFile(path);
  auto key = pem ? shared::pki::PrivateKey::fromPem(*pem) : pem.status();
  if (key && !shared::pki::keyMatches(*key, leaf)) {
    key = shared::Status::invalidArgument("it does not match the certificate");
  }
  auto signer = key ? acme::JwsSigner::create(std::move(key).value()) : key.status();
  if (!signer) {
    log->warn("revoke {}: the account signs instead of the certificate key {}: {}", name,
              path.string(), signer.status().message());
    return std::nullopt;
  }
  return std::move(signer).value();
}

}  // namespace

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
  auto session = renewal::openAcmeSession(acmeSessionSettingsOf(config));
  if (!session) {
    log->error("{}", session.status().message());
    return 2;
  }
  const shared::pki::Certificate& leaf = chain->leaf();
  acme::AcmeClient& client = *(*session)->client;
  std::optional<acme::JwsSigner> certificate_key;
  if (*code == kKeyCompromise) certificate_key = certificateKey(config, name, leaf);
  const shared::Status status =
      certificate_key
          ? acme::revokeCertificateWithKey(client, leaf.toDer(), *code, *certificate_key)
          : acme::revokeCertificate(client, leaf.toDer(), *code);
  if (!status) {
    log->error("revoke {}: {}", name, status.message());
    return 2;
  }
  shared::log::info(log, "certificate revoked",
                    {{"name", name},
                     {"serial", leaf.serialHex()},
                     {"reason", acme::revocationReasonName(*code)},
                     {"reason_code", *code},
                     {"signed_by", certificate_key ? "certificate key" : "account key"}});
  return 0;
}

}  // namespace certd::app
