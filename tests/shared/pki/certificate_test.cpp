#include "shared/pki/certificate.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "shared/pki/certificate_builder.h"
#include "shared/pki/private_key.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"

using namespace std::chrono_literals;
using shared::Status;
using shared::pki::Certificate;
using shared::pki::CertificateBuilder;
using shared::pki::KeyType;
using shared::pki::PrivateKey;
using testing::unwrap;
using testing::utc;

namespace {

PrivateKey ecKey() {
  return unwrap(PrivateKey::generate(KeyType::kEcP256));
}

Certificate withSans(std::initializer_list<std::string> dns,
                     std::initializer_list<std::string_view> ips) {
  CertificateBuilder builder;
  builder.commonName("test");
  for (const std::string& name : dns) builder.addDnsName(name);
  for (std::string_view ip : ips) builder.addIpAddress(ip);
  return unwrap(builder.selfSign(ecKey()));
}

// The extension with `oid` (dotted text), or null.
X509_EXTENSION* findExtension(const Certificate& certificate, const char* oid) {
  shared::pki::Asn1ObjectPtr object(OBJ_txt2obj(oid, 1));
  int index = X509_get_ext_by_OBJ(certificate.get(), object.get(), -1);
  return index < 0 ? nullptr : X509_get_ext(certificate.get(), index);
}

std::string run(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[512];
  while (size_t n = fread(buffer, 1, sizeof(buffer), pipe)) output.append(buffer, n);
  pclose(pipe);
  return output;
}

}  // namespace

TEST_CASE("a certificate round-trips through PEM and DER") {
  Certificate original = withSans({"a.example.com"}, {});
  std::string pem = original.toPem();
  CHECK(pem.starts_with("-----BEGIN CERTIFICATE-----\n"));
  CHECK(pem.ends_with("-----END CERTIFICATE-----\n"));
  Certificate from_pem = unwrap(Certificate::fromPem(pem));
  Certificate from_der = unwrap(Certificate::fromDer(original.toDer()));
  CHECK(X509_cmp(from_pem.get(), original.get()) == 0);
  CHECK(X509_cmp(from_der.get(), original.get()) == 0);
  CHECK(from_der.toDer() == original.toDer());
}

TEST_CASE("Certificate::fromPem refuses zero or several certificates") {
  Certificate certificate = withSans({"a.example.com"}, {});
  auto two = Certificate::fromPem(certificate.toPem() + certificate.toPem());
  REQUIRE_FALSE(two.isOk());
  CHECK(two.status().message() == "expected exactly one certificate, found 2");
  auto none = Certificate::fromPem("");
  REQUIRE_FALSE(none.isOk());
  CHECK(none.status().message() == "certificate 1: no PEM certificate found");
  CHECK(ERR_peek_error() == 0);
}

TEST_CASE("Certificate::fromDer refuses empty input garbage and trailing bytes") {
  std::string der = withSans({"a.example.com"}, {}).toDer();
  auto empty = Certificate::fromDer("");
  REQUIRE_FALSE(empty.isOk());
  CHECK(empty.status().message() == "certificate DER is empty");

  auto garbage = Certificate::fromDer("garbage");
  REQUIRE_FALSE(garbage.isOk());
  CHECK(garbage.status().code() == Status::Code::kInvalidArgument);
  CHECK(garbage.status().message().starts_with("invalid certificate DER: error:"));

  auto truncated = Certificate::fromDer(der.substr(0, der.size() - 1));
  REQUIRE_FALSE(truncated.isOk());
  CHECK(truncated.status().message().starts_with("invalid certificate DER"));

  auto trailing = Certificate::fromDer(der + "x");
  REQUIRE_FALSE(trailing.isOk());
  CHECK(trailing.status().message() == "trailing bytes after the certificate DER");
  CHECK(ERR_peek_error() == 0);
}

TEST_CASE("SAN DNS names and IP addresses are read back with IPv6 in RFC 5952 form") {
  Certificate certificate =
      withSans({"a.example.com", "*.b.example.com"},
               {"192.0.2.10", "2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8:0:1:0:0:0:1",
                "2001:db8:0:0:1:0:0:1", "::1", "::ffff:192.0.2.1", "2001:db8:1:2:3:4:5:6"});
  CHECK(certificate.dnsNames() == std::vector<std::string>{"a.example.com", "*.b.example.com"});
  std::vector<std::string> ips = {"192.0.2.10",          "2001:db8::1", "2001:db8:0:1::1",
                                  "2001:db8::1:0:0:1",   "::1",         "::ffff:192.0.2.1",
                                  "2001:db8:1:2:3:4:5:6"};
  CHECK(certificate.ipAddresses() == ips);
  std::vector<std::string> all = {"a.example.com", "*.b.example.com"};
  all.insert(all.end(), ips.begin(), ips.end());
  CHECK(certificate.subjectAltNames() == all);
}

TEST_CASE("a certificate without subjectAltName has no names and covers nothing") {
  PrivateKey key = ecKey();
  Certificate certificate = unwrap(CertificateBuilder().commonName("a.example.com").selfSign(key));
  CHECK(certificate.dnsNames().empty());
  CHECK(certificate.ipAddresses().empty());
  CHECK(certificate.subjectAltNames().empty());
  CHECK_FALSE(certificate.covers("a.example.com"));  // the CN is not consulted
}

TEST_CASE("validity round-trips to the second including GeneralizedTime after 2050") {
  auto not_before = utc(2024, 2, 29, 1, 2, 3);
  auto not_after = utc(2051, 6, 1, 12, 34, 56);
  Certificate certificate =
      unwrap(CertificateBuilder().validity(not_before + 999ms, not_after).selfSign(ecKey()));
  CHECK(certificate.notBefore() == not_before);  // sub-second part truncated
  CHECK(certificate.notAfter() == not_after);
  CHECK(ASN1_STRING_type(X509_get0_notBefore(certificate.get())) == V_ASN1_UTCTIME);
  CHECK(ASN1_STRING_type(X509_get0_notAfter(certificate.get())) == V_ASN1_GENERALIZEDTIME);

  Certificate reparsed = unwrap(Certificate::fromPem(certificate.toPem()));
  CHECK(reparsed.notBefore() == not_before);
  CHECK(reparsed.notAfter() == not_after);
}

TEST_CASE("validity before 1970 and after 2038 round-trips") {
  auto not_before = utc(1965, 7, 4, 23, 59, 59);
  auto not_after = utc(2038, 1, 19, 3, 14, 8);  // one second past the 32-bit time_t limit
  Certificate certificate =
      unwrap(CertificateBuilder().validity(not_before, not_after).selfSign(ecKey()));
  CHECK(certificate.notBefore() == not_before);
  CHECK(certificate.notAfter() == not_after);
}

TEST_CASE("a notAfter of 99991231235959Z is clamped to the largest time point") {
  PrivateKey key = ecKey();
  Certificate base = unwrap(CertificateBuilder().selfSign(key));
  shared::pki::X509Ptr copy(X509_dup(base.get()));
  REQUIRE(ASN1_TIME_set_string(X509_getm_notAfter(copy.get()), "99991231235959Z") == 1);
  REQUIRE(X509_sign(copy.get(), key.get(), EVP_sha256()) > 0);
  Certificate certificate =
      unwrap(Certificate::fromDer(unwrap(Certificate::adopt(std::move(copy))).toDer()));
  CHECK(certificate.notAfter() == shared::Clock::TimePoint::max());
  CHECK(certificate.isValidAt(utc(2200, 1, 1)));
}

TEST_CASE("isValidAt is true only from notBefore through notAfter inclusive") {
  auto not_before = utc(2030, 1, 1);
  auto not_after = utc(2030, 4, 1);
  Certificate certificate =
      unwrap(CertificateBuilder().validity(not_before, not_after).selfSign(ecKey()));
  CHECK_FALSE(certificate.isValidAt(not_before - 1s));
  CHECK(certificate.isValidAt(not_before));
  CHECK(certificate.isValidAt(utc(2030, 2, 15)));
  CHECK(certificate.isValidAt(not_after));
  CHECK_FALSE(certificate.isValidAt(not_after + 1s));
}

TEST_CASE("serialHex prints the serial that was set like openssl x509 -serial") {
  struct Case {
    std::uint64_t serial;
    const char* hex;
  };
  for (Case c : {Case{0x0A1B, "0A1B"}, Case{1, "01"}, Case{0x80, "80"},
                 Case{0x0102030405060708, "0102030405060708"},
                 Case{0xFFFFFFFFFFFFFFFF, "FFFFFFFFFFFFFFFF"}}) {
    Certificate certificate = unwrap(CertificateBuilder().serial(c.serial).selfSign(ecKey()));
    CHECK(certificate.serialHex() == c.hex);
  }
}

TEST_CASE("the default serial is 16 random bytes and positive") {
  PrivateKey key = ecKey();
  std::string a = unwrap(CertificateBuilder().selfSign(key)).serialHex();
  std::string b = unwrap(CertificateBuilder().selfSign(key)).serialHex();
  CHECK(a.size() == 32);
  CHECK(a != b);
  CHECK(a[0] <= '7');  // top bit clear: positive
  CHECK(a.substr(0, 2) != "00");
}

TEST_CASE("subject and issuer use the RFC 2253 form and issuerCommonName the last CN") {
  testing::TestPki pki = testing::makeTestPki();
  CHECK(pki.leaf.subject() == "CN=leaf.example.com");
  CHECK(pki.leaf.issuer() == "CN=Test Intermediate CA");
  CHECK(pki.leaf.issuerCommonName() == "Test Intermediate CA");
  CHECK(pki.root.issuer() == "CN=Test Root CA");
  Certificate no_subject = unwrap(CertificateBuilder().addDnsName("a.example").selfSign(ecKey()));
  CHECK(no_subject.subject().empty());
  CHECK(no_subject.issuerCommonName().empty());
}

TEST_CASE("sha256Fingerprint equals an independent SHA-256 of the DER") {
  Certificate certificate = withSans({"a.example.com"}, {"192.0.2.1"});
  Poco::SHA2Engine sha256(Poco::SHA2Engine::SHA_256);
  sha256.update(certificate.toDer());
  std::string expected = Poco::DigestEngine::digestToHex(sha256.digest());
  CHECK(certificate.sha256Fingerprint() == expected);
  CHECK(expected.size() == 64);
}

TEST_CASE("covers matches DNS names case-insensitively and wildcards one label deep") {
  Certificate certificate = withSans({"Exact.Example.com", "*.wild.example.com"}, {});
  CHECK(certificate.covers("exact.example.com"));
  CHECK(certificate.covers("EXACT.EXAMPLE.COM"));
  CHECK(certificate.covers("exact.example.com."));
  CHECK_FALSE(certificate.covers("other.example.com"));
  CHECK_FALSE(certificate.covers("example.com"));
  CHECK_FALSE(certificate.covers(""));
  CHECK_FALSE(certificate.covers("."));

  CHECK(certificate.covers("a.wild.example.com"));
  CHECK(certificate.covers("A.Wild.Example.Com"));
  CHECK_FALSE(certificate.covers("wild.example.com"));
  CHECK_FALSE(certificate.covers("a.b.wild.example.com"));
  CHECK_FALSE(certificate.covers(".wild.example.com"));
  CHECK_FALSE(certificate.covers("awild.example.com"));

  // A requested wildcard is covered only by the identical wildcard SAN.
  CHECK(certificate.covers("*.wild.example.com"));
  CHECK(certificate.covers("*.WILD.example.com"));
  CHECK_FALSE(certificate.covers("*.example.com"));
  CHECK_FALSE(certificate.covers("*.exact.example.com"));
  CHECK_FALSE(certificate.covers("*.a.wild.example.com"));
}

TEST_CASE("covers honours a wildcard only as the whole leftmost label") {
  Certificate certificate = withSans({"*.*.example.com", "a*.example.net"}, {});
  CHECK_FALSE(certificate.covers("a.b.example.com"));
  CHECK_FALSE(certificate.covers("a.*.example.com"));
  CHECK_FALSE(certificate.covers("ab.example.net"));
  CHECK(certificate.covers("*.*.example.com"));
}

TEST_CASE("covers compares IP literals as bytes rather than text") {
  Certificate certificate = withSans({"192.0.2.99"}, {"192.0.2.1", "2001:db8::1"});
  CHECK(certificate.covers("192.0.2.1"));
  CHECK_FALSE(certificate.covers("192.0.2.10"));
  CHECK(certificate.covers("2001:db8::1"));
  CHECK(certificate.covers("2001:0DB8:0:0:0:0:0:0001"));
  CHECK_FALSE(certificate.covers("2001:db8::2"));
  CHECK_FALSE(certificate.covers("::ffff:192.0.2.1"));  // IPv4-mapped is another address
  CHECK_FALSE(certificate.covers("192.0.2.99"));        // an IP is never matched against DNS SANs
}

TEST_CASE("copies of a certificate share the same X509") {
  Certificate certificate = withSans({"a.example.com"}, {});
  Certificate copy = certificate;
  CHECK(copy.get() == certificate.get());
  Certificate other = withSans({"b.example.com"}, {});
  other = certificate;
  CHECK(other.get() == certificate.get());
  CHECK(other.dnsNames() == std::vector<std::string>{"a.example.com"});
}

TEST_CASE("adopt refuses a null X509") {
  auto result = Certificate::adopt(shared::pki::X509Ptr());
  REQUIRE_FALSE(result.isOk());
  CHECK(result.status().message() == "certificate is null");
}

TEST_CASE("a leaf carries serverAuth and digitalSignature and key identifiers") {
  testing::TestPki pki = testing::makeTestPki();
  X509* leaf = pki.leaf.get();
  CHECK(X509_check_ca(leaf) == 0);
  CHECK((X509_get_extension_flags(leaf) & EXFLAG_KUSAGE) != 0);
  CHECK(X509_get_key_usage(leaf) == KU_DIGITAL_SIGNATURE);
  CHECK(X509_get_extended_key_usage(leaf) == XKU_SSL_SERVER);
  REQUIRE(X509_get0_subject_key_id(leaf) != nullptr);
  REQUIRE(X509_get0_authority_key_id(leaf) != nullptr);
  CHECK(ASN1_OCTET_STRING_cmp(X509_get0_authority_key_id(leaf),
                              X509_get0_subject_key_id(pki.intermediate.get())) == 0);
  CHECK(X509_get_signature_nid(leaf) == NID_ecdsa_with_SHA256);
}

TEST_CASE("a CA certificate carries CA:TRUE and keyCertSign") {
  testing::TestPki pki = testing::makeTestPki();
  CHECK(X509_check_ca(pki.root.get()) == 1);
  CHECK(X509_check_ca(pki.intermediate.get()) == 1);
  CHECK((X509_get_key_usage(pki.root.get()) & KU_KEY_CERT_SIGN) != 0);
  CHECK(X509_get_extended_key_usage(pki.root.get()) == UINT32_MAX);  // no EKU: any
  CHECK(X509_check_issued(pki.root.get(), pki.intermediate.get()) == X509_V_OK);
  CHECK(X509_check_issued(pki.intermediate.get(), pki.leaf.get()) == X509_V_OK);
}

TEST_CASE("a P-384 issuer signs with SHA-384 and an RSA issuer with SHA-256") {
  PrivateKey p384 = unwrap(PrivateKey::generate(KeyType::kEcP384));
  CHECK(X509_get_signature_nid(unwrap(CertificateBuilder().selfSign(p384)).get()) ==
        NID_ecdsa_with_SHA384);
  PrivateKey rsa = unwrap(PrivateKey::generate(KeyType::kRsa2048));
  CHECK(X509_get_signature_nid(unwrap(CertificateBuilder().selfSign(rsa)).get()) ==
        NID_sha256WithRSAEncryption);
}

TEST_CASE("a TLS-ALPN-01 certificate carries the critical acmeIdentifier extension") {
  // RFC 8737 §3: extnValue is the DER OCTET STRING of SHA-256(key authorization).
  std::string value = std::string("\x04\x20", 2) + std::string(32, '\xab');
  Certificate certificate = unwrap(CertificateBuilder()
                                       .addDnsName("a.example.com")
                                       .addExtension("1.3.6.1.5.5.7.1.31", value, true)
                                       .selfSign(ecKey()));
  X509_EXTENSION* extension = findExtension(certificate, "1.3.6.1.5.5.7.1.31");
  REQUIRE(extension != nullptr);
  CHECK(X509_EXTENSION_get_critical(extension) == 1);
  const ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(extension);
  CHECK(std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(data)),
                    static_cast<size_t>(ASN1_STRING_length(data))) == value);
  // With no subject, RFC 5280 §4.2.1.6 makes the SAN critical.
  CHECK(X509_EXTENSION_get_critical(findExtension(certificate, "2.5.29.17")) == 1);
  CHECK(certificate.covers("a.example.com"));
}

TEST_CASE("addExtension accepts a NID and OpenSSL names") {
  Certificate certificate = unwrap(CertificateBuilder()
                                       .addExtension(NID_netscape_comment, "\x16\x02hi", false)
                                       .addExtension("tlsfeature", "\x30\x03\x02\x01\x05", false)
                                       .selfSign(ecKey()));
  CHECK(findExtension(certificate, "2.16.840.1.113730.1.13") != nullptr);
  CHECK(findExtension(certificate, "1.3.6.1.5.5.7.1.24") != nullptr);
}

TEST_CASE("the builder refuses bad settings with a message naming them") {
  PrivateKey key = ecKey();
  auto message = [&](CertificateBuilder& builder) {
    auto result = builder.selfSign(key);
    REQUIRE_FALSE(result.isOk());
    CHECK(ERR_peek_error() == 0);
    return result.status().message();
  };
  CertificateBuilder bad_ip;
  bad_ip.addIpAddress("300.1.2.3");
  CHECK(message(bad_ip) == "\"300.1.2.3\" is not an IP address");
  CertificateBuilder empty_dns;
  empty_dns.addDnsName("");
  CHECK(message(empty_dns) == "DNS name \"\" is empty or holds a NUL");
  CertificateBuilder reversed;
  reversed.validity(utc(2030, 1, 2), utc(2030, 1, 1));
  CHECK(message(reversed) == "notBefore is after notAfter");
  CertificateBuilder zero_serial;
  zero_serial.serial(0);
  CHECK(message(zero_serial) == "serial number must be positive");
  CertificateBuilder unknown_extension;
  unknown_extension.addExtension("no.such.name", "\x05\x00", false);
  CHECK(message(unknown_extension).starts_with("extension \"no.such.name\": error:"));
  CertificateBuilder duplicate;
  duplicate.addDnsName("a.example").addExtension(NID_subject_alt_name, "\x30\x00", false);
  CHECK(message(duplicate) == "extension nid 85 is already set");
  CertificateBuilder empty_value;
  empty_value.addExtension("1.2.3.4", "", false);
  CHECK(message(empty_value) == "extension \"1.2.3.4\" has an empty value");
  CertificateBuilder long_name;
  long_name.commonName(std::string(65, 'a'));
  CHECK(message(long_name).starts_with("set commonName: error:"));
}

TEST_CASE("signWith refuses an issuer key that does not match the issuer") {
  testing::TestPki pki = testing::makeTestPki();
  auto result = CertificateBuilder().signWith(ecKey(), pki.intermediate, pki.root_key);
  REQUIRE_FALSE(result.isOk());
  CHECK(result.status().message() == "issuer key does not match the issuer certificate");
}

TEST_CASE("the openssl command line agrees on serial and fingerprint and names and dates") {
  // The test suite installs openssl (scripts/deps.sh --test); its absence is a failure.
  REQUIRE(std::system("command -v openssl >/dev/null 2>&1") == 0);
  Certificate certificate = unwrap(CertificateBuilder()
                                       .commonName("cli.example.com")
                                       .addDnsName("cli.example.com")
                                       .addIpAddress("2001:db8::7")
                                       .serial(0x00C0FFEE)
                                       .validity(utc(2025, 3, 4, 5, 6, 7), utc(2055, 1, 2, 3, 4, 5))
                                       .selfSign(ecKey()));
  testing::TempDir dir;
  std::ofstream(dir / "cert.pem") << certificate.toPem();
  std::string output = run("openssl x509 -in '" + (dir / "cert.pem").string() +
                           "' -noout -serial -fingerprint -sha256 -subject -issuer -dates"
                           " -nameopt RFC2253 2>&1");
  std::string fingerprint;
  for (char c : certificate.sha256Fingerprint()) {
    if (!fingerprint.empty() && fingerprint.size() % 3 == 2) fingerprint += ':';
    fingerprint += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  INFO(output);
  CHECK(output.find("serial=" + certificate.serialHex() + "\n") != std::string::npos);
  CHECK(certificate.serialHex() == "C0FFEE");
  CHECK(output.find("Fingerprint=" + fingerprint + "\n") != std::string::npos);
  CHECK(output.find("subject=" + certificate.subject() + "\n") != std::string::npos);
  CHECK(output.find("issuer=" + certificate.issuer() + "\n") != std::string::npos);
  CHECK(output.find("notBefore=Mar  4 05:06:07 2025 GMT\n") != std::string::npos);
  CHECK(output.find("notAfter=Jan  2 03:04:05 2055 GMT\n") != std::string::npos);
}
