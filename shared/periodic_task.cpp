#include "shared/periodic_task.h"

#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace shared {

PeriodicTask::PeriodicTask(std::string name, std::chrono::milliseconds interval,
                           std::function<void()> work)
    : name_(std::move(name)), interval_(interval), work_(std::move(work)) {}

PeriodicTask::~PeriodicTask() {
  stop();
}

void PeriodicTask::start() {
  {
    std::lock_guard lock(mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { loop(); });
}

void PeriodicTask::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PeriodicTask::trigger() {
  {
    std::lock_guard lock(mu_);
    triggered_ = true;
  }
  wake_.notify_all();
}

void PeriodicTask::loop() {
  const auto log = log::get(name_);
  shared::log::debug(log, "started", {{"interval_ms", interval_.count()}});
  std::unique_lock lock(mu_);
  while (true) {
    wake_.wait_for(lock, interval_, [this] { return stopping_ || triggered_; });
    if (stopping_) break;
    triggered_ = false;
    lock.unlock();
    try {
      work_();
    } catch (const std::exception& e) {
      shared::log::error(log, "run failed", {{"error", e.what()}});
    }
    lock.lock();
  }
  shared::log::debug(log, "stopped");
}

}  // namespace shared
