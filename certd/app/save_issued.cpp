#include "certd/app/save_issued.h"

#include "shared/fs/atomic_file.h"

namespace certd::app {

std::filesystem::path certificatePath(const std::filesystem::path& certs_dir,
                                      const std::string& name) {
  return certs_dir / (name + ".cert.pem");
}

std::filesystem::path keyPath(const std::filesystem::path& certs_dir, const std::string& name) {
  return certs_dir / (name + ".key.pem");
}

shared::Status saveIssued(const std::filesystem::path& certs_dir, const std::string& name,
                          const shared::pki::PrivateKey& key,
                          const shared::pki::CertificateChain& chain) {
  const std::string context = "save " + name;
  std::error_code error;
  std::filesystem::create_directories(certs_dir, error);
  if (error) {
    return shared::Status::fromErrno("create " + certs_dir.string(), error.value())
        .withContext(context);
  }
  auto pem = key.toPkcs8Pem();
  if (!pem) return pem.status().withContext(context);
  if (shared::Status status =
          shared::fs::writeFileAtomically(keyPath(certs_dir, name), *pem, {.mode = 0600});
      !status) {
    return status.withContext(context);
  }
  return shared::fs::writeFileAtomically(certificatePath(certs_dir, name),
                                         shared::pki::toPem(chain), {.mode = 0644})
      .withContext(context);
}

}  // namespace certd::app
