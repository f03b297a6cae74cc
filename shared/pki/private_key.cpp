#include "shared/pki/private_key.h"

#include <openssl/ec.h>
#include <openssl/objects.h>
#include <openssl/pem.h>

#include <climits>

#include "shared/pki/openssl_error.h"

namespace shared::pki {
namespace {

// Password callback for PEM reads: records that a passphrase was wanted and refuses to give
// one. Passing any non-null callback is what stops OpenSSL from prompting on the terminal.
int refusePassphrase(char* /*buffer*/, int /*size*/, int /*rwflag*/, void* asked) {
  *static_cast<bool*>(asked) = true;
  return 0;
}

// The EC curve's NID, or NID_undef.
int curveNid(const EVP_PKEY* key) {
  char name[80];
  size_t length = 0;
  if (EVP_PKEY_get_group_name(key, name, sizeof(name), &length) != 1) return NID_undef;
  int nid = OBJ_sn2nid(name);
  if (nid == NID_undef) nid = EC_curve_nist2nid(name);
  return nid;
}

}  // namespace

Result<PrivateKey> PrivateKey::generate(KeyType type) {
  ErrorQueueGuard guard;
  EVP_PKEY* raw = nullptr;
  switch (type) {
    case KeyType::kEcP256:
      raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
      break;
    case KeyType::kEcP384:
      raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
      break;
    case KeyType::kRsa2048:
      raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048});
      break;
    case KeyType::kRsa3072:
      raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{3072});
      break;
    case KeyType::kRsa4096:
      raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{4096});
      break;
  }
  if (raw == nullptr) {
    return openSslError("generate " + std::string(keyTypeDescription(type)) + " key");
  }
  return PrivateKey(EvpPkeyPtr(raw));
}

Result<PrivateKey> PrivateKey::fromPem(std::string_view pem) {
  ErrorQueueGuard guard;
  if (pem.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Status::invalidArgument("private key PEM is empty");
  }
  if (pem.size() > INT_MAX) return Status::invalidArgument("private key PEM is too large");
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return openSslError("read private key PEM");
  bool passphrase_asked = false;
  EVP_PKEY* raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, refusePassphrase, &passphrase_asked);
  EvpPkeyPtr key(raw);
  if (passphrase_asked) {
    // Whatever OpenSSL made of it, an encrypted key is a configuration problem to report
    // plainly; its internal decrypt errors would only confuse.
    return Status::invalidArgument("encrypted private keys are not supported");
  }
  if (!key) return openSslError("no valid private key in PEM", Status::Code::kInvalidArgument);
  return PrivateKey(std::move(key));
}

Result<PrivateKey> PrivateKey::adopt(EvpPkeyPtr key) {
  ErrorQueueGuard guard;
  if (!key) return Status::invalidArgument("private key is null");
  // A public-only EVP_PKEY would sign nothing; refuse it here rather than fail later.
  BioPtr sink(BIO_new(BIO_s_null()));
  if (!sink) return openSslError("check private key");
  if (i2d_PrivateKey_bio(sink.get(), key.get()) != 1) {
    return Status::invalidArgument("key has no private part");
  }
  return PrivateKey(std::move(key));
}

PrivateKey::PrivateKey(const PrivateKey& other) : key_(other.key_.get()) {
  EVP_PKEY_up_ref(key_.get());
}

PrivateKey& PrivateKey::operator=(const PrivateKey& other) {
  if (this != &other) {
    EVP_PKEY_up_ref(other.key_.get());
    key_.reset(other.key_.get());
  }
  return *this;
}

Result<std::string> PrivateKey::toPkcs8Pem() const {
  ErrorQueueGuard guard;
  // Secure-heap memory BIO: the buffer holding the PEM is cleansed when freed.
  BioPtr bio(BIO_new(BIO_s_secmem()));
  if (!bio) return openSslError("write private key PEM");
  if (PEM_write_bio_PKCS8PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
      1) {
    return openSslError("write private key PEM");
  }
  char* data = nullptr;
  long length = BIO_get_mem_data(bio.get(), &data);
  if (length <= 0 || data == nullptr) return openSslError("write private key PEM");
  return std::string(data, static_cast<size_t>(length));
}

std::optional<KeyType> PrivateKey::keyType() const {
  return keyTypeOf(key_.get());
}

std::string PrivateKey::description() const {
  return describeKey(key_.get());
}

std::optional<KeyType> keyTypeOf(const EVP_PKEY* key) {
  ErrorQueueGuard guard;
  if (key == nullptr) return std::nullopt;
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_EC:
      switch (curveNid(key)) {
        case NID_X9_62_prime256v1:
          return KeyType::kEcP256;
        case NID_secp384r1:
          return KeyType::kEcP384;
        default:
          return std::nullopt;
      }
    case EVP_PKEY_RSA:
      switch (EVP_PKEY_get_bits(key)) {
        case 2048:
          return KeyType::kRsa2048;
        case 3072:
          return KeyType::kRsa3072;
        case 4096:
          return KeyType::kRsa4096;
        default:
          return std::nullopt;
      }
    default:
      return std::nullopt;
  }
}

std::string describeKey(const EVP_PKEY* key) {
  ErrorQueueGuard guard;
  if (key == nullptr) return "no key";
  if (std::optional<KeyType> type = keyTypeOf(key)) {
    return std::string(keyTypeDescription(*type));
  }
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_EC: {
      int nid = curveNid(key);
      const char* nist = nid == NID_undef ? nullptr : EC_curve_nid2nist(nid);
      const char* name = nid == NID_undef ? nullptr : OBJ_nid2sn(nid);
      if (nist != nullptr) return std::string("ECDSA ") + nist;
      if (name != nullptr) return std::string("ECDSA ") + name;
      return "ECDSA (unknown curve)";
    }
    case EVP_PKEY_RSA:
      return "RSA " + std::to_string(EVP_PKEY_get_bits(key));
    default: {
      const char* name = EVP_PKEY_get0_type_name(key);
      return name != nullptr ? name : "unknown key type";
    }
  }
}

}  // namespace shared::pki
