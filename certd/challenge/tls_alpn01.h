#pragma once

// TlsAlpn01: the TLS-ALPN-01 solver (RFC 8737) with its own TLS listener (OpenSSL directly).
// It completes a handshake only when the ClientHello offers ALPN "acme-tls/1" and names,
// by SNI, an identifier presented right now; it then serves that identifier's self-signed
// challenge certificate (tls_alpn01_certificate.h) and closes the connection. Any other
// ClientHello is refused with a fatal alert (no_application_protocol or unrecognized_name).
// IP identifiers (RFC 8738) are looked up by their reverse-mapping SNI.
//
// The listener starts with the first present() (or start()) and stops with stop() or at
// destruction. Each connection is handled on its own short-lived thread, so concurrent
// validations (Pebble sends several) proceed together. present()/cleanUp() from one
// thread; the certificate table is shared with the connection threads under a mutex.

#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "certd/challenge/solver.h"
#include "certd/challenge/tls_alpn01_certificate.h"
#include "shared/net/host_port.h"

namespace certd::challenge {

// The certificates being served, keyed by SNI; shared with the TLS callbacks.
struct ChallengeCertificates {
  std::mutex mu;
  std::map<std::string, std::shared_ptr<const ChallengeCertificate>>
      by_server_name;  // guarded by mu
};

class TlsAlpn01 final : public Solver {
 public:
  // `listen`: an IP literal ("" = every IPv4 address) and port (0 = any free port).
  explicit TlsAlpn01(shared::net::HostPort listen);
  ~TlsAlpn01() override;
  TlsAlpn01(const TlsAlpn01&) = delete;
  TlsAlpn01& operator=(const TlsAlpn01&) = delete;

  std::string_view challengeType() const override { return "tls-alpn-01"; }

  // Makes the challenge certificate for spec.domain and starts the listener if needed.
  // Errors: "tlsalpn01: present a.test: listen 127.0.0.1:443: Permission denied".
  shared::Status present(const ChallengeSpec& spec) override;
  // Stops serving spec.domain's certificate; the listener keeps running until stop().
  shared::Status cleanUp(const ChallengeSpec& spec) override;

  // Binds and starts the accept thread now; ok when already running.
  shared::Status start();
  // Stops accepting, closes open connections and joins every thread.
  void stop();
  // The bound port while listening, else 0.
  std::uint16_t port() const { return port_; }

 private:
  struct Connection;

  void acceptLoop();
  void reapFinished();  // joins finished connection threads

  shared::net::HostPort listen_;
  std::shared_ptr<ChallengeCertificates> certificates_ = std::make_shared<ChallengeCertificates>();
  void* ssl_ctx_ = nullptr;  // SSL_CTX*, owned; kept opaque to keep OpenSSL out of the header
  int listen_fd_ = -1;
  int wake_pipe_[2] = {-1, -1};  // written by stop() to wake the accept thread
  std::uint16_t port_ = 0;
  std::thread accept_thread_;
  std::mutex connections_mu_;
  std::list<std::unique_ptr<Connection>> connections_;  // guarded by connections_mu_
};

}  // namespace certd::challenge
