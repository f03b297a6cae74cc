#pragma once

// DirectoryWatcher: tells its owner that something in one directory changed, once per burst
// of changes. Linux inotify on the directory itself (not its subdirectories): a file closed
// after writing, a rename into or out of it (atomic file writers, the Kubernetes "..data"
// symlink swap), a create, a delete, a mode change. Poco's DirectoryWatcher reports
// modifications mid-write and scans on a timer; this waits until a burst has been quiet for
// `debounce` (at most `max_delay` after its first event) and then calls `changed` once.
//
// A directory that does not exist yet (mcpd started before certd) is looked for again every
// second. start()/stop() from one controlling thread; `changed` runs on the watcher's thread.

#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>

namespace mcpd::tls {

class DirectoryWatcher {
 public:
  DirectoryWatcher(std::filesystem::path directory, std::function<void()> changed,
                   std::chrono::milliseconds debounce = std::chrono::milliseconds(20),
                   std::chrono::milliseconds max_delay = std::chrono::milliseconds(500));
  ~DirectoryWatcher();
  DirectoryWatcher(const DirectoryWatcher&) = delete;
  DirectoryWatcher& operator=(const DirectoryWatcher&) = delete;

  // Starts the watching thread. Throws std::system_error when inotify is unavailable.
  void start();
  // Stops and joins; idempotent.
  void stop();

 private:
  void loop();
  bool ensureWatch();
  // Reads pending events; true when any concerns the directory's entries.
  bool drainEvents();

  const std::filesystem::path directory_;
  const std::function<void()> changed_;
  const std::chrono::milliseconds debounce_;
  const std::chrono::milliseconds max_delay_;
  int inotify_fd_ = -1;
  int stop_fd_ = -1;  // an eventfd that stop() signals
  int watch_ = -1;    // only the watcher thread touches it after start()
  std::thread thread_;
};

}  // namespace mcpd::tls
