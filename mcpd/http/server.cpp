#include "mcpd/http/server.h"

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <condition_variable>
#include <mutex>

#include "mcpd/http/connection_table.h"
#include "mcpd/http/request_cycle.h"
#include "shared/log/logging.h"

namespace mcpd::http {
namespace {

constexpr std::uint64_t kListenerEvent = 1;
constexpr std::uint64_t kStopEvent = 2;

bool arm(int epoll, int fd, std::uint64_t id, std::uint32_t events, int op) {
  epoll_event event{};
  event.events = events;
  event.data.u64 = id;
  return epoll_ctl(epoll, op, fd, &event) == 0;
}

}  // namespace

// What the workers share besides the table; lives from start() to stop().
struct ServerRuntime {
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  int stop_fd = -1;
  std::atomic<bool> stopping{false};
  std::mutex sweep_mu;
  std::condition_variable sweep_wake;
};

Server::Server(ServerOptions options, Poco::Net::HTTPRequestHandlerFactory::Ptr factory)
    : options_(std::move(options)), factory_(std::move(factory)) {}

Server::~Server() {
  stop();
}

shared::Status Server::start() {
  const std::string where = "listen " + options_.listen.toString();
  try {
    const std::string host = options_.listen.host.empty() ? "::" : options_.listen.host;
    Poco::Net::SocketAddress address(host, options_.listen.port);
    listener_ =
        options_.tls ? Poco::Net::SecureServerSocket(options_.tls) : Poco::Net::ServerSocket();
    listener_.bind(address, /*reuseAddress=*/true, /*ipV6Only=*/false);
    listener_.listen(options_.queue);
    listener_.setBlocking(false);  // a worker accepts until the backlog is empty
    bound_ = {options_.listen.host, listener_.address().port()};
  } catch (const Poco::Exception& e) {
    return shared::Status::ioError(where + ": " + e.displayText());
  }
  connections_ = std::make_unique<ConnectionTable>();
  runtime_ = std::make_unique<ServerRuntime>();
  runtime_->params->setKeepAlive(true);
  runtime_->stop_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  const int epoll = connections_->epollFd();
  // The stop event stays readable (level-triggered) so that it wakes every worker.
  if (runtime_->stop_fd < 0 || !arm(epoll, runtime_->stop_fd, kStopEvent, EPOLLIN, EPOLL_CTL_ADD) ||
      !arm(epoll, listener_.impl()->sockfd(), kListenerEvent, EPOLLIN | EPOLLONESHOT,
           EPOLL_CTL_ADD)) {
    return shared::Status::fromErrno(where + ": epoll", errno);
  }
  for (int i = 0; i < options_.threads; ++i) workers_.emplace_back([this] { work(); });
  sweeper_ = std::thread([this] { sweepIdle(); });
  shared::log::get("mcpd.http")
      ->info("listening address={} scheme={} threads={}", bound_.toString(),
             options_.tls ? "https" : "http", options_.threads);
  return shared::Status::ok();
}

void Server::work() {
  const int epoll = connections_->epollFd();
  epoll_event event{};
  while (true) {
    const int ready = epoll_wait(epoll, &event, 1, -1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0 || event.data.u64 == kStopEvent) return;
    if (event.data.u64 == kListenerEvent) {
      acceptReady();
      continue;
    }
    const std::uint64_t id = event.data.u64;
    const std::shared_ptr<Connection> connection = connections_->claim(id);
    if (!connection) continue;  // closed by the idle sweep meanwhile
    serve(id, *connection);
  }
}

void Server::serve(std::uint64_t id, Connection& connection) {
  while (!runtime_->stopping) {
    const AfterRequest after = serveOneRequest(connection.session, *factory_, *runtime_->params);
    if (after != AfterRequest::kKeepAlive) {
      connections_->remove(id, /*close=*/after == AfterRequest::kClose);
      return;
    }
    // A pipelined request already read into the session's buffer (or, with TLS, decrypted
    // and held by OpenSSL) never wakes epoll: serve it now.
    const bool pending = connection.session.hasBufferedInput() ||
                         (options_.tls && connection.socket.available() > 0);
    if (!pending) {
      connections_->park(id, connection);
      return;
    }
  }
  connections_->remove(id, /*close=*/true);
}

void Server::acceptReady() {
  const auto log = shared::log::get("mcpd.http");
  while (!runtime_->stopping) {
    Poco::Net::StreamSocket socket;
    try {
      socket = listener_.acceptConnection();
    } catch (const Poco::Exception&) {
      break;  // the backlog is empty (EAGAIN), or the listener is closing
    }
    if (connections_->size() >= static_cast<std::size_t>(options_.max_connections)) {
      log->warn("connection refused: {} connections open (limit)", options_.max_connections);
      socket.close();
      continue;
    }
    try {
      socket.setNoDelay(true);
      // Bounds a peer that stalls mid-request, mid-handshake or while we write to it.
      const Poco::Timespan timeout(
          std::chrono::duration_cast<std::chrono::microseconds>(options_.idle_timeout).count());
      socket.setReceiveTimeout(timeout);
      socket.setSendTimeout(timeout);
    } catch (const Poco::Exception&) {
      continue;  // reset before we got to it
    }
    auto connection = std::make_shared<Connection>(socket, runtime_->params);
    connections_->add(connection);
  }
  arm(connections_->epollFd(), listener_.impl()->sockfd(), kListenerEvent, EPOLLIN | EPOLLONESHOT,
      EPOLL_CTL_MOD);
}

void Server::sweepIdle() {
  std::unique_lock lock(runtime_->sweep_mu);
  while (!runtime_->sweep_wake.wait_for(lock, std::chrono::seconds(1),
                                        [this] { return runtime_->stopping.load(); })) {
    const auto cutoff = Connection::Clock::now() - options_.idle_timeout;
    if (const std::size_t closed = connections_->closeParkedBefore(cutoff))
      shared::log::get("mcpd.http")->debug("closed idle connections count={}", closed);
  }
}

void Server::stop() {
  if (!runtime_) return;
  {
    std::lock_guard lock(runtime_->sweep_mu);
    runtime_->stopping = true;
  }
  runtime_->sweep_wake.notify_all();
  const std::uint64_t one = 1;
  (void)!write(runtime_->stop_fd, &one, sizeof one);
  connections_->shutdownAll();  // blocked reads and writes return at once
  for (auto& worker : workers_) worker.join();
  workers_.clear();
  sweeper_.join();
  try {
    listener_.close();
  } catch (const Poco::Exception&) {
  }
  connections_.reset();
  close(runtime_->stop_fd);
  runtime_.reset();
}

shared::net::HostPort Server::boundAddress() const {
  return bound_;
}

}  // namespace mcpd::http
