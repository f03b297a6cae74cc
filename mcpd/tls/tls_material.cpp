#include "mcpd/tls/tls_material.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <Poco/Timestamp.h>

#include "shared/fs/atomic_file.h"

namespace mcpd::tls {
namespace {

using shared::Status;

std::string isoTime(shared::Clock::TimePoint t) {
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  return Poco::DateTimeFormatter::format(Poco::Timestamp(micros),
                                         Poco::DateTimeFormat::ISO8601_FORMAT);
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out.empty() ? "no names" : out;
}

Status checkUsableFor(const shared::pki::Certificate& leaf, std::string_view domain,
                      shared::Clock::TimePoint now) {
  if (now < leaf.notBefore())
    return Status::invalidArgument("certificate is not valid before " + isoTime(leaf.notBefore()));
  if (now > leaf.notAfter())
    return Status::invalidArgument("certificate expired at " + isoTime(leaf.notAfter()));
  // No domain (tls.cert/tls.key): the operator chose the files; nothing to match them against.
  if (!domain.empty() && !leaf.covers(domain)) {
    return Status::invalidArgument("certificate does not cover " + std::string(domain) +
                                   " (it names " + joined(leaf.subjectAltNames()) + ")");
  }
  return Status::ok();
}

// Moving bytes between the two files changes the digest, thanks to the separator.
std::string digestOf(std::string_view chain_pem, std::string_view key_pem) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(chain_pem.data(), static_cast<unsigned>(chain_pem.size()));
  engine.update("\n--key--\n");
  engine.update(key_pem.data(), static_cast<unsigned>(key_pem.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

std::shared_ptr<STACK_OF(X509)> intermediatesOf(const shared::pki::CertificateChain& chain) {
  std::shared_ptr<STACK_OF(X509)> stack(sk_X509_new_null(),
                                        [](STACK_OF(X509) * s) { sk_X509_pop_free(s, X509_free); });
  for (std::size_t i = 1; stack && i < chain.certificates.size(); ++i) {
    X509* certificate = chain.certificates[i].get();
    X509_up_ref(certificate);
    if (sk_X509_push(stack.get(), certificate) == 0) X509_free(certificate);
  }
  return stack;
}

}  // namespace

CertificatePaths CertificatePaths::of(const std::filesystem::path& certs_dir,
                                      std::string_view name) {
  const std::string base(name);
  return {certs_dir / (base + ".cert.pem"), certs_dir / (base + ".key.pem")};
}

shared::Result<std::string> digestFiles(const CertificatePaths& paths) {
  auto chain = shared::fs::readFile(paths.chain);
  if (!chain) return chain.status();
  auto key = shared::fs::readFile(paths.key);
  if (!key) return key.status();
  return digestOf(*chain, *key);
}

shared::Result<std::shared_ptr<const TlsMaterial>> loadTlsMaterial(const CertificatePaths& paths,
                                                                   std::string_view domain,
                                                                   shared::Clock::TimePoint now) {
  // Read both files once, and digest exactly the bytes that were validated.
  auto chain_pem = shared::fs::readFile(paths.chain);
  if (!chain_pem) return chain_pem.status();
  auto key_pem = shared::fs::readFile(paths.key);
  if (!key_pem) return key_pem.status();

  auto chain = shared::pki::parseChainPem(*chain_pem);
  if (!chain)
    return Status::invalidArgument(paths.chain.string() + ": " + chain.status().message());
  auto key = shared::pki::PrivateKey::fromPem(*key_pem);
  if (!key) return Status::invalidArgument(paths.key.string() + ": " + key.status().message());
  if (Status s = shared::pki::checkPair(*chain, *key); !s) {
    return Status::invalidArgument(paths.chain.string() + " and " + paths.key.string() + ": " +
                                   s.message());
  }
  if (Status s = checkUsableFor(chain->leaf(), domain, now); !s)
    return Status::invalidArgument(paths.chain.string() + ": " + s.message());

  return std::make_shared<const TlsMaterial>(
      TlsMaterial{*chain, *key, digestOf(*chain_pem, *key_pem), intermediatesOf(*chain)});
}

}  // namespace mcpd::tls
