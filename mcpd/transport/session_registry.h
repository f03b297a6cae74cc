#pragma once

// SessionRegistry: the live MCP sessions of both transports by id, with the limits that
// keep one client or a flood from exhausting the server while a new client can always
// start a session:
//   - Streamable HTTP sessions: a total; when it is reached, the least recently used idle
//     session makes room (sessions never used after the request that opened them go
//     first), so a flood only ever displaces itself or idle sessions;
//   - legacy SSE sessions: their own total, since each holds an open stream and cannot be
//     evicted; a flood of one transport never locks out the other;
//   - per client, counted by IPv4 address or IPv6 /64 (client_key.h), per transport;
//   - expiry: a session never used after it opened goes after a short time, any other
//     after an idle period; a legacy session lives as long as its stream.
// Thread-safe; never holds its lock while a session handles a message or a stream closes.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <variant>

#include "mcpd/protocol/session.h"
#include "shared/clock.h"

namespace mcpd::transport {

class ServerStream;

struct SessionEntry {
  enum class Transport { kStreamableHttp, kLegacySse };

  std::string id;
  std::string client;  // remote IP address, for logs
  Transport transport = Transport::kStreamableHttp;
  std::unique_ptr<protocol::Session> session;
  std::shared_ptr<ServerStream> stream;  // legacy SSE: the open stream; null for Streamable HTTP
  std::atomic<std::int64_t> last_used_ms{0};
};

struct RegistryLimits {
  std::size_t max_sessions = 10000;  // Streamable HTTP sessions
  std::size_t max_per_client = 100;  // per IPv4 address or IPv6 /64, per transport
  std::chrono::seconds idle_timeout{std::chrono::minutes(30)};
  std::size_t max_legacy_sessions = 10000;  // legacy SSE sessions (open streams)
  std::chrono::seconds unused_timeout{std::chrono::minutes(1)};  // never used after opening
};

class SessionRegistry {
 public:
  enum class Refusal { kServerFull, kClientFull };

  // `replica`, when not empty, starts every session id this registry hands out ("NAME."
  // then 32 random hex digits), so that a load balancer in front of several mcpd replicas
  // can send each session's requests to the replica that holds it.
  SessionRegistry(RegistryLimits limits, const shared::Clock& clock, std::string replica = "");

  // Adds a session under a fresh id, or says which limit refused it. A full Streamable
  // HTTP table first evicts its least recently used idle session (closed, so whatever
  // waits on it wakes); kServerFull only when every session is busy.
  std::variant<std::shared_ptr<SessionEntry>, Refusal> add(
      std::string client, std::unique_ptr<protocol::Session> session,
      std::shared_ptr<ServerStream> stream = nullptr,
      SessionEntry::Transport transport = SessionEntry::Transport::kStreamableHttp);

  // Gives a session its open stream; false (and the stream is closed) when the session
  // is already gone.
  bool attachStream(const std::string& id, std::shared_ptr<ServerStream> stream);

  // The session with `id` on `transport`, marked as used now; null when unknown, deleted,
  // expired or opened on the other transport.
  std::shared_ptr<SessionEntry> find(
      const std::string& id,
      SessionEntry::Transport transport = SessionEntry::Transport::kStreamableHttp);

  // The entry's stream, read under the lock (attachStream may set it concurrently).
  std::shared_ptr<ServerStream> streamOf(const SessionEntry& entry) const;

  // Removes a session; false when it did not exist.
  bool remove(const std::string& id);

  // Removes sessions idle for longer than their timeout, except those with an open stream
  // (a legacy SSE session lives as long as its stream). Returns how many went.
  std::size_t expireIdle();

  // Removes every session and closes their streams, for shutdown.
  void clear();

  std::size_t size() const;
  // Sessions evicted to make room since start (for metrics and tests).
  std::size_t evicted() const;

 private:
  // Streamable HTTP session ids in recency order, front = most recent.
  using Order = std::list<std::string>;
  struct Slot {
    std::shared_ptr<SessionEntry> entry;
    std::string client_key;  // "s|KEY" or "l|KEY": per transport
    bool used = false;       // a request came after the one that opened it
    Order::iterator order;   // in fresh_ or used_; unused for legacy sessions
  };

  std::int64_t nowMs() const;
  // Unlinks a slot's entry from every index; the caller closes it outside the lock.
  std::shared_ptr<SessionEntry> eraseLocked(
      std::unordered_map<std::string, Slot>::iterator it);  // requires mu_
  // The least recently used idle Streamable HTTP session, unused ones first; null if none.
  std::shared_ptr<SessionEntry> evictLocked();  // requires mu_

  RegistryLimits limits_;
  const shared::Clock& clock_;
  const std::string id_prefix_;  // "NAME." or empty
  mutable std::mutex mu_;
  std::unordered_map<std::string, Slot> sessions_;  // guarded by mu_
  Order fresh_;                                     // guarded by mu_; never used after opening
  Order used_;                                      // guarded by mu_
  std::size_t legacy_ = 0;                          // guarded by mu_
  std::map<std::string, std::size_t> per_client_;   // guarded by mu_
  std::size_t evicted_ = 0;                         // guarded by mu_
};

}  // namespace mcpd::transport
