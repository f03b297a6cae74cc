#include "mcpd/transport/sse_hub.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <vector>

#include "mcpd/transport/http_io.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace mcpd::transport {
namespace {

// RFC 9112 section 7.1: chunk-size in hex, CRLF, data, CRLF.
std::string chunk(std::string_view payload) {
  char size[20];
  const int n = std::snprintf(size, sizeof size, "%zx\r\n", payload.size());
  std::string out(size, static_cast<std::size_t>(n));
  out.append(payload);
  out += "\r\n";
  return out;
}

}  // namespace

SseStream::SseStream(SseHub& hub, Poco::Net::StreamSocket socket, std::function<void()> on_close)
    : hub_(hub),
      socket_(std::move(socket)),
      fd_(socket_.impl()->sockfd()),
      on_close_(std::move(on_close)) {}

SseStream::~SseStream() {
  close();
}

bool SseStream::send(const std::string& message) {
  return sendEvent("message", message);
}

bool SseStream::sendEvent(std::string_view name, std::string_view data) {
  return writeChunk(formatEvent(name, data));
}

bool SseStream::sendComment(std::string_view text) {
  std::string comment = ": ";
  comment += text;
  comment += "\n\n";
  return writeChunk(comment);
}

bool SseStream::writeChunk(std::string_view payload) {
  bool backlog = false;
  {
    std::lock_guard lock(mu_);
    if (closed_.load()) return false;
    const std::string framed = chunk(payload);
    if (pending_.empty()) {
      if (!writeRaw(framed)) {
        pending_.clear();
      }
    } else {
      pending_ += framed;  // keep order behind what already waits
    }
    if (pending_.size() > hub_.options().max_pending_bytes) {
      shared::log::warn(shared::log::get("mcpd.sse"),
                        "client is not reading its stream, closing it",
                        {{"pending_bytes", pending_.size()}});
      pending_.clear();
      closed_.store(true);  // close() below finishes the job outside the lock
    }
    backlog = !pending_.empty();
  }
  if (closed_.load()) {
    close();
    return false;
  }
  if (backlog && !hub_.watchWrites(fd_, true)) {
    close();  // the backlog could never drain
    return false;
  }
  return true;
}

bool SseStream::writeRaw(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pending_.assign(bytes);
      return true;
    }
    closed_.store(true);  // the peer reset or closed the connection
    return false;
  }
  return true;
}

void SseStream::flushPending() {
  bool drained = false;
  {
    std::lock_guard lock(mu_);
    if (closed_.load() || pending_.empty()) return;
    const std::string waiting = std::move(pending_);
    pending_.clear();
    writeRaw(waiting);
    drained = pending_.empty();
  }
  if (closed_.load() || (drained && !hub_.watchWrites(fd_, false))) close();
}

void SseStream::close() {
  if (finished_.exchange(true)) return;  // once, whoever comes first
  {
    std::lock_guard lock(mu_);
    if (!closed_.exchange(true) && pending_.empty()) {
      // The terminating chunk lets the client see a clean end of the response.
      (void)::send(fd_, "0\r\n\r\n", 5, MSG_NOSIGNAL | MSG_DONTWAIT);
    }
    pending_.clear();
  }
  hub_.forget(fd_);  // before the descriptor can be reused by another connection
  try {
    socket_.close();
  } catch (const Poco::Exception&) {
  }
  // Run the callback from a local so that what it captured (the session entry, which
  // holds this stream) is released with it, breaking the ownership cycle.
  std::function<void()> on_close = std::move(on_close_);
  on_close_ = nullptr;
  if (on_close) on_close();
}

SseHub::SseHub(Options options) : options_(options) {}

SseHub::~SseHub() {
  stop();
}

shared::Status SseHub::start() {
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd_ < 0) return shared::Status::fromErrno("sse hub: epoll_create1", errno);
  wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.fd = wake_fd_;
  if (wake_fd_ < 0 || ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &event) != 0) {
    const int error = errno;
    const char* what = wake_fd_ < 0 ? "sse hub: eventfd" : "sse hub: epoll_ctl";
    if (wake_fd_ >= 0) ::close(wake_fd_);
    ::close(epoll_fd_);
    epoll_fd_ = wake_fd_ = -1;
    return shared::Status::fromErrno(what, error);
  }
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
  return shared::Status::ok();
}

void SseHub::stop() {
  if (!thread_.joinable()) return;
  stopping_ = true;
  const std::uint64_t one = 1;
  if (::write(wake_fd_, &one, sizeof one) != sizeof one) {
    // The counter is full (it cannot be: one write per stop), so the loop wakes anyway.
    shared::log::warn(shared::log::get("mcpd.sse"), "hub wake-up write failed", {{"errno", errno}});
  }
  thread_.join();
  std::vector<std::shared_ptr<SseStream>> open;
  {
    std::lock_guard lock(mu_);
    for (const auto& [fd, weak] : streams_) {
      if (auto stream = weak.lock()) open.push_back(stream);
    }
  }
  for (const auto& stream : open) stream->close();
  ::close(epoll_fd_);
  ::close(wake_fd_);
  epoll_fd_ = wake_fd_ = -1;
}

std::shared_ptr<SseStream> SseHub::adopt(Poco::Net::StreamSocket socket,
                                         std::function<void()> on_close) {
  socket.setBlocking(false);
  auto stream = std::make_shared<SseStream>(*this, std::move(socket), std::move(on_close));
  {
    std::lock_guard lock(mu_);
    streams_[stream->fd()] = stream;
  }
  epoll_event event{};
  event.events = EPOLLIN | EPOLLRDHUP;
  event.data.fd = stream->fd();
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, stream->fd(), &event) != 0) {
    // Unwatched, the stream would never notice its client leave: refuse it.
    shared::log::warn(shared::log::get("mcpd.sse"), "hub cannot watch a stream",
                      {{"errno", errno}});
    stream->close();
    return nullptr;
  }
  return stream;
}

std::size_t SseHub::size() const {
  std::lock_guard lock(mu_);
  return streams_.size();
}

bool SseHub::watchWrites(int fd, bool on) {
  epoll_event event{};
  event.events = EPOLLIN | EPOLLRDHUP | (on ? EPOLLOUT : 0u);
  event.data.fd = fd;
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, fd, &event) == 0) return true;
  shared::log::warn(shared::log::get("mcpd.sse"), "hub cannot change a stream's events",
                    {{"errno", errno}});
  return false;
}

void SseHub::forget(int fd) {
  std::lock_guard lock(mu_);
  if (streams_.erase(fd) == 0 || epoll_fd_ < 0) return;
  // ENOENT: adopt() never added it. Anything else would leave a stale registration that
  // a reused descriptor number inherits.
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr) != 0 && errno != ENOENT)
    shared::log::warn(shared::log::get("mcpd.sse"), "hub cannot forget a stream",
                      {{"errno", errno}});
}

void SseHub::sendKeepalives() {
  std::vector<std::shared_ptr<SseStream>> open;
  {
    std::lock_guard lock(mu_);
    open.reserve(streams_.size());
    for (const auto& [fd, weak] : streams_) {
      if (auto stream = weak.lock()) open.push_back(stream);
    }
  }
  // Collect, then act: writes happen outside the hub's lock.
  for (const auto& stream : open) stream->sendComment("keep-alive");
}

void SseHub::loop() {
  const auto log = shared::log::get("mcpd.sse");
  shared::log::debug(log, "hub started", {{"keepalive_ms", options_.keepalive.count()}});
  auto next_keepalive = std::chrono::steady_clock::now() + options_.keepalive;
  std::vector<epoll_event> events(256);
  while (!stopping_.load()) {
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
        next_keepalive - std::chrono::steady_clock::now());
    const int n = ::epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()),
                               static_cast<int>(std::max<std::int64_t>(0, wait.count())));
    for (int i = 0; i < n; ++i) {
      const int fd = events[i].data.fd;
      if (fd == wake_fd_) continue;
      std::shared_ptr<SseStream> stream;
      {
        std::lock_guard lock(mu_);
        if (auto it = streams_.find(fd); it != streams_.end()) stream = it->second.lock();
      }
      if (!stream) continue;
      const std::uint32_t what = events[i].events;
      if (what & EPOLLOUT) stream->flushPending();
      if (what & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) {
        // A client never sends on an SSE stream, so readability means it went away.
        char buffer[512];
        const ssize_t got = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR) ||
            (what & (EPOLLRDHUP | EPOLLHUP | EPOLLERR))) {
          stream->close();
        }
      }
    }
    if (std::chrono::steady_clock::now() >= next_keepalive) {
      sendKeepalives();
      next_keepalive = std::chrono::steady_clock::now() + options_.keepalive;
    }
  }
  log->debug("hub stopped");
}

}  // namespace mcpd::transport
