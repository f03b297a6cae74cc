#pragma once

// saveIssued: THE one place a freshly issued certificate leaves the ACME flow for disk.
// For now it writes {certs_dir}/{name}.cert.pem (full chain, leaf first) and
// {certs_dir}/{name}.key.pem (PKCS#8, 0600), each atomically, key first so that a reader
// never sees a new certificate next to an old key for long. The certificate store
// (versioned pairs, metadata, generations) replaces this body; keep callers to this seam.

#include <filesystem>
#include <string>

#include "shared/pki/certificate_chain.h"
#include "shared/pki/private_key.h"
#include "shared/status.h"

namespace certd::app {

// Errors name the file: "save a.test: write /certs/a.test.key.pem: ...".
shared::Status saveIssued(const std::filesystem::path& certs_dir, const std::string& name,
                          const shared::pki::PrivateKey& key,
                          const shared::pki::CertificateChain& chain);

// The paths saveIssued writes, for readers of the same files.
std::filesystem::path certificatePath(const std::filesystem::path& certs_dir,
                                      const std::string& name);
std::filesystem::path keyPath(const std::filesystem::path& certs_dir, const std::string& name);

}  // namespace certd::app
