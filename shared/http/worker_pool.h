#pragma once

// WorkerPool: a fixed set of threads that serve connections whose next request has
// arrived whole (the front thread submits them), with a bounded queue in front of them.
// A worker runs `serve` for one connection and gets the next one from the queue.
// submit() from the front thread; stop() from the owner's thread, after the front stopped.

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "shared/http/client_connection.h"

namespace shared::http {

class WorkerPool {
 public:
  using Serve = std::function<void(std::unique_ptr<ClientConnection>)>;

  WorkerPool(int threads, std::size_t queue, Serve serve);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void start();
  // Shuts down the sockets being served so that handlers return, then joins the threads.
  // Queued connections are closed unserved.
  void stop();

  // Queues `connection`; false (and `connection` untouched) when the queue is full.
  bool submit(std::unique_ptr<ClientConnection>& connection);

  // True when no connection waits for a worker: a worker may linger on its connection.
  bool nothingQueued() const;
  std::size_t busy() const;

 private:
  void run();

  const int threads_;
  const std::size_t capacity_;
  Serve serve_;
  mutable std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::unique_ptr<ClientConnection>> queue_;  // guarded by mu_
  std::multiset<int> serving_;                           // guarded by mu_: descriptors
  bool stopping_ = false;                                // guarded by mu_
  std::vector<std::thread> workers_;
};

}  // namespace shared::http
