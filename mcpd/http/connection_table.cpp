#include "mcpd/http/connection_table.h"

#include <sys/epoll.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace mcpd::http {
namespace {

void shutdownQuietly(Poco::Net::StreamSocket& socket) {
  try {
    socket.shutdown();
  } catch (const Poco::Exception&) {
    // already closed by the peer
  }
}

}  // namespace

ConnectionTable::ConnectionTable() : epoll_(epoll_create1(EPOLL_CLOEXEC)) {
  if (epoll_ < 0) throw std::system_error(errno, std::generic_category(), "epoll_create1");
}

ConnectionTable::~ConnectionTable() {
  close(epoll_);
}

std::size_t ConnectionTable::size() const {
  std::lock_guard lock(mu_);
  return open_.size();
}

std::uint64_t ConnectionTable::add(std::shared_ptr<Connection> connection) {
  std::uint64_t id;
  {
    std::lock_guard lock(mu_);
    id = next_id_++;
    open_.emplace(id, connection);
  }
  // Parked from the start: the first readable event (the request, or with TLS the
  // ClientHello) hands it to a worker. The state is set before the descriptor is armed
  // because the event may fire before epoll_ctl() even returns.
  connection->parked_at = Connection::Clock::now().time_since_epoch().count();
  connection->state = Connection::State::kParked;
  epoll_event event{};
  event.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
  event.data.u64 = id;
  epoll_ctl(epoll_, EPOLL_CTL_ADD, connection->fd, &event);
  return id;
}

std::shared_ptr<Connection> ConnectionTable::claim(std::uint64_t id) {
  std::shared_ptr<Connection> connection;
  {
    std::lock_guard lock(mu_);
    auto it = open_.find(id);
    if (it == open_.end()) return nullptr;
    connection = it->second;
  }
  auto parked = Connection::State::kParked;
  if (!connection->state.compare_exchange_strong(parked, Connection::State::kBusy)) return nullptr;
  return connection;
}

void ConnectionTable::park(std::uint64_t id, Connection& connection) {
  connection.parked_at = Connection::Clock::now().time_since_epoch().count();
  connection.state = Connection::State::kParked;
  epoll_event event{};
  event.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
  event.data.u64 = id;
  // Re-arms the one-shot registration add() made. A failure means the idle sweep removed
  // it meanwhile; the descriptor number may already be reused, so never add it again.
  epoll_ctl(epoll_, EPOLL_CTL_MOD, connection.fd, &event);
}

void ConnectionTable::remove(std::uint64_t id, bool close) {
  std::shared_ptr<Connection> connection;
  {
    std::lock_guard lock(mu_);
    auto it = open_.find(id);
    if (it == open_.end()) return;
    connection = std::move(it->second);
    open_.erase(it);
  }
  connection->state = Connection::State::kGone;
  if (!close) {
    // A handler took the socket and its new owner may already have closed it, and the
    // number may belong to a newer connection by now: do not touch it. Its registration
    // here is disarmed (one-shot) and vanishes when the descriptor is closed.
    return;
  }
  epoll_ctl(epoll_, EPOLL_CTL_DEL, connection->fd, nullptr);
  shutdownQuietly(connection->socket);
  // The last reference closes the descriptor (HTTPServerSession's destructor).
}

std::size_t ConnectionTable::closeParkedBefore(Connection::Clock::time_point cutoff) {
  std::vector<std::shared_ptr<Connection>> expired;
  {
    std::lock_guard lock(mu_);
    for (auto it = open_.begin(); it != open_.end();) {
      // The state first: a connection seen parked has its parking time already stored.
      auto parked = Connection::State::kParked;
      if (it->second->state.load() == parked &&
          it->second->parked_at.load() < cutoff.time_since_epoch().count() &&
          it->second->state.compare_exchange_strong(parked, Connection::State::kGone)) {
        expired.push_back(std::move(it->second));
        it = open_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& connection : expired) {
    epoll_ctl(epoll_, EPOLL_CTL_DEL, connection->fd, nullptr);
    shutdownQuietly(connection->socket);
  }
  return expired.size();
}

void ConnectionTable::shutdownAll() {
  std::lock_guard lock(mu_);
  for (auto& [id, connection] : open_) shutdownQuietly(connection->socket);
}

}  // namespace mcpd::http
