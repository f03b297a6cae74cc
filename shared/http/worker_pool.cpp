#include "shared/http/worker_pool.h"

#include <sys/socket.h>

namespace shared::http {

WorkerPool::WorkerPool(int threads, std::size_t queue, Serve serve)
    : threads_(threads), capacity_(queue), serve_(std::move(serve)) {}

WorkerPool::~WorkerPool() {
  stop();
}

void WorkerPool::start() {
  for (int i = 0; i < threads_; ++i) workers_.emplace_back([this] { run(); });
}

void WorkerPool::stop() {
  std::deque<std::unique_ptr<ClientConnection>> dropped;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    dropped.swap(queue_);
    // Handlers blocked on their client (a stream, a slow body) return at once.
    for (int fd : serving_) ::shutdown(fd, SHUT_RDWR);
  }
  ready_.notify_all();
  for (auto& worker : workers_) {
    if (worker.joinable()) worker.join();
  }
  workers_.clear();
}

bool WorkerPool::submit(std::unique_ptr<ClientConnection>& connection) {
  {
    std::lock_guard lock(mu_);
    if (stopping_ || queue_.size() >= capacity_) return false;
    queue_.push_back(std::move(connection));
  }
  ready_.notify_one();
  return true;
}

bool WorkerPool::nothingQueued() const {
  std::lock_guard lock(mu_);
  return queue_.empty();
}

std::size_t WorkerPool::busy() const {
  std::lock_guard lock(mu_);
  return serving_.size();
}

void WorkerPool::run() {
  while (true) {
    std::unique_ptr<ClientConnection> connection;
    int fd;
    {
      std::unique_lock lock(mu_);
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      connection = std::move(queue_.front());
      queue_.pop_front();
      fd = connection->fd;
      serving_.insert(fd);
    }
    serve_(std::move(connection));
    std::lock_guard lock(mu_);
    serving_.erase(serving_.find(fd));
  }
}

}  // namespace shared::http
