#include "mcpd/transport/session_registry.h"

#include <vector>

#include "mcpd/transport/client_key.h"
#include "mcpd/transport/server_stream.h"
#include "mcpd/transport/session_id.h"

namespace mcpd::transport {
namespace {

// How far from the cold end eviction looks for an idle session before giving up: sessions
// there are busy only while a request of theirs is in flight, so a few suffice.
constexpr std::size_t kEvictionScan = 64;

bool isLegacy(const SessionEntry& entry) {
  return entry.transport == SessionEntry::Transport::kLegacySse;
}

}  // namespace

SessionRegistry::SessionRegistry(RegistryLimits limits, const shared::Clock& clock,
                                 std::string replica)
    : limits_(limits), clock_(clock), id_prefix_(replica.empty() ? "" : replica + ".") {}

std::int64_t SessionRegistry::nowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now().time_since_epoch())
      .count();
}

std::variant<std::shared_ptr<SessionEntry>, SessionRegistry::Refusal> SessionRegistry::add(
    std::string client, std::unique_ptr<protocol::Session> session,
    std::shared_ptr<ServerStream> stream, SessionEntry::Transport transport) {
  auto entry = std::make_shared<SessionEntry>();
  entry->id = id_prefix_ + newSessionId();
  entry->client = std::move(client);
  entry->transport = transport;
  entry->session = std::move(session);
  entry->stream = std::move(stream);
  entry->last_used_ms = nowMs();
  const bool legacy = isLegacy(*entry);
  std::string key = (legacy ? "l|" : "s|") + clientKey(entry->client);

  std::shared_ptr<SessionEntry> evicted;
  {
    std::lock_guard lock(mu_);
    auto count = per_client_.find(key);
    if (count != per_client_.end() && count->second >= limits_.max_per_client)
      return Refusal::kClientFull;
    if (legacy) {
      if (legacy_ >= limits_.max_legacy_sessions) return Refusal::kServerFull;
      ++legacy_;
    } else if (fresh_.size() + used_.size() >= limits_.max_sessions) {
      evicted = evictLocked();
      if (!evicted) return Refusal::kServerFull;
    }
    ++per_client_[key];
    Slot slot{entry, std::move(key), false, {}};
    if (!legacy) slot.order = fresh_.insert(fresh_.begin(), entry->id);
    sessions_.emplace(entry->id, std::move(slot));
  }
  // Outside the lock: closing wakes handlers that wait on the evicted session.
  if (evicted) evicted->session->close();
  return entry;
}

std::shared_ptr<SessionEntry> SessionRegistry::eraseLocked(
    std::unordered_map<std::string, Slot>::iterator it) {
  Slot& slot = it->second;
  std::shared_ptr<SessionEntry> entry = slot.entry;
  if (isLegacy(*entry)) {
    --legacy_;
  } else {
    (slot.used ? used_ : fresh_).erase(slot.order);
  }
  if (--per_client_[slot.client_key] == 0) per_client_.erase(slot.client_key);
  sessions_.erase(it);
  return entry;
}

std::shared_ptr<SessionEntry> SessionRegistry::evictLocked() {
  for (Order* order : {&fresh_, &used_}) {
    std::size_t looked = 0;
    for (auto id = order->rbegin(); id != order->rend() && looked < kEvictionScan; ++id, ++looked) {
      auto it = sessions_.find(*id);
      // Idle: nobody but the registry holds the entry (no request in flight, no stream).
      if (it->second.entry.use_count() != 1) continue;
      ++evicted_;
      return eraseLocked(it);
    }
  }
  return nullptr;
}

bool SessionRegistry::attachStream(const std::string& id, std::shared_ptr<ServerStream> stream) {
  {
    std::lock_guard lock(mu_);
    if (auto it = sessions_.find(id); it != sessions_.end()) {
      it->second.entry->stream = std::move(stream);
      return true;
    }
  }
  stream->close();
  return false;
}

std::shared_ptr<SessionEntry> SessionRegistry::find(const std::string& id,
                                                    SessionEntry::Transport transport) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end() || it->second.entry->transport != transport) return nullptr;
  Slot& slot = it->second;
  slot.entry->last_used_ms = nowMs();
  if (!isLegacy(*slot.entry)) {
    // Most recently used first; the first use moves a session out of the fresh list.
    used_.splice(used_.begin(), slot.used ? used_ : fresh_, slot.order);
    slot.used = true;
  }
  return slot.entry;
}

std::shared_ptr<ServerStream> SessionRegistry::streamOf(const SessionEntry& entry) const {
  std::lock_guard lock(mu_);
  return entry.stream;
}

bool SessionRegistry::remove(const std::string& id) {
  std::shared_ptr<SessionEntry> removed;
  {
    std::lock_guard lock(mu_);
    auto it = sessions_.find(id);
    if (it == sessions_.end()) return false;
    removed = eraseLocked(it);
  }
  // Outside the lock: closing a stream may call back into remove().
  if (removed->stream) removed->stream->close();
  return true;
}

std::size_t SessionRegistry::expireIdle() {
  const std::int64_t now = nowMs();
  const auto ms = [](std::chrono::seconds s) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(s).count();
  };
  std::vector<std::shared_ptr<SessionEntry>> expired;
  {
    std::lock_guard lock(mu_);
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      const Slot& slot = it->second;
      const auto timeout =
          slot.used || isLegacy(*slot.entry) ? limits_.idle_timeout : limits_.unused_timeout;
      if (!slot.entry->stream && slot.entry->last_used_ms.load() < now - ms(timeout)) {
        expired.push_back(eraseLocked(it++));
      } else {
        ++it;
      }
    }
  }
  // Outside the lock: wakes handlers still waiting on an expired session.
  for (const auto& entry : expired) entry->session->close();
  return expired.size();
}

void SessionRegistry::clear() {
  std::unordered_map<std::string, Slot> removed;
  {
    std::lock_guard lock(mu_);
    removed.swap(sessions_);
    fresh_.clear();
    used_.clear();
    legacy_ = 0;
    per_client_.clear();
  }
  for (const auto& [id, slot] : removed) {
    if (slot.entry->stream) slot.entry->stream->close();
  }
}

std::size_t SessionRegistry::size() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

std::size_t SessionRegistry::evicted() const {
  std::lock_guard lock(mu_);
  return evicted_;
}

}  // namespace mcpd::transport
