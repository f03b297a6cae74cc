#include "certd/challenge/tls_alpn01.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <future>
#include <vector>

#include "certd/challenge/tls_alpn01_certificate.h"

using namespace certd::challenge;

namespace {

const ChallengeSpec kAlpnSpec{"a.test", "tok", "tok.thumb"};

// The acmeIdentifier extension of `x509`: its DER value and criticality.
struct AcmeExtension {
  bool found = false;
  bool critical = false;
  std::string value;
};

AcmeExtension acmeExtension(X509* x509) {
  AcmeExtension out;
  ASN1_OBJECT* oid = OBJ_txt2obj(std::string(kAcmeIdentifierOid).c_str(), 1);
  const int index = X509_get_ext_by_OBJ(x509, oid, -1);
  ASN1_OBJECT_free(oid);
  if (index < 0) return out;
  X509_EXTENSION* extension = X509_get_ext(x509, index);
  out.found = true;
  out.critical = X509_EXTENSION_get_critical(extension) == 1;
  const ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(extension);
  out.value.assign(reinterpret_cast<const char*>(ASN1_STRING_get0_data(data)),
                   static_cast<std::size_t>(ASN1_STRING_length(data)));
  return out;
}

struct Handshake {
  bool ok = false;
  std::string alpn;
  AcmeExtension extension;
  std::vector<std::string> names;
};

// One TLS handshake from an in-process OpenSSL client.
enum class Alpn { kAcmeTls, kHttp, kNone };

Handshake connect(std::uint16_t port, const std::string& sni, Alpn alpn_offer) {
  Handshake result;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return result;
  }
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  SSL* ssl = SSL_new(ctx);
  SSL_set_fd(ssl, fd);
  if (!sni.empty()) SSL_set_tlsext_host_name(ssl, sni.c_str());
  static const unsigned char kAcme[] =
      "\x0a"
      "acme-tls/1";
  static const unsigned char kHttp[] =
      "\x08"
      "http/1.1";
  if (alpn_offer == Alpn::kAcmeTls) SSL_set_alpn_protos(ssl, kAcme, sizeof kAcme - 1);
  if (alpn_offer == Alpn::kHttp) SSL_set_alpn_protos(ssl, kHttp, sizeof kHttp - 1);
  if (SSL_connect(ssl) == 1) {
    result.ok = true;
    const unsigned char* alpn = nullptr;
    unsigned int alpn_length = 0;
    SSL_get0_alpn_selected(ssl, &alpn, &alpn_length);
    result.alpn.assign(reinterpret_cast<const char*>(alpn), alpn_length);
    X509* peer = SSL_get1_peer_certificate(ssl);
    if (peer != nullptr) {
      result.extension = acmeExtension(peer);
      auto certificate = shared::pki::Certificate::adopt(shared::pki::X509Ptr(peer));
      if (certificate) result.names = certificate->subjectAltNames();
    }
    SSL_shutdown(ssl);
  }
  SSL_free(ssl);
  SSL_CTX_free(ctx);
  ::close(fd);
  return result;
}

}  // namespace

TEST_CASE(
    "the tls-alpn-01 certificate carries a critical acmeIdentifier of the key "
    "authorization and one SAN",
    "[certd][challenge]") {
  auto made = makeTlsAlpn01Certificate("A.test", "k.a");
  REQUIRE(made);
  const AcmeExtension extension = acmeExtension(made->certificate.get());
  REQUIRE(extension.found);
  CHECK(extension.critical);
  // 04 20 || SHA-256("k.a"), computed with openssl dgst -sha256.
  const std::string digest_hex = "735261b47c81e3d390b18f695bfd633a59b6ac03fd28da0ca866766e651abf0e";
  REQUIRE(extension.value.size() == 34);
  CHECK(extension.value.substr(0, 2) == std::string("\x04\x20", 2));
  std::string hex;
  for (unsigned char c : extension.value.substr(2)) {
    static constexpr char kHex[] = "0123456789abcdef";
    hex += kHex[c >> 4];
    hex += kHex[c & 0xF];
  }
  CHECK(hex == digest_hex);
  CHECK(made->certificate.subjectAltNames() == std::vector<std::string>{"a.test"});
}

TEST_CASE("an IP identifier gets an IP SAN and a reverse-mapping server name",
          "[certd][challenge]") {
  auto made = makeTlsAlpn01Certificate("127.0.0.1", "k.a");
  REQUIRE(made);
  CHECK(made->certificate.dnsNames().empty());
  CHECK(made->certificate.ipAddresses() == std::vector<std::string>{"127.0.0.1"});
  CHECK(tlsAlpn01ServerName("127.0.0.1") == "1.0.0.127.in-addr.arpa");
  CHECK(tlsAlpn01ServerName("2001:db8::1") ==
        "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
  CHECK(tlsAlpn01ServerName("A.Test.") == "a.test");
}

TEST_CASE(
    "the tls-alpn-01 listener serves the challenge certificate only for acme-tls/1 "
    "and a presented name",
    "[certd][challenge]") {
  TlsAlpn01 solver({"127.0.0.1", 0});
  REQUIRE(solver.present(kAlpnSpec).isOk());
  REQUIRE(solver.present({"127.0.0.1", "tok2", "tok2.thumb"}).isOk());
  const std::uint16_t port = solver.port();
  REQUIRE(port != 0);

  const Handshake good = connect(port, "a.test", Alpn::kAcmeTls);
  REQUIRE(good.ok);
  CHECK(good.alpn == "acme-tls/1");
  CHECK(good.extension.critical);
  CHECK(good.extension.value == acmeIdentifierDer("tok.thumb"));
  CHECK(good.names == std::vector<std::string>{"a.test"});

  const Handshake ip = connect(port, "1.0.0.127.in-addr.arpa", Alpn::kAcmeTls);
  REQUIRE(ip.ok);
  CHECK(ip.names == std::vector<std::string>{"127.0.0.1"});
  CHECK(ip.extension.value == acmeIdentifierDer("tok2.thumb"));

  CHECK_FALSE(connect(port, "a.test", Alpn::kHttp).ok);         // other protocols only
  CHECK_FALSE(connect(port, "a.test", Alpn::kNone).ok);         // no ALPN at all
  CHECK_FALSE(connect(port, "other.test", Alpn::kAcmeTls).ok);  // not presented
  CHECK_FALSE(connect(port, "", Alpn::kAcmeTls).ok);            // no SNI

  REQUIRE(solver.cleanUp(kAlpnSpec).isOk());
  CHECK_FALSE(connect(port, "a.test", Alpn::kAcmeTls).ok);
  CHECK(connect(port, "1.0.0.127.in-addr.arpa", Alpn::kAcmeTls).ok);
}

TEST_CASE("the tls-alpn-01 listener handles concurrent validations", "[certd][challenge]") {
  TlsAlpn01 solver({"127.0.0.1", 0});
  REQUIRE(solver.present(kAlpnSpec).isOk());
  std::vector<std::future<Handshake>> handshakes;
  for (int i = 0; i < 8; ++i) {
    handshakes.push_back(std::async(
        std::launch::async, [&] { return connect(solver.port(), "a.test", Alpn::kAcmeTls); }));
  }
  for (auto& handshake : handshakes) CHECK(handshake.get().ok);
  solver.stop();
  CHECK(solver.port() == 0);
}
