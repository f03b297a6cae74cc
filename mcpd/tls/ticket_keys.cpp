#include "mcpd/tls/ticket_keys.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstring>
#include <stdexcept>

namespace mcpd::tls {
namespace {

constexpr int kUnknownKey = 0;   // OpenSSL: no such key, do a full handshake
constexpr int kSealed = 1;       // ticket sealed, or opened with the newest key
constexpr int kOpenedStale = 2;  // opened with an older key: issue a fresh ticket
constexpr int kFailure = -1;

// Where an SSL_CTX keeps its TicketKeys (OpenSSL's per-object application data).
int exDataIndex() {
  static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

int ticketCallback(SSL* ssl, unsigned char* name, unsigned char* iv, EVP_CIPHER_CTX* cipher,
                   EVP_MAC_CTX* mac, int enc) {
  auto* keys = static_cast<TicketKeys*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), exDataIndex()));
  TicketKeys::Key key;
  bool newest = true;
  if (enc) {
    key = keys->sealingKey();
    std::memcpy(name, key.name.data(), key.name.size());
    if (RAND_bytes(iv, EVP_CIPHER_get_iv_length(EVP_aes_256_cbc())) != 1) return kFailure;
  } else if (!keys->findKey(name, key, newest)) {
    return kUnknownKey;
  }
  char digest[] = "SHA256";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                               OSSL_PARAM_END};
  if (EVP_MAC_init(mac, key.mac_key.data(), key.mac_key.size(), params) != 1) return kFailure;
  const int ok =
      enc ? EVP_EncryptInit_ex(cipher, EVP_aes_256_cbc(), nullptr, key.cipher_key.data(), iv)
          : EVP_DecryptInit_ex(cipher, EVP_aes_256_cbc(), nullptr, key.cipher_key.data(), iv);
  if (ok != 1) return kFailure;
  return enc || newest ? kSealed : kOpenedStale;
}

}  // namespace

TicketKeys::TicketKeys(const shared::Clock& clock, std::chrono::seconds rotation, std::size_t keep)
    : clock_(clock), rotation_(rotation), keep_(keep < 1 ? 1 : keep) {
  keys_.push_front(makeKey(clock_.now()));
}

void TicketKeys::install(SSL_CTX* ctx) {
  SSL_CTX_set_ex_data(ctx, exDataIndex(), this);
  SSL_CTX_set_tlsext_ticket_key_evp_cb(ctx, ticketCallback);
}

std::size_t TicketKeys::size() const {
  std::lock_guard lock(mu_);
  return keys_.size();
}

TicketKeys::Key TicketKeys::sealingKey() {
  const auto now = clock_.now();
  std::lock_guard lock(mu_);
  if (now - keys_.front().created >= rotation_) {
    keys_.push_front(makeKey(now));
    while (keys_.size() > keep_) keys_.pop_back();
  }
  return keys_.front();
}

bool TicketKeys::findKey(const unsigned char* name, Key& key, bool& newest) const {
  // Keys past their whole lifetime open nothing, even when no handshake rotated them out.
  const auto oldest_allowed = clock_.now() - rotation_ * static_cast<int>(keep_);
  std::lock_guard lock(mu_);
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i].created > oldest_allowed &&
        std::memcmp(keys_[i].name.data(), name, keys_[i].name.size()) == 0) {
      key = keys_[i];
      newest = i == 0;
      return true;
    }
  }
  return false;
}

TicketKeys::Key TicketKeys::makeKey(shared::Clock::TimePoint now) {
  Key key{};
  if (RAND_bytes(key.name.data(), static_cast<int>(key.name.size())) != 1 ||
      RAND_bytes(key.cipher_key.data(), static_cast<int>(key.cipher_key.size())) != 1 ||
      RAND_bytes(key.mac_key.data(), static_cast<int>(key.mac_key.size())) != 1) {
    throw std::runtime_error("tls: cannot make a session ticket key: no random bytes");
  }
  key.created = now;
  return key;
}

}  // namespace mcpd::tls
