#include "mcpd/transport/session_registry.h"

#include "mcpd/transport/server_stream.h"
#include "mcpd/transport/session_id.h"

namespace mcpd::transport {

SessionRegistry::SessionRegistry(RegistryLimits limits, const shared::Clock& clock,
                                 std::string replica)
    : limits_(limits), clock_(clock), id_prefix_(replica.empty() ? "" : replica + ".") {}

std::int64_t SessionRegistry::nowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now().time_since_epoch())
      .count();
}

std::variant<std::shared_ptr<SessionEntry>, SessionRegistry::Refusal> SessionRegistry::add(
    std::string client, std::unique_ptr<protocol::Session> session,
    std::shared_ptr<ServerStream> stream) {
  auto entry = std::make_shared<SessionEntry>();
  entry->id = id_prefix_ + newSessionId();
  entry->client = std::move(client);
  entry->session = std::move(session);
  entry->stream = std::move(stream);
  entry->last_used_ms = nowMs();
  std::lock_guard lock(mu_);
  if (sessions_.size() >= limits_.max_sessions) return Refusal::kServerFull;
  std::size_t& count = per_client_[entry->client];
  if (count >= limits_.max_per_client) return Refusal::kClientFull;
  ++count;
  sessions_[entry->id] = entry;
  return entry;
}

bool SessionRegistry::attachStream(const std::string& id, std::shared_ptr<ServerStream> stream) {
  {
    std::lock_guard lock(mu_);
    if (auto it = sessions_.find(id); it != sessions_.end()) {
      it->second->stream = std::move(stream);
      return true;
    }
  }
  stream->close();
  return false;
}

std::shared_ptr<SessionEntry> SessionRegistry::find(const std::string& id) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return nullptr;
  it->second->last_used_ms = nowMs();
  return it->second;
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
    removed = it->second;
    if (--per_client_[removed->client] == 0) per_client_.erase(removed->client);
    sessions_.erase(it);
  }
  // Outside the lock: closing a stream may call back into remove().
  if (removed->stream) removed->stream->close();
  return true;
}

std::size_t SessionRegistry::expireIdle() {
  const std::int64_t cutoff =
      nowMs() - std::chrono::duration_cast<std::chrono::milliseconds>(limits_.idle_timeout).count();
  std::vector<std::shared_ptr<SessionEntry>> expired;
  {
    std::lock_guard lock(mu_);
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      const auto& entry = it->second;
      if (!entry->stream && entry->last_used_ms.load() < cutoff) {
        if (--per_client_[entry->client] == 0) per_client_.erase(entry->client);
        expired.push_back(entry);
        it = sessions_.erase(it);
      } else {
        ++it;
      }
    }
  }
  return expired.size();
}

void SessionRegistry::clear() {
  std::map<std::string, std::shared_ptr<SessionEntry>> removed;
  {
    std::lock_guard lock(mu_);
    removed.swap(sessions_);
    per_client_.clear();
  }
  for (const auto& [id, entry] : removed) {
    if (entry->stream) entry->stream->close();
  }
}

std::size_t SessionRegistry::size() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

}  // namespace mcpd::transport
