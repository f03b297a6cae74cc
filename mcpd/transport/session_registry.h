#pragma once

// SessionRegistry: the live MCP sessions of both transports by id, with the limits that
// keep one client or a flood from exhausting the server: a total, a per-client-address
// cap, and expiry after an idle period. Thread-safe; never holds its lock while a
// session handles a message.

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <variant>

#include "mcpd/protocol/session.h"
#include "shared/clock.h"

namespace mcpd::transport {

class ServerStream;

struct SessionEntry {
  std::string id;
  std::string client;  // remote IP address, for the per-client cap
  std::unique_ptr<protocol::Session> session;
  std::shared_ptr<ServerStream> stream;  // legacy SSE: the open stream; null for Streamable HTTP
  std::atomic<std::int64_t> last_used_ms{0};
};

struct RegistryLimits {
  std::size_t max_sessions = 10000;
  std::size_t max_per_client = 100;
  std::chrono::seconds idle_timeout{std::chrono::minutes(30)};
};

class SessionRegistry {
 public:
  enum class Refusal { kServerFull, kClientFull };

  // `replica`, when not empty, starts every session id this registry hands out ("NAME."
  // then 32 random hex digits), so that a load balancer in front of several mcpd replicas
  // can send each session's requests to the replica that holds it.
  SessionRegistry(RegistryLimits limits, const shared::Clock& clock, std::string replica = "");

  // Adds a session under a fresh id, or says which limit refused it.
  std::variant<std::shared_ptr<SessionEntry>, Refusal> add(
      std::string client, std::unique_ptr<protocol::Session> session,
      std::shared_ptr<ServerStream> stream = nullptr);

  // Gives a session its open stream; false (and the stream is closed) when the session
  // is already gone.
  bool attachStream(const std::string& id, std::shared_ptr<ServerStream> stream);

  // The session with `id`, marked as used now; null when unknown, deleted or expired.
  std::shared_ptr<SessionEntry> find(const std::string& id);

  // The entry's stream, read under the lock (attachStream may set it concurrently).
  std::shared_ptr<ServerStream> streamOf(const SessionEntry& entry) const;

  // Removes a session; false when it did not exist.
  bool remove(const std::string& id);

  // Removes sessions idle for longer than the timeout, except those with an open stream
  // (a legacy SSE session lives as long as its stream). Returns how many went.
  std::size_t expireIdle();

  // Removes every session and closes their streams, for shutdown.
  void clear();

  std::size_t size() const;

 private:
  std::int64_t nowMs() const;

  RegistryLimits limits_;
  const shared::Clock& clock_;
  const std::string id_prefix_;  // "NAME." or empty
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<SessionEntry>> sessions_;  // guarded by mu_
  std::map<std::string, std::size_t> per_client_;                  // guarded by mu_
};

}  // namespace mcpd::transport
