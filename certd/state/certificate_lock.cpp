#include "certd/state/certificate_lock.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>

#include "certd/state/attempt_store.h"
#include "shared/fs/atomic_file.h"

namespace certd::state {

using shared::Status;

shared::Result<CertificateLock> CertificateLock::acquire(const store::StateLayout& layout,
                                                         std::string_view name) {
  const std::string context = "lock " + std::string(name);
  if (Status s = store::checkCertificateName(name); !s) return s.withContext(context);
  if (Status s = ensurePrivateDirectory(layout.dir()); !s) return s.withContext(context);
  if (Status s = ensurePrivateDirectory(layout.locksDir()); !s) return s.withContext(context);
  return acquireFile(layout.lockFile(name), context);
}

shared::Result<CertificateLock> CertificateLock::acquireFile(const std::filesystem::path& path,
                                                             const std::string& context) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Status::fromErrno("open " + path.string(), errno).withContext(context);
  CertificateLock lock(fd);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    if (error != EWOULDBLOCK) {
      return Status::fromErrno("flock " + path.string(), error).withContext(context);
    }
    // The holder writes its pid just after taking the lock, so a contender that comes at
    // that instant reads nothing, or the pid of an earlier holder: poll for up to 200 ms
    // for a pid that runs; failing that, say "another process" rather than guess.
    std::string who = "another process";
    for (int i = 0; i < 20; ++i) {
      if (i > 0) ::usleep(10000);
      std::string holder = shared::fs::readFile(path).valueOr("");
      while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
      const pid_t pid = holder.empty() ? 0 : static_cast<pid_t>(std::atol(holder.c_str()));
      if (pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM)) {
        who = "pid " + holder;
        break;
      }
    }
    return Status::unavailable(context + ": held by " + who + " (" + path.string() + ")");
  }
  // We hold the lock: record who we are for the next contender.
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
    return Status::fromErrno("write pid to " + path.string(), errno).withContext(context);
  }
  return lock;
}

CertificateLock& CertificateLock::operator=(CertificateLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

CertificateLock::~CertificateLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

}  // namespace certd::state
