#pragma once

// PeriodicTask: the one shape for background loops. It owns a thread that
// runs `work` every `interval`, waiting on a condition variable so that stop() wakes it at
// once; it logs start, stop and every exception `work` throws, and keeps going.
// start() and stop() are called from one controlling thread; stop() is idempotent and
// the destructor calls it.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace shared {

class PeriodicTask {
 public:
  PeriodicTask(std::string name, std::chrono::milliseconds interval, std::function<void()> work);
  ~PeriodicTask();
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  // Starts the thread; the first run comes after one interval.
  void start();
  // Wakes the thread, lets a running `work` finish, and joins.
  void stop();
  // Makes the next run happen now (for SIGHUP and tests).
  void trigger();

 private:
  void loop();

  std::string name_;
  std::chrono::milliseconds interval_;
  std::function<void()> work_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;   // guarded by mu_
  bool triggered_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace shared
