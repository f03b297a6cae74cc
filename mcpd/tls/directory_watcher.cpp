#include "mcpd/tls/directory_watcher.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <system_error>

#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace mcpd::tls {
namespace {

constexpr std::uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |
                                IN_DELETE | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF;
constexpr std::chrono::milliseconds kRetryMissing{1000};

}  // namespace

DirectoryWatcher::DirectoryWatcher(std::filesystem::path directory, std::function<void()> changed,
                                   std::chrono::milliseconds debounce,
                                   std::chrono::milliseconds max_delay)
    : directory_(std::move(directory)),
      changed_(std::move(changed)),
      debounce_(debounce),
      max_delay_(max_delay) {}

DirectoryWatcher::~DirectoryWatcher() {
  stop();
}

void DirectoryWatcher::start() {
  inotify_fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (inotify_fd_ < 0) throw std::system_error(errno, std::generic_category(), "inotify_init1");
  stop_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (stop_fd_ < 0) throw std::system_error(errno, std::generic_category(), "eventfd");
  thread_ = std::thread([this] { loop(); });
}

void DirectoryWatcher::stop() {
  if (thread_.joinable()) {
    const std::uint64_t one = 1;
    (void)!write(stop_fd_, &one, sizeof one);
    thread_.join();
  }
  for (int* fd : {&inotify_fd_, &stop_fd_}) {
    if (*fd >= 0) close(*fd);
    *fd = -1;
  }
}

bool DirectoryWatcher::ensureWatch() {
  if (watch_ >= 0) return true;
  watch_ = inotify_add_watch(inotify_fd_, directory_.c_str(), kMask | IN_ONLYDIR);
  if (watch_ >= 0) {
    shared::log::debug(shared::log::get("mcpd.tls"), "watching",
                       {{"directory", directory_.string()}});
    return true;
  }
  return false;
}

bool DirectoryWatcher::drainEvents() {
  alignas(inotify_event) char buffer[8192];
  bool relevant = false;
  while (true) {
    const ssize_t n = read(inotify_fd_, buffer, sizeof buffer);
    if (n <= 0) return relevant;  // EAGAIN: drained
    for (ssize_t at = 0; at < n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
      if (event->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) watch_ = -1;  // gone
      relevant = true;
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
    }
  }
}

void DirectoryWatcher::loop() {
  using Clock = std::chrono::steady_clock;
  std::optional<Clock::time_point> burst_started;  // first event of an unreported burst
  while (true) {
    const bool had_watch = watch_ >= 0;
    const bool watching = ensureWatch();
    // A directory that (re)appeared may already hold its files: look once.
    if (watching && !had_watch) changed_();
    int timeout_ms = -1;
    if (burst_started) {
      timeout_ms = static_cast<int>(debounce_.count());
    } else if (!watching) {
      timeout_ms = static_cast<int>(kRetryMissing.count());
    }
    pollfd fds[2] = {{stop_fd_, POLLIN, 0}, {inotify_fd_, POLLIN, 0}};
    const int ready = poll(fds, 2, timeout_ms);
    if (ready < 0 && errno != EINTR) return;
    if (ready > 0 && fds[0].revents) return;  // stop()
    const bool event = ready > 0 && fds[1].revents && drainEvents();
    if (event && !burst_started) burst_started = Clock::now();
    if (burst_started && (ready == 0 || Clock::now() - *burst_started >= max_delay_)) {
      burst_started.reset();
      changed_();
    }
  }
}

}  // namespace mcpd::tls
