#include "shared/pki/certificate_chain.h"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>

#include <catch2/catch.hpp>
#include <memory>

#include "shared/pki/certificate_builder.h"
#include "tests/support/test_pki.h"

using shared::Status;
using shared::pki::Certificate;
using shared::pki::CertificateChain;
using shared::pki::checkPair;
using shared::pki::keyMatches;
using shared::pki::KeyType;
using shared::pki::parseChainPem;
using shared::pki::PrivateKey;
using testing::unwrap;

namespace {

// The error message of parseChainPem(pem), which must fail; also checks the ERR queue.
std::string chainError(const std::string& pem) {
  auto result = parseChainPem(pem);
  REQUIRE_FALSE(result.isOk());
  CHECK(result.status().code() == Status::Code::kInvalidArgument);
  CHECK(ERR_peek_error() == 0);
  return result.status().message();
}

// Verifies `chain` against `root` as trust anchor at 2030-01-01 with OpenSSL's verifier.
int verify(const CertificateChain& chain, const Certificate& root) {
  std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> store(X509_STORE_new(), X509_STORE_free);
  REQUIRE(X509_STORE_add_cert(store.get(), root.get()) == 1);
  // The stack borrows the certificates: free it without freeing them.
  auto free_stack = [](STACK_OF(X509) * stack) { sk_X509_free(stack); };
  std::unique_ptr<STACK_OF(X509), decltype(free_stack)> untrusted(sk_X509_new_null(), free_stack);
  for (size_t i = 1; i < chain.certificates.size(); ++i) {
    sk_X509_push(untrusted.get(), chain.certificates[i].get());
  }
  std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> context(X509_STORE_CTX_new(),
                                                                          X509_STORE_CTX_free);
  REQUIRE(X509_STORE_CTX_init(context.get(), store.get(), chain.leaf().get(), untrusted.get()) ==
          1);
  X509_STORE_CTX_set_time(context.get(), 0, 1893456000);  // 2030-01-01
  X509_verify_cert(context.get());
  int error = X509_STORE_CTX_get_error(context.get());
  ERR_clear_error();
  return error;
}

}  // namespace

TEST_CASE("a chain of leaf intermediate and root parses leaf first") {
  testing::TestPki pki = testing::makeTestPki();
  std::string pem = pki.leaf.toPem() + pki.intermediate.toPem() + pki.root.toPem();
  CertificateChain chain = unwrap(parseChainPem(pem));
  REQUIRE(chain.certificates.size() == 3);
  CHECK(chain.leaf().subject() == "CN=leaf.example.com");
  CHECK(chain.certificates[1].subject() == "CN=Test Intermediate CA");
  CHECK(chain.certificates[2].subject() == "CN=Test Root CA");
  CHECK(verify(chain, pki.root) == X509_V_OK);
  CHECK(toPem(chain) == pem);
}

TEST_CASE("a test PKI chain verifies and fails without its intermediate") {
  testing::TestPki pki = testing::makeTestPki(KeyType::kRsa2048);
  CHECK(verify(pki.chain(), pki.root) == X509_V_OK);
  CertificateChain leaf_only{{pki.leaf}};
  CHECK(verify(leaf_only, pki.root) == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
}

TEST_CASE("a chain with CRLF line endings and surrounding blank lines is accepted") {
  testing::TestPki pki = testing::makeTestPki();
  std::string pem = "\n \n" + toPem(pki.chain()) + "\n\t\n";
  std::string crlf;
  for (char c : pem) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  CHECK(unwrap(parseChainPem(crlf)).certificates.size() == 3);
  CHECK(unwrap(parseChainPem(pem)).certificates.size() == 3);
}

TEST_CASE("an empty or whitespace-only chain is refused") {
  CHECK(chainError("") == "certificate 1: no PEM certificate found");
  CHECK(chainError(" \r\n\t") == "certificate 1: no PEM certificate found");
}

TEST_CASE("garbage is refused as certificate 1") {
  CHECK(chainError("hello world") == "certificate 1: no PEM certificate found");
  CHECK(chainError(std::string("\0\xff", 2)) == "certificate 1: no PEM certificate found");
}

TEST_CASE("a truncated PEM chain is refused with the certificate number") {
  testing::TestPki pki = testing::makeTestPki();
  std::string first = pki.leaf.toPem();
  std::string second = pki.intermediate.toPem();
  std::string third = pki.root.toPem();

  // Only the BEGIN line of the second certificate survives.
  CHECK(chainError(first + "-----BEGIN CERTIFICATE-----\n") ==
        "certificate 2: truncated PEM block");
  // The base64 body of the third certificate is cut mid-way.
  CHECK(chainError(first + second + third.substr(0, third.size() / 2)) ==
        "certificate 3: truncated PEM block");
  // The END line itself is cut.
  CHECK(chainError(first + second.substr(0, second.size() - 8)) ==
        "certificate 2: truncated PEM block");
  // A block cut before the next one begins.
  CHECK(chainError(first.substr(0, first.size() / 2) + "\n" + second) ==
        "certificate 1: truncated PEM block");
}

TEST_CASE("a corrupted base64 body or DER is refused with the certificate number") {
  testing::TestPki pki = testing::makeTestPki();
  std::string second = pki.intermediate.toPem();
  std::string bad_base64 = second;
  bad_base64[40] = '!';
  CHECK(chainError(pki.leaf.toPem() + bad_base64)
            .starts_with("certificate 2: invalid PEM block: error:"));

  // Whole lines of the body removed: the base64 decodes, the DER does not.
  size_t cut_from = second.find('\n') + 1;
  std::string short_body = second.substr(0, cut_from) + second.substr(cut_from + 65);
  CHECK(chainError(pki.leaf.toPem() + short_body).starts_with("certificate 2: "));

  CHECK(chainError("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
            .starts_with("certificate 1: invalid certificate DER: error:"));
}

TEST_CASE("junk after the last END line is refused") {
  testing::TestPki pki = testing::makeTestPki();
  std::string pem = toPem(pki.chain());
  CHECK(chainError(pem + "junk\n") == "certificate 3: unexpected text after the END line");
  CHECK(chainError(pem.substr(0, pem.size() - 1) + "x") ==
        "certificate 3: unexpected text after the END line");
  CHECK(chainError(pki.leaf.toPem() + "junk\n" + pki.root.toPem()) ==
        "certificate 1: unexpected text after the END line");
}

TEST_CASE("a private key block in a chain is refused without quoting it") {
  testing::TestPki pki = testing::makeTestPki();
  std::string key_pem = unwrap(pki.leaf_key.toPkcs8Pem());
  std::string message = chainError(pki.leaf.toPem() + key_pem);
  CHECK(message == "certificate 2: PEM block is not a CERTIFICATE");
  CHECK(message.find("PRIVATE") == std::string::npos);
  CHECK(chainError("-----BEGIN CERTIFICATE REQUEST-----\n") ==
        "certificate 1: PEM block is not a CERTIFICATE");
}

TEST_CASE("a mismatched END line is refused") {
  CHECK(chainError("-----BEGIN CERTIFICATE-----\nAAAA\n-----END X509 CRL-----\n") ==
        "certificate 1: malformed END line");
}

TEST_CASE("checkPair accepts the leaf's own key") {
  for (KeyType type : {KeyType::kEcP256, KeyType::kRsa2048}) {
    testing::TestPki pki = testing::makeTestPki(type);
    CHECK(checkPair(pki.chain(), pki.leaf_key).isOk());
    CHECK(keyMatches(pki.leaf_key, pki.leaf));
  }
}

TEST_CASE("checkPair refuses another EC key of the same curve") {
  testing::TestPki pki = testing::makeTestPki();
  PrivateKey other = unwrap(PrivateKey::generate(KeyType::kEcP256));
  CHECK_FALSE(keyMatches(other, pki.leaf));
  Status status = checkPair(pki.chain(), other);
  CHECK(status.code() == Status::Code::kInvalidArgument);
  CHECK(status.message() ==
        "private key does not match the certificate (key ECDSA P-256, certificate key ECDSA "
        "P-256)");
  CHECK(ERR_peek_error() == 0);
}

TEST_CASE("checkPair refuses keys of another curve or algorithm and names both") {
  testing::TestPki pki = testing::makeTestPki(KeyType::kRsa2048);
  PrivateKey ec = unwrap(PrivateKey::generate(KeyType::kEcP256));
  PrivateKey p384 = unwrap(PrivateKey::generate(KeyType::kEcP384));
  CHECK_FALSE(keyMatches(ec, pki.leaf));
  CHECK(checkPair(pki.chain(), ec).message() ==
        "private key does not match the certificate (key ECDSA P-256, certificate key RSA "
        "2048)");
  // The intermediate's key is P-256; a P-384 key must not match it either.
  CHECK_FALSE(keyMatches(p384, pki.intermediate));
  CHECK(checkPair(CertificateChain{{pki.intermediate}}, p384).message() ==
        "private key does not match the certificate (key ECDSA P-384, certificate key ECDSA "
        "P-256)");
  CHECK_FALSE(keyMatches(pki.leaf_key, pki.root));
  CHECK(ERR_peek_error() == 0);
}

TEST_CASE("checkPair refuses an empty chain") {
  PrivateKey key = unwrap(PrivateKey::generate(KeyType::kEcP256));
  Status status = checkPair(CertificateChain{}, key);
  CHECK(status.message() == "certificate chain is empty");
}
