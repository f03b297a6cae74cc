#pragma once

// ClientLimit: caps the connections one client holds open at once. A client is an IPv4
// address or an IPv6 /64 (one subscriber's usual allocation: per-address caps on IPv6 would
// not limit anyone); an IPv4-mapped IPv6 peer counts as its IPv4 address. The front counts
// the client a PROXY protocol header names, and exempts trusted proxies' own connections.
//
// The front thread acquires a Slot per accepted connection; the Slot gives the place back
// when the connection is destroyed, on whichever thread. Thread-safe.

#include <sys/socket.h>

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace shared::http {

// "192.0.2.7" for IPv4 (and ::ffff:192.0.2.7), "2001:db8:1:2::/64" for other IPv6.
std::string clientKey(const sockaddr* address);

class ClientLimit {
 public:
  // Frees its place in the limit when destroyed; moves, does not copy.
  class Slot {
   public:
    Slot() = default;
    Slot(ClientLimit* limit, std::string key) : limit_(limit), key_(std::move(key)) {}
    Slot(Slot&& other) noexcept : limit_(other.limit_), key_(std::move(other.key_)) {
      other.limit_ = nullptr;
    }
    Slot& operator=(Slot&& other) noexcept;
    ~Slot();
    const std::string& key() const { return key_; }

   private:
    ClientLimit* limit_ = nullptr;
    std::string key_;
  };

  // `per_client` 0: no cap (slots are still counted).
  explicit ClientLimit(std::size_t per_client) : per_client_(per_client) {}

  // A slot for `key`, or an empty Slot (no limit_) when the client already holds the cap.
  Slot acquire(const std::string& key, bool* refused);

  std::size_t open(const std::string& key) const;

 private:
  void release(const std::string& key);

  const std::size_t per_client_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::size_t> open_;  // guarded by mu_
};

}  // namespace shared::http
