#include "certd/renewal/ari_cert_id.h"

#include <openssl/asn1.h>
#include <openssl/x509v3.h>

#include "certd/acme/base64url.h"

namespace certd::renewal {

std::string ariCertId(std::string_view authority_key_id, std::string_view serial_der_content) {
  return acme::base64UrlEncode(authority_key_id) + "." + acme::base64UrlEncode(serial_der_content);
}

shared::Result<std::string> ariCertId(const shared::pki::Certificate& certificate) {
  const ASN1_OCTET_STRING* key_id = X509_get0_authority_key_id(certificate.get());
  if (key_id == nullptr || ASN1_STRING_length(key_id) <= 0) {
    return shared::Status::invalidArgument("ari: the certificate has no authority key identifier");
  }
  // The serial's DER encoding is tag 0x02, a length, then the content octets we want;
  // i2d gives the minimal two's-complement form, leading 0x00 included (RFC 9773 §4.1).
  const ASN1_INTEGER* serial = X509_get0_serialNumber(certificate.get());
  unsigned char* der = nullptr;
  const int length = i2d_ASN1_INTEGER(serial, &der);
  if (length <= 2 || der == nullptr) {
    OPENSSL_free(der);
    return shared::Status::internal("ari: cannot encode the serial number");
  }
  // Skip the tag and the (short or long form) length.
  std::size_t header = 2;
  if (der[1] & 0x80) header += der[1] & 0x7f;
  const std::string serial_content(reinterpret_cast<const char*>(der) + header,
                                   static_cast<std::size_t>(length) - header);
  OPENSSL_free(der);
  const std::string aki(reinterpret_cast<const char*>(ASN1_STRING_get0_data(key_id)),
                        static_cast<std::size_t>(ASN1_STRING_length(key_id)));
  return ariCertId(aki, serial_content);
}

}  // namespace certd::renewal
