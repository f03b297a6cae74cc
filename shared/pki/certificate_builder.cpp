#include "shared/pki/certificate_builder.h"

#include <arpa/inet.h>
#include <openssl/objects.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <chrono>

#include "shared/pki/openssl_error.h"

namespace shared::pki {
namespace {

using std::chrono::hours;

// RFC 5280 §4.2.1.3 bit numbers.
constexpr int kDigitalSignatureBit = 0;
constexpr int kKeyCertSignBit = 5;
constexpr int kCrlSignBit = 6;
constexpr size_t kRandomSerialBytes = 16;

time_t toTimeT(Clock::TimePoint at) {
  return static_cast<time_t>(
      std::chrono::floor<std::chrono::seconds>(at).time_since_epoch().count());
}

// CA/Browser Forum BR §7.1: at least 64 bits of CSPRNG output, positive, non-zero.
Result<Asn1IntegerPtr> randomSerial() {
  unsigned char bytes[kRandomSerialBytes];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) return openSslError("generate serial number");
  bytes[0] &= 0x7f;  // positive, and with a non-zero first byte it stays 16 bytes long
  if (bytes[0] == 0) bytes[0] = 1;
  BignumPtr number(BN_bin2bn(bytes, sizeof(bytes), nullptr));
  if (!number) return openSslError("generate serial number");
  Asn1IntegerPtr serial(BN_to_ASN1_INTEGER(number.get(), nullptr));
  if (!serial) return openSslError("generate serial number");
  return serial;
}

// RFC 5280 §4.2.1.2 method (1): SHA-1 over the subjectPublicKey BIT STRING.
Result<Asn1OctetStringPtr> keyIdentifier(const X509* certificate) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  Asn1OctetStringPtr id(ASN1_OCTET_STRING_new());
  if (!id || X509_pubkey_digest(certificate, EVP_sha1(), digest, &length) != 1 ||
      ASN1_OCTET_STRING_set(id.get(), digest, static_cast<int>(length)) != 1) {
    return openSslError("compute key identifier");
  }
  return id;
}

// Signature digest for the issuer key: SHA-384 pairs with P-384, Ed25519/Ed448 take none.
const EVP_MD* digestFor(const PrivateKey& issuer_key) {
  switch (EVP_PKEY_get_base_id(issuer_key.get())) {
    case EVP_PKEY_ED25519:
    case EVP_PKEY_ED448:
      return nullptr;
    default:
      return issuer_key.keyType() == KeyType::kEcP384 ? EVP_sha384() : EVP_sha256();
  }
}

Status addSubjectAltName(X509* x509, const std::vector<std::string>& dns_names,
                         const std::vector<std::string>& ip_addresses, bool critical) {
  GeneralNamesPtr names(sk_GENERAL_NAME_new_null());
  if (!names) return openSslError("build subjectAltName");
  auto append = [&](int type, const std::string& value) -> bool {
    GeneralNamePtr name(GENERAL_NAME_new());
    Asn1StringPtr string(type == GEN_DNS ? ASN1_IA5STRING_new() : ASN1_OCTET_STRING_new());
    if (!name || !string ||
        ASN1_STRING_set(string.get(), value.data(), static_cast<int>(value.size())) != 1) {
      return false;
    }
    GENERAL_NAME_set0_value(name.get(), type, string.release());  // name owns it now
    if (sk_GENERAL_NAME_push(names.get(), name.get()) <= 0) return false;
    name.release();  // the stack owns it now
    return true;
  };
  for (const std::string& dns_name : dns_names) {
    if (!append(GEN_DNS, dns_name)) return openSslError("build subjectAltName");
  }
  for (const std::string& address : ip_addresses) {
    if (!append(GEN_IPADD, address)) return openSslError("build subjectAltName");
  }
  if (X509_add1_ext_i2d(x509, NID_subject_alt_name, names.get(), critical ? 1 : 0,
                        X509V3_ADD_DEFAULT) != 1) {
    return openSslError("add subjectAltName");
  }
  return Status::ok();
}

Status addBasicConstraintsAndKeyUsage(X509* x509, bool is_ca) {
  BasicConstraintsPtr constraints(BASIC_CONSTRAINTS_new());
  if (!constraints) return openSslError("build basicConstraints");
  constraints->ca = is_ca ? 0xff : 0;
  if (X509_add1_ext_i2d(x509, NID_basic_constraints, constraints.get(), 1, X509V3_ADD_DEFAULT) !=
      1) {
    return openSslError("add basicConstraints");
  }
  Asn1BitStringPtr usage(ASN1_BIT_STRING_new());
  if (!usage) return openSslError("build keyUsage");
  bool ok = is_ca ? ASN1_BIT_STRING_set_bit(usage.get(), kKeyCertSignBit, 1) == 1 &&
                        ASN1_BIT_STRING_set_bit(usage.get(), kCrlSignBit, 1) == 1 &&
                        ASN1_BIT_STRING_set_bit(usage.get(), kDigitalSignatureBit, 1) == 1
                  : ASN1_BIT_STRING_set_bit(usage.get(), kDigitalSignatureBit, 1) == 1;
  if (!ok || X509_add1_ext_i2d(x509, NID_key_usage, usage.get(), 1, X509V3_ADD_DEFAULT) != 1) {
    return openSslError("add keyUsage");
  }
  if (is_ca) return Status::ok();
  ExtendedKeyUsagePtr extended(sk_ASN1_OBJECT_new_null());
  if (!extended || sk_ASN1_OBJECT_push(extended.get(), OBJ_nid2obj(NID_server_auth)) <= 0 ||
      X509_add1_ext_i2d(x509, NID_ext_key_usage, extended.get(), 0, X509V3_ADD_DEFAULT) != 1) {
    return openSslError("add extKeyUsage");
  }
  return Status::ok();
}

// subjectKeyIdentifier of the new certificate; authorityKeyIdentifier from the issuer's
// own subjectKeyIdentifier when it has one (RFC 5280 §4.2.1.1), else computed.
Status addKeyIdentifiers(X509* x509, X509* issuer) {
  Result<Asn1OctetStringPtr> subject_id = keyIdentifier(x509);
  if (!subject_id) return subject_id.status();
  if (X509_add1_ext_i2d(x509, NID_subject_key_identifier, subject_id->get(), 0,
                        X509V3_ADD_DEFAULT) != 1) {
    return openSslError("add subjectKeyIdentifier");
  }
  AuthorityKeyIdPtr authority(AUTHORITY_KEYID_new());
  if (!authority) return openSslError("build authorityKeyIdentifier");
  const ASN1_OCTET_STRING* issuer_id = issuer ? X509_get0_subject_key_id(issuer) : nullptr;
  if (issuer_id != nullptr) {
    authority->keyid = ASN1_OCTET_STRING_dup(issuer_id);
  } else {
    Result<Asn1OctetStringPtr> computed = keyIdentifier(issuer ? issuer : x509);
    if (!computed) return computed.status();
    authority->keyid = computed->release();
  }
  if (authority->keyid == nullptr ||
      X509_add1_ext_i2d(x509, NID_authority_key_identifier, authority.get(), 0,
                        X509V3_ADD_DEFAULT) != 1) {
    return openSslError("add authorityKeyIdentifier");
  }
  return Status::ok();
}

}  // namespace

CertificateBuilder::CertificateBuilder(const Clock& clock)
    : not_before_(clock.now() - hours(1)), not_after_(clock.now() + hours(24 * 90)) {}

CertificateBuilder& CertificateBuilder::commonName(std::string name) {
  common_name_ = std::move(name);
  return *this;
}

CertificateBuilder& CertificateBuilder::addDnsName(std::string name) {
  if (!error_ && (name.empty() || name.find('\0') != std::string::npos)) {
    error_ = "DNS name \"" + std::string(name.c_str()) + "\" is empty or holds a NUL";
  }
  dns_names_.push_back(std::move(name));
  return *this;
}

CertificateBuilder& CertificateBuilder::addIpAddress(std::string_view address) {
  std::string text(address);
  unsigned char bytes[16];
  if (inet_pton(AF_INET, text.c_str(), bytes) == 1) {
    ip_addresses_.emplace_back(bytes, bytes + 4);
  } else if (inet_pton(AF_INET6, text.c_str(), bytes) == 1) {
    ip_addresses_.emplace_back(bytes, bytes + 16);
  } else if (!error_) {
    error_ = "\"" + text + "\" is not an IP address";
  }
  return *this;
}

CertificateBuilder& CertificateBuilder::validity(Clock::TimePoint not_before,
                                                 Clock::TimePoint not_after) {
  not_before_ = not_before;
  not_after_ = not_after;
  return *this;
}

CertificateBuilder& CertificateBuilder::serial(std::uint64_t serial) {
  serial_ = serial;
  return *this;
}

CertificateBuilder& CertificateBuilder::ca(bool is_ca) {
  ca_ = is_ca;
  return *this;
}

CertificateBuilder& CertificateBuilder::addExtension(std::string_view oid, std::string der_value,
                                                     bool critical) {
  extensions_.push_back({std::string(oid), 0, std::move(der_value), critical});
  return *this;
}

CertificateBuilder& CertificateBuilder::addExtension(int nid, std::string der_value,
                                                     bool critical) {
  extensions_.push_back({"", nid, std::move(der_value), critical});
  return *this;
}

Result<Certificate> CertificateBuilder::selfSign(const PrivateKey& key) const {
  return build(key, nullptr, key);
}

Result<Certificate> CertificateBuilder::signWith(const PrivateKey& subject_key,
                                                 const Certificate& issuer,
                                                 const PrivateKey& issuer_key) const {
  ErrorQueueGuard guard;
  const EVP_PKEY* issuer_public = X509_get0_pubkey(issuer.get());
  if (issuer_public == nullptr || EVP_PKEY_eq(issuer_public, issuer_key.get()) != 1) {
    return Status::invalidArgument("issuer key does not match the issuer certificate");
  }
  return build(subject_key, &issuer, issuer_key);
}

Result<Certificate> CertificateBuilder::build(const PrivateKey& subject_key,
                                              const Certificate* issuer,
                                              const PrivateKey& issuer_key) const {
  ErrorQueueGuard guard;
  if (error_) return Status::invalidArgument(*error_);
  if (not_before_ > not_after_) return Status::invalidArgument("notBefore is after notAfter");
  if (serial_ && *serial_ == 0) return Status::invalidArgument("serial number must be positive");

  X509Ptr x509(X509_new());
  if (!x509 || X509_set_version(x509.get(), X509_VERSION_3) != 1) {
    return openSslError("create certificate");
  }

  Asn1IntegerPtr serial;
  if (serial_) {
    serial.reset(ASN1_INTEGER_new());
    if (!serial || ASN1_INTEGER_set_uint64(serial.get(), *serial_) != 1) {
      return openSslError("set serial number");
    }
  } else {
    Result<Asn1IntegerPtr> random = randomSerial();
    if (!random) return random.status();
    serial = std::move(random).value();
  }
  if (X509_set_serialNumber(x509.get(), serial.get()) != 1) {
    return openSslError("set serial number");
  }

  // ASN1_TIME_set picks UTCTime through 2049 and GeneralizedTime after (RFC 5280 §4.1.2.5).
  if (ASN1_TIME_set(X509_getm_notBefore(x509.get()), toTimeT(not_before_)) == nullptr ||
      ASN1_TIME_set(X509_getm_notAfter(x509.get()), toTimeT(not_after_)) == nullptr) {
    return openSslError("set validity", Status::Code::kInvalidArgument);
  }

  X509_NAME* subject = X509_get_subject_name(x509.get());
  if (common_name_ &&
      X509_NAME_add_entry_by_NID(subject, NID_commonName, MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>(common_name_->data()),
                                 static_cast<int>(common_name_->size()), -1, 0) != 1) {
    return openSslError("set commonName", Status::Code::kInvalidArgument);
  }
  const X509_NAME* issuer_name = issuer ? X509_get_subject_name(issuer->get()) : subject;
  if (X509_set_issuer_name(x509.get(), issuer_name) != 1) return openSslError("set issuer");
  if (X509_set_pubkey(x509.get(), subject_key.get()) != 1) return openSslError("set public key");

  Status status = addBasicConstraintsAndKeyUsage(x509.get(), ca_);
  if (status && (!dns_names_.empty() || !ip_addresses_.empty())) {
    // RFC 5280 §4.2.1.6: with an empty subject the SAN must be critical.
    status = addSubjectAltName(x509.get(), dns_names_, ip_addresses_, !common_name_);
  }
  if (status) status = addKeyIdentifiers(x509.get(), issuer ? issuer->get() : nullptr);
  if (!status) return status;

  for (const Extension& extension : extensions_) {
    Asn1ObjectPtr object(extension.nid != 0 ? OBJ_nid2obj(extension.nid)
                                            : OBJ_txt2obj(extension.oid.c_str(), 0));
    std::string label =
        extension.nid != 0 ? "nid " + std::to_string(extension.nid) : "\"" + extension.oid + "\"";
    if (!object) return openSslError("extension " + label, Status::Code::kInvalidArgument);
    if (X509_get_ext_by_OBJ(x509.get(), object.get(), -1) >= 0) {
      return Status::invalidArgument("extension " + label + " is already set");
    }
    if (extension.der_value.empty()) {
      return Status::invalidArgument("extension " + label + " has an empty value");
    }
    Asn1OctetStringPtr value(ASN1_OCTET_STRING_new());
    if (!value ||
        ASN1_OCTET_STRING_set(value.get(),
                              reinterpret_cast<const unsigned char*>(extension.der_value.data()),
                              static_cast<int>(extension.der_value.size())) != 1) {
      return openSslError("extension " + label);
    }
    X509ExtensionPtr built(X509_EXTENSION_create_by_OBJ(nullptr, object.get(),
                                                        extension.critical ? 1 : 0, value.get()));
    if (!built || X509_add_ext(x509.get(), built.get(), -1) != 1) {
      return openSslError("extension " + label);
    }
  }

  if (X509_sign(x509.get(), issuer_key.get(), digestFor(issuer_key)) <= 0) {
    return openSslError("sign certificate");
  }
  return Certificate::adopt(std::move(x509));
}

}  // namespace shared::pki
