#include "shared/pki/certificate_chain.h"

#include <openssl/pem.h>

#include <climits>
#include <cstdlib>

#include "shared/pki/openssl_error.h"

namespace shared::pki {
namespace {

constexpr std::string_view kBeginMarker = "-----BEGIN ";
constexpr std::string_view kBeginCertificate = "-----BEGIN CERTIFICATE-----";
constexpr std::string_view kEndCertificate = "-----END CERTIFICATE-----";
constexpr std::string_view kWhitespace = " \t\r\n";

Status certificateError(size_t number, std::string_view cause) {
  return Status::invalidArgument("certificate " + std::to_string(number) + ": " +
                                 std::string(cause));
}

// Decodes one complete "BEGIN ... END CERTIFICATE" block (base64 and optional headers are
// checked by OpenSSL's PEM reader, the DER by Certificate::fromDer).
Result<Certificate> decodeBlock(std::string_view block, size_t number) {
  ErrorQueueGuard guard;
  if (block.size() > INT_MAX) return certificateError(number, "PEM block is too large");
  BioPtr bio(BIO_new_mem_buf(block.data(), static_cast<int>(block.size())));
  if (!bio) return openSslError("certificate " + std::to_string(number) + ": read PEM");
  char* name = nullptr;
  char* header = nullptr;
  unsigned char* data = nullptr;
  long length = 0;
  int ok = PEM_read_bio(bio.get(), &name, &header, &data, &length);
  OpenSslCharsPtr owned_name(name);
  OpenSslCharsPtr owned_header(header);
  OpenSslBytesPtr owned_data(data);
  if (ok != 1 || length <= 0) {
    return openSslError("certificate " + std::to_string(number) + ": invalid PEM block",
                        Status::Code::kInvalidArgument);
  }
  Result<Certificate> certificate = Certificate::fromDer(
      std::string_view(reinterpret_cast<const char*>(data), static_cast<size_t>(length)));
  if (!certificate)
    return certificate.status().withContext("certificate " + std::to_string(number));
  return certificate;
}

}  // namespace

const Certificate& CertificateChain::leaf() const {
  if (certificates.empty()) std::abort();  // a programming error, see the header
  return certificates.front();
}

Result<CertificateChain> parseChainPem(std::string_view pem) {
  CertificateChain chain;
  size_t pos = 0;
  for (;;) {
    size_t number = chain.certificates.size() + 1;
    pos = pem.find_first_not_of(kWhitespace, pos);
    if (pos == std::string_view::npos) break;
    std::string_view rest = pem.substr(pos);
    if (!rest.starts_with(kBeginMarker)) {
      if (chain.certificates.empty()) return certificateError(1, "no PEM certificate found");
      return certificateError(number - 1, "unexpected text after the END line");
    }
    if (!rest.starts_with(kBeginCertificate)) {
      // Do not quote the label: the block could be a private key pasted into the wrong file.
      return certificateError(number, "PEM block is not a CERTIFICATE");
    }
    // The next "-----" line must be our END line; a new BEGIN first means this block was cut.
    size_t body = kBeginCertificate.size();
    size_t next_marker = rest.find("-----", body);
    if (next_marker == std::string_view::npos) {
      return certificateError(number, "truncated PEM block");
    }
    std::string_view marker = rest.substr(next_marker);
    if (!marker.starts_with(kEndCertificate)) {
      // A new BEGIN, or an END line cut off by the end of input, means the block was cut.
      std::string_view tail = marker.substr(0, marker.find_last_not_of(kWhitespace) + 1);
      bool cut = marker.starts_with(kBeginMarker) || kEndCertificate.starts_with(tail);
      return certificateError(number, cut ? "truncated PEM block" : "malformed END line");
    }
    size_t block_end = next_marker + kEndCertificate.size();
    // PEM_read_bio wants the END line terminated.
    std::string block(rest.substr(0, block_end));
    block += '\n';
    Result<Certificate> certificate = decodeBlock(block, number);
    if (!certificate) return certificate.status();
    chain.certificates.push_back(std::move(certificate).value());
    pos += block_end;
  }
  if (chain.certificates.empty()) return certificateError(1, "no PEM certificate found");
  return chain;
}

std::string toPem(const CertificateChain& chain) {
  std::string pem;
  for (const Certificate& certificate : chain.certificates) pem += certificate.toPem();
  return pem;
}

bool keyMatches(const PrivateKey& key, const Certificate& certificate) {
  ErrorQueueGuard guard;
  const EVP_PKEY* public_key = X509_get0_pubkey(certificate.get());
  if (public_key == nullptr) return false;
  // EVP_PKEY_eq: 1 equal, 0 different, -1 different types, -2 unsupported.
  return EVP_PKEY_eq(public_key, key.get()) == 1;
}

Status checkPair(const CertificateChain& chain, const PrivateKey& key) {
  ErrorQueueGuard guard;
  if (chain.certificates.empty()) return Status::invalidArgument("certificate chain is empty");
  if (keyMatches(key, chain.leaf())) return Status::ok();
  return Status::invalidArgument("private key does not match the certificate (key " +
                                 key.description() + ", certificate key " +
                                 describeKey(X509_get0_pubkey(chain.leaf().get())) + ")");
}

}  // namespace shared::pki
