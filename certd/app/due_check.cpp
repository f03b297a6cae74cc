#include "certd/app/due_check.h"

#include "certd/app/save_issued.h"
#include "shared/fs/atomic_file.h"
#include "shared/pki/certificate_chain.h"
#include "shared/pki/private_key.h"

namespace certd::app {

DueDecision checkDue(const std::filesystem::path& certs_dir, const std::string& name,
                     const std::vector<std::string>& domains, shared::Clock::TimePoint now) {
  auto chain_pem = shared::fs::readFile(certificatePath(certs_dir, name));
  if (!chain_pem) return {true, "no certificate on disk"};
  auto chain = shared::pki::parseChainPem(*chain_pem);
  if (!chain) return {true, "the certificate does not parse"};
  auto key_pem = shared::fs::readFile(keyPath(certs_dir, name));
  if (!key_pem) return {true, "no key on disk"};
  auto key = shared::pki::PrivateKey::fromPem(*key_pem);
  if (!key || !shared::pki::checkPair(*chain, *key)) return {true, "the key does not match"};
  const shared::pki::Certificate& leaf = chain->leaf();
  for (const std::string& domain : domains) {
    if (!leaf.covers(domain)) return {true, "the certificate does not cover " + domain};
  }
  if (!leaf.isValidAt(now)) return {true, "the certificate is not valid now"};
  // Renew when 1/3 of the whole lifetime remains (certbot and lego use the same share).
  const auto lifetime = leaf.notAfter() - leaf.notBefore();
  if (leaf.notAfter() - now <= lifetime / 3) return {true, "less than 1/3 of its lifetime left"};
  return {false, "valid and not yet due"};
}

}  // namespace certd::app
