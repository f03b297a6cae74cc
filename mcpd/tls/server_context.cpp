#include "mcpd/tls/server_context.h"

#include <Poco/Net/SSLException.h>
#include <openssl/ssl.h>

#include <string>

namespace mcpd::tls {
namespace {

// SSL_CTX_set_cert_cb: hands this handshake the material being served right now.
int selectCertificate(SSL* ssl, void* arg) {
  const auto material = static_cast<const CertificateReloader*>(arg)->current();
  if (!material) return 0;  // nothing valid yet: fail the handshake rather than serve junk
  return SSL_use_cert_and_key(ssl, material->leaf().get(), material->key.get(),
                              material->intermediates.get(), /*override=*/1);
}

// ALPN (RFC 7301): we speak http/1.1 only. A client that offers other protocols alone gets
// no ALPN answer and decides for itself, as most servers do.
int selectProtocol(SSL*, const unsigned char** out, unsigned char* outlen, const unsigned char* in,
                   unsigned int inlen, void*) {
  static const unsigned char kHttp11[] = {8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
  unsigned char* selected = nullptr;
  if (SSL_select_next_proto(&selected, outlen, kHttp11, sizeof kHttp11, in, inlen) !=
      OPENSSL_NPN_NEGOTIATED) {
    return SSL_TLSEXT_ERR_NOACK;
  }
  *out = selected;
  return SSL_TLSEXT_ERR_OK;
}

void require(bool ok, const std::string& what) {
  if (!ok) throw Poco::Net::SSLContextException("tls: cannot " + what);
}

}  // namespace

Poco::Net::Context::Ptr makeServerContext(const CertificateReloader& reloader,
                                          TicketKeys& tickets) {
  Poco::Net::Context::Params params;
  params.verificationMode = Poco::Net::Context::VERIFY_NONE;  // no client certificates
  params.loadDefaultCAs = false;
  params.cipherList = kIntermediateCiphers;
  params.ecdhCurve = kGroups;
  Poco::Net::Context::Ptr context =
      new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
  context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);

  SSL_CTX* ctx = context->sslContext();
  require(SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) == 1, "set TLS 1.2 as minimum");
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_clear_options(ctx, SSL_OP_ALLOW_CLIENT_RENEGOTIATION);
  // Mozilla intermediate: every offered suite is strong, so honour the client's order
  // (a phone without AES hardware picks ChaCha20).
  SSL_CTX_clear_options(ctx, SSL_OP_CIPHER_SERVER_PREFERENCE);
  // OpenSSL's built-in ffdhe groups for the DHE suites, sized to the certificate's key.
  require(SSL_CTX_set_dh_auto(ctx, 1) == 1, "enable DHE parameters");
  // Read whole TLS records (and whatever follows) per system call instead of a 5-byte
  // header read and then the body: half the reads on the request path.
  SSL_CTX_set_read_ahead(ctx, 1);
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);  // stateless tickets instead
  SSL_CTX_clear_options(ctx, SSL_OP_NO_TICKET);
  SSL_CTX_set_timeout(ctx, 24 * 60 * 60);
  tickets.install(ctx);
  SSL_CTX_set_alpn_select_cb(ctx, selectProtocol, nullptr);
  SSL_CTX_set_cert_cb(ctx, selectCertificate, const_cast<CertificateReloader*>(&reloader));
  return context;
}

}  // namespace mcpd::tls
