#include "certd/acme/csr.h"

#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "certd/acme/operations.h"
#include "shared/pki/openssl_error.h"
#include "shared/pki/openssl_ptr.h"

namespace certd::acme {
namespace {

struct ReqDeleter {
  void operator()(X509_REQ* req) const { X509_REQ_free(req); }
};
struct ExtensionsDeleter {
  void operator()(STACK_OF(X509_EXTENSION) * stack) const {
    sk_X509_EXTENSION_pop_free(stack, X509_EXTENSION_free);
  }
};

}  // namespace

shared::Result<std::string> buildCsr(const std::vector<std::string>& names,
                                     const shared::pki::PrivateKey& key) {
  shared::pki::ErrorQueueGuard guard;
  if (names.empty()) return shared::Status::invalidArgument("csr: no names");
  std::unique_ptr<X509_REQ, ReqDeleter> req(X509_REQ_new());
  if (!req || X509_REQ_set_version(req.get(), 0) != 1) return shared::pki::openSslError("csr: new");
  if (identifierFor(names.front()).type == "dns" && names.front().size() <= 64) {
    X509_NAME* subject = X509_REQ_get_subject_name(req.get());
    if (X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(names.front().c_str()),
                                   -1, -1, 0) != 1) {
      return shared::pki::openSslError("csr: subject", shared::Status::Code::kInvalidArgument);
    }
  }
  std::string san;
  for (const std::string& name : names) {
    if (name.find_first_of(",\n") != std::string::npos) {
      return shared::Status::invalidArgument("csr: bad name \"" + name + "\"");
    }
    if (!san.empty()) san += ',';
    san += (identifierFor(name).type == "ip" ? "IP:" : "DNS:") + name;
  }
  shared::pki::X509ExtensionPtr extension(
      X509V3_EXT_conf_nid(nullptr, nullptr, NID_subject_alt_name, san.c_str()));
  if (!extension) {
    return shared::pki::openSslError("csr: subjectAltName", shared::Status::Code::kInvalidArgument);
  }
  std::unique_ptr<STACK_OF(X509_EXTENSION), ExtensionsDeleter> extensions(
      sk_X509_EXTENSION_new_null());
  if (!extensions || sk_X509_EXTENSION_push(extensions.get(), extension.get()) == 0) {
    return shared::pki::openSslError("csr: extensions");
  }
  extension.release();  // owned by the stack now
  const EVP_MD* digest =
      key.keyType() == shared::pki::KeyType::kEcP384 ? EVP_sha384() : EVP_sha256();
  if (X509_REQ_add_extensions(req.get(), extensions.get()) != 1 ||
      X509_REQ_set_pubkey(req.get(), key.get()) != 1 ||
      X509_REQ_sign(req.get(), key.get(), digest) <= 0) {
    return shared::pki::openSslError("csr: sign");
  }
  unsigned char* der = nullptr;
  const int size = i2d_X509_REQ(req.get(), &der);
  if (size <= 0) return shared::pki::openSslError("csr: encode");
  shared::pki::OpenSslBytesPtr owned(der);
  return std::string(reinterpret_cast<char*>(der), static_cast<std::size_t>(size));
}

}  // namespace certd::acme
