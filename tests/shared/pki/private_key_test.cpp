#include "shared/pki/private_key.h"

#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>

#include "shared/pki/openssl_ptr.h"
#include "tests/support/test_pki.h"

using shared::Status;
using shared::pki::BioPtr;
using shared::pki::EvpPkeyPtr;
using shared::pki::KeyType;
using shared::pki::PrivateKey;
using testing::unwrap;

namespace {

std::string bioText(BIO* bio) {
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(length));
}

// An AES-256 encrypted PKCS#8 PEM ("ENCRYPTED PRIVATE KEY") with passphrase "secret".
std::string encryptedPkcs8(const PrivateKey& key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  char passphrase[] = "secret";
  REQUIRE(PEM_write_bio_PKCS8PrivateKey(bio.get(), key.get(), EVP_aes_256_cbc(), passphrase, 6,
                                        nullptr, nullptr) == 1);
  return bioText(bio.get());
}

// A traditional "EC PRIVATE KEY" / "RSA PRIVATE KEY" PEM, encrypted when `cipher` is set.
std::string traditionalPem(const PrivateKey& key, const EVP_CIPHER* cipher = nullptr) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  unsigned char passphrase[] = "secret";
  REQUIRE(PEM_write_bio_PrivateKey_traditional(bio.get(), key.get(), cipher,
                                               cipher ? passphrase : nullptr, cipher ? 6 : 0,
                                               nullptr, nullptr) == 1);
  return bioText(bio.get());
}

// Runs fromPem with stdin replaced by a pipe holding a passphrase, and checks that nothing
// was read from it: OpenSSL's fallback prompt reads stdin when there is no terminal.
shared::Result<PrivateKey> fromPemWithPassphraseOnStdin(const std::string& pem) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const std::string typed = "secret\n";
  REQUIRE(write(fds[1], typed.data(), typed.size()) == static_cast<ssize_t>(typed.size()));
  int saved_stdin = dup(STDIN_FILENO);
  REQUIRE(dup2(fds[0], STDIN_FILENO) == STDIN_FILENO);
  auto result = PrivateKey::fromPem(pem);
  REQUIRE(dup2(saved_stdin, STDIN_FILENO) == STDIN_FILENO);
  close(saved_stdin);
  REQUIRE(fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0);
  char buffer[64];
  CHECK(read(fds[0], buffer, sizeof(buffer)) == static_cast<ssize_t>(typed.size()));
  close(fds[0]);
  close(fds[1]);
  return result;
}

// Every base64 body line of `pem`, to check an error message quotes none of them.
std::vector<std::string> bodyLines(const std::string& pem) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < pem.size()) {
    size_t end = pem.find('\n', start);
    if (end == std::string::npos) end = pem.size();
    std::string line = pem.substr(start, end - start);
    if (!line.empty() && line.find("-----") == std::string::npos) lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

void checkRefused(const shared::Result<PrivateKey>& result, const std::string& pem) {
  REQUIRE_FALSE(result.isOk());
  CHECK(result.status().code() == Status::Code::kInvalidArgument);
  for (const std::string& line : bodyLines(pem)) {
    CHECK(result.status().message().find(line.substr(0, 16)) == std::string::npos);
  }
  CHECK(ERR_peek_error() == 0);
}

}  // namespace

TEST_CASE("every key type generates a key of that type and size that round-trips PKCS#8") {
  struct Expected {
    KeyType type;
    int base_id;
    int bits;
    const char* description;
  };
  const Expected all[] = {
      {KeyType::kEcP256, EVP_PKEY_EC, 256, "ECDSA P-256"},
      {KeyType::kEcP384, EVP_PKEY_EC, 384, "ECDSA P-384"},
      {KeyType::kRsa2048, EVP_PKEY_RSA, 2048, "RSA 2048"},
      {KeyType::kRsa3072, EVP_PKEY_RSA, 3072, "RSA 3072"},
      {KeyType::kRsa4096, EVP_PKEY_RSA, 4096, "RSA 4096"},
  };
  for (const Expected& expected : all) {
    INFO(expected.description);
    PrivateKey key = unwrap(PrivateKey::generate(expected.type));
    CHECK(key.keyType() == expected.type);
    CHECK(key.description() == expected.description);
    CHECK(EVP_PKEY_get_base_id(key.get()) == expected.base_id);
    CHECK(EVP_PKEY_get_bits(key.get()) == expected.bits);

    std::string pem = unwrap(key.toPkcs8Pem());
    CHECK(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    CHECK(pem.ends_with("-----END PRIVATE KEY-----\n"));
    PrivateKey parsed = unwrap(PrivateKey::fromPem(pem));
    CHECK(EVP_PKEY_eq(parsed.get(), key.get()) == 1);
    CHECK(parsed.keyType() == expected.type);
    CHECK(ERR_peek_error() == 0);
  }
}

TEST_CASE("two generated keys differ") {
  PrivateKey a = unwrap(PrivateKey::generate(KeyType::kEcP256));
  PrivateKey b = unwrap(PrivateKey::generate(KeyType::kEcP256));
  CHECK(EVP_PKEY_eq(a.get(), b.get()) != 1);
}

TEST_CASE("traditional EC and RSA PEM keys are accepted") {
  for (KeyType type : {KeyType::kEcP384, KeyType::kRsa2048}) {
    PrivateKey key = unwrap(PrivateKey::generate(type));
    std::string pem = traditionalPem(key);
    CHECK(pem.starts_with(type == KeyType::kEcP384 ? "-----BEGIN EC PRIVATE KEY-----"
                                                   : "-----BEGIN RSA PRIVATE KEY-----"));
    PrivateKey parsed = unwrap(PrivateKey::fromPem(pem));
    CHECK(EVP_PKEY_eq(parsed.get(), key.get()) == 1);
    CHECK(parsed.keyType() == type);
  }
}

TEST_CASE("a key PEM with CRLF line endings and surrounding text is accepted") {
  PrivateKey key = unwrap(PrivateKey::generate(KeyType::kEcP256));
  std::string pem = unwrap(key.toPkcs8Pem());
  std::string crlf;
  for (char c : pem) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  PrivateKey parsed = unwrap(PrivateKey::fromPem("\n\n" + crlf + "\n"));
  CHECK(EVP_PKEY_eq(parsed.get(), key.get()) == 1);
}

TEST_CASE("an encrypted PKCS#8 key is refused without prompting for a passphrase") {
  PrivateKey key = unwrap(PrivateKey::generate(KeyType::kEcP256));
  std::string pem = encryptedPkcs8(key);
  REQUIRE(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
  auto result = fromPemWithPassphraseOnStdin(pem);
  checkRefused(result, pem);
  CHECK(result.status().message() == "encrypted private keys are not supported");
}

TEST_CASE("an encrypted traditional PEM key is refused without prompting for a passphrase") {
  PrivateKey key = unwrap(PrivateKey::generate(KeyType::kRsa2048));
  std::string pem = traditionalPem(key, EVP_aes_128_cbc());
  REQUIRE(pem.find("Proc-Type: 4,ENCRYPTED") != std::string::npos);
  auto result = fromPemWithPassphraseOnStdin(pem);
  checkRefused(result, pem);
  CHECK(result.status().message() == "encrypted private keys are not supported");
}

TEST_CASE("an empty or whitespace-only key PEM is refused") {
  for (const char* empty : {"", "  \n\t\r\n"}) {
    auto result = PrivateKey::fromPem(empty);
    checkRefused(result, "");
    CHECK(result.status().message() == "private key PEM is empty");
  }
}

TEST_CASE("a garbage key PEM is refused") {
  for (std::string garbage :
       {std::string("not a key"), std::string("\0\1\2\3", 4),
        std::string("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n"),
        std::string("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")}) {
    auto result = PrivateKey::fromPem(garbage);
    checkRefused(result, garbage);
    CHECK(result.status().message().starts_with("no valid private key in PEM: "));
  }
}

TEST_CASE("a truncated key PEM is refused without quoting the key") {
  PrivateKey key = unwrap(PrivateKey::generate(KeyType::kRsa2048));
  std::string pem = unwrap(key.toPkcs8Pem());
  std::string without_end = pem.substr(0, pem.find("-----END"));
  std::string half_body = pem.substr(0, pem.size() / 2) + "\n-----END PRIVATE KEY-----\n";
  std::string cut_end_line = pem.substr(0, pem.size() - 10);
  for (const std::string& truncated : {without_end, half_body, cut_end_line}) {
    checkRefused(PrivateKey::fromPem(truncated), pem);
  }
}

TEST_CASE("a certificate or public key PEM is not a private key") {
  PrivateKey key = unwrap(PrivateKey::generate(KeyType::kEcP256));
  BioPtr bio(BIO_new(BIO_s_mem()));
  REQUIRE(PEM_write_bio_PUBKEY(bio.get(), key.get()) == 1);
  std::string public_pem = bioText(bio.get());
  checkRefused(PrivateKey::fromPem(public_pem), public_pem);
  std::string certificate_pem = testing::selfSignedLeaf(key, {"a.example"}).toPem();
  checkRefused(PrivateKey::fromPem(certificate_pem), certificate_pem);
}

TEST_CASE("copies of a private key share the same OpenSSL key") {
  PrivateKey key = unwrap(PrivateKey::generate(KeyType::kEcP256));
  PrivateKey copy = key;
  CHECK(copy.get() == key.get());
  PrivateKey other = unwrap(PrivateKey::generate(KeyType::kEcP384));
  other = key;
  CHECK(other.get() == key.get());
  PrivateKey& alias = other;
  other = alias;  // self-assignment keeps the key alive
  CHECK(other.keyType() == KeyType::kEcP256);
  PrivateKey moved = std::move(copy);
  CHECK(moved.get() == key.get());
}

TEST_CASE("adopt refuses a null key and a public-only key") {
  auto null_result = PrivateKey::adopt(EvpPkeyPtr());
  REQUIRE_FALSE(null_result.isOk());
  CHECK(null_result.status().message() == "private key is null");

  PrivateKey key = unwrap(PrivateKey::generate(KeyType::kEcP256));
  BioPtr bio(BIO_new(BIO_s_mem()));
  REQUIRE(PEM_write_bio_PUBKEY(bio.get(), key.get()) == 1);
  EvpPkeyPtr public_only(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  REQUIRE(public_only);
  auto result = PrivateKey::adopt(std::move(public_only));
  REQUIRE_FALSE(result.isOk());
  CHECK(result.status().message() == "key has no private part");
  CHECK(ERR_peek_error() == 0);
}

TEST_CASE("keys outside the five key types are described but have no KeyType") {
  struct Case {
    EVP_PKEY* raw;
    const char* description;
  };
  const Case cases[] = {
      {EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), "ED25519"},
      {EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-521"), "ECDSA P-521"},
      {EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "secp256k1"), "ECDSA secp256k1"},
      {EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{1024}), "RSA 1024"},
  };
  for (const Case& c : cases) {
    INFO(c.description);
    PrivateKey key = unwrap(PrivateKey::adopt(EvpPkeyPtr(c.raw)));
    CHECK_FALSE(key.keyType().has_value());
    CHECK(key.description() == c.description);
    // Such keys still round-trip through PKCS#8.
    PrivateKey parsed = unwrap(PrivateKey::fromPem(unwrap(key.toPkcs8Pem())));
    CHECK(EVP_PKEY_eq(parsed.get(), key.get()) == 1);
  }
  CHECK(shared::pki::describeKey(nullptr) == "no key");
}
