#include "certd/challenge/tls_alpn01.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <openssl/tls1.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>

#include "shared/log/fields.h"
#include "shared/log/logging.h"
#include "shared/net/listen_address.h"

namespace certd::challenge {

struct TlsAlpn01::Connection {
  std::thread thread;
  std::atomic<bool> done{false};
  int fd = -1;
};

namespace {

constexpr int kHandshakeTimeoutSeconds = 10;

// The host_name from a server_name extension body (RFC 6066 §3), lowercased.
std::string serverNameOf(const unsigned char* data, std::size_t length) {
  if (length < 5) return "";
  const std::size_t list = (data[0] << 8) | data[1];
  if (list + 2 > length || data[2] != TLSEXT_NAMETYPE_host_name) return "";
  const std::size_t name_length = (data[3] << 8) | data[4];
  if (5 + name_length > length) return "";
  std::string name(reinterpret_cast<const char*>(data + 5), name_length);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

// Whether an ALPN extension body (RFC 7301 §3.1) lists "acme-tls/1".
bool offersAcmeTls(const unsigned char* data, std::size_t length) {
  if (length < 2) return false;
  std::size_t offset = 2;
  while (offset < length) {
    const std::size_t item = data[offset];
    if (offset + 1 + item > length) return false;
    if (std::string_view(reinterpret_cast<const char*>(data + offset + 1), item) == kAcmeTlsAlpn) {
      return true;
    }
    offset += 1 + item;
  }
  return false;
}

// RFC 8737 §3: refuse unless the client offers acme-tls/1, then pick the certificate by SNI.
int onClientHello(SSL* ssl, int* alert, void* arg) {
  auto* table = static_cast<ChallengeCertificates*>(arg);
  const unsigned char* alpn = nullptr;
  std::size_t alpn_length = 0;
  if (SSL_client_hello_get0_ext(ssl, TLSEXT_TYPE_application_layer_protocol_negotiation, &alpn,
                                &alpn_length) != 1 ||
      !offersAcmeTls(alpn, alpn_length)) {
    *alert = SSL_AD_NO_APPLICATION_PROTOCOL;
    return SSL_CLIENT_HELLO_ERROR;
  }
  const unsigned char* sni = nullptr;
  std::size_t sni_length = 0;
  std::string name;
  if (SSL_client_hello_get0_ext(ssl, TLSEXT_TYPE_server_name, &sni, &sni_length) == 1) {
    name = serverNameOf(sni, sni_length);
  }
  std::shared_ptr<const ChallengeCertificate> entry;
  {
    std::lock_guard lock(table->mu);
    auto it = table->by_server_name.find(name);
    if (it != table->by_server_name.end()) entry = it->second;
  }
  if (!entry) {
    *alert = SSL_AD_UNRECOGNIZED_NAME;
    return SSL_CLIENT_HELLO_ERROR;
  }
  if (SSL_use_certificate(ssl, entry->certificate.get()) != 1 ||
      SSL_use_PrivateKey(ssl, entry->key.get()) != 1) {
    *alert = SSL_AD_INTERNAL_ERROR;
    return SSL_CLIENT_HELLO_ERROR;
  }
  return SSL_CLIENT_HELLO_SUCCESS;
}

int onAlpnSelect(SSL*, const unsigned char** out, unsigned char* out_length,
                 const unsigned char* in, unsigned int in_length, void*) {
  for (unsigned int offset = 0; offset < in_length;) {
    const unsigned int item = in[offset];
    if (offset + 1 + item > in_length) break;
    if (std::string_view(reinterpret_cast<const char*>(in + offset + 1), item) == kAcmeTlsAlpn) {
      *out = in + offset + 1;
      *out_length = static_cast<unsigned char>(item);
      return SSL_TLSEXT_ERR_OK;
    }
    offset += 1 + item;
  }
  return SSL_TLSEXT_ERR_ALERT_FATAL;
}

void serveConnection(SSL_CTX* ctx, int fd) {
  timeval timeout{kHandshakeTimeoutSeconds, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  SSL* ssl = SSL_new(ctx);
  if (ssl == nullptr) return;
  SSL_set_fd(ssl, fd);
  if (SSL_accept(ssl) == 1) {
    // RFC 8737 §3: the client closes right after the handshake; no data is exchanged.
    SSL_shutdown(ssl);
  } else {
    shared::log::debug(shared::log::get("certd.challenge"),
                       "tlsalpn01: handshake refused or failed");
  }
  SSL_free(ssl);
}

}  // namespace

TlsAlpn01::TlsAlpn01(shared::net::HostPort listen) : listen_(std::move(listen)) {}

TlsAlpn01::~TlsAlpn01() {
  stop();
  if (ssl_ctx_ != nullptr) SSL_CTX_free(static_cast<SSL_CTX*>(ssl_ctx_));
}

shared::Status TlsAlpn01::start() {
  if (accept_thread_.joinable()) return shared::Status::ok();
  const std::string where = "tlsalpn01: listen " + listen_.toString();
  if (ssl_ctx_ == nullptr) {
    SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == nullptr) return shared::Status::internal(where + ": SSL_CTX_new failed");
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);  // RFC 8737 §4
    SSL_CTX_set_client_hello_cb(ctx, onClientHello, certificates_.get());
    SSL_CTX_set_alpn_select_cb(ctx, onAlpnSelect, nullptr);
    ssl_ctx_ = ctx;
  }
  // Empty: every address, dual-stack where the kernel has IPv6 (a CA may validate over either).
  auto chosen = shared::net::chooseListenAddress(listen_);
  if (!chosen) return shared::Status::invalidArgument(where + ": " + chosen.status().message());
  const Poco::Net::SocketAddress& address = chosen->address;
  const int fd = ::socket(address.af(), SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return shared::Status::fromErrno(where, errno);
  const int yes = 1;
  const int no = 0;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  if (address.af() == AF_INET6) ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &no, sizeof no);
  if (::bind(fd, address.addr(), address.length()) != 0 || ::listen(fd, 64) != 0 ||
      ::pipe2(wake_pipe_, O_CLOEXEC) != 0) {
    const int error = errno;
    ::close(fd);
    return shared::Status::fromErrno(where, error);
  }
  sockaddr_storage bound{};
  socklen_t bound_length = sizeof bound;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &bound_length);
  port_ = ntohs(bound.ss_family == AF_INET ? reinterpret_cast<sockaddr_in*>(&bound)->sin_port
                                           : reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port);
  listen_fd_ = fd;
  accept_thread_ = std::thread([this] { acceptLoop(); });
  shared::net::logListenAddress(*chosen, "certd.challenge");
  shared::log::info(shared::log::get("certd.challenge"), "tlsalpn01: listening", {{"port", port_}});
  return shared::Status::ok();
}

void TlsAlpn01::acceptLoop() {
  for (;;) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents != 0) return;
    if ((fds[0].revents & POLLIN) == 0) continue;
    const int client = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    reapFinished();
    auto connection = std::make_unique<Connection>();
    connection->fd = client;
    Connection* raw = connection.get();
    auto* ctx = static_cast<SSL_CTX*>(ssl_ctx_);
    std::lock_guard lock(connections_mu_);
    connection->thread = std::thread([ctx, raw] {
      serveConnection(ctx, raw->fd);
      raw->done = true;
    });
    connections_.push_back(std::move(connection));
  }
}

void TlsAlpn01::reapFinished() {
  std::lock_guard lock(connections_mu_);
  for (auto it = connections_.begin(); it != connections_.end();) {
    if ((*it)->done) {
      (*it)->thread.join();
      ::close((*it)->fd);
      it = connections_.erase(it);
    } else {
      ++it;
    }
  }
}

void TlsAlpn01::stop() {
  if (!accept_thread_.joinable()) return;
  const char byte = 0;
  [[maybe_unused]] const ssize_t written = ::write(wake_pipe_[1], &byte, 1);
  accept_thread_.join();
  {
    std::lock_guard lock(connections_mu_);
    // Unblocks handshakes in progress; their threads then finish quickly.
    for (const auto& connection : connections_) ::shutdown(connection->fd, SHUT_RDWR);
  }
  std::list<std::unique_ptr<Connection>> connections;
  {
    std::lock_guard lock(connections_mu_);
    connections.swap(connections_);
  }
  for (const auto& connection : connections) {
    connection->thread.join();
    ::close(connection->fd);
  }
  ::close(listen_fd_);
  ::close(wake_pipe_[0]);
  ::close(wake_pipe_[1]);
  listen_fd_ = wake_pipe_[0] = wake_pipe_[1] = -1;
  port_ = 0;
  shared::log::info(shared::log::get("certd.challenge"), "tlsalpn01: stopped");
}

shared::Status TlsAlpn01::present(const ChallengeSpec& spec) {
  const std::string context = "tlsalpn01: present " + spec.domain;
  auto certificate = makeTlsAlpn01Certificate(spec.domain, spec.key_authorization);
  if (!certificate) return certificate.status().withContext(context);
  {
    std::lock_guard lock(certificates_->mu);
    certificates_->by_server_name[tlsAlpn01ServerName(spec.domain)] =
        std::make_shared<const ChallengeCertificate>(std::move(*certificate));
  }
  if (auto status = start(); !status) return status.withContext(context);
  return shared::Status::ok();
}

shared::Status TlsAlpn01::cleanUp(const ChallengeSpec& spec) {
  std::lock_guard lock(certificates_->mu);
  certificates_->by_server_name.erase(tlsAlpn01ServerName(spec.domain));
  return shared::Status::ok();
}

}  // namespace certd::challenge
