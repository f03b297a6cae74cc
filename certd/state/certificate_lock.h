#pragma once

// CertificateLock: an exclusive, non-blocking flock() on {state}/locks/{name}.lock, held
// while a process orders or installs certificate {name}, so two certd processes sharing a
// directory never order the same certificate twice. The holder writes its pid into the
// file so the loser's error can name it. The kernel drops the lock when the holder exits
// or is killed, so a crash never leaves a stale lock; the file itself stays.
//
// flock locks belong to an open file description: a second acquire() in the same process
// fails too. Move-only; the destructor releases the lock. Not for use across fork().

#include <filesystem>
#include <string>
#include <string_view>

#include "certd/store/paths.h"
#include "shared/result.h"

namespace certd::state {

class CertificateLock {
 public:
  // Takes the lock or fails at once (after at most 200 ms spent reading the holder's pid):
  // kUnavailable "lock a.example: held by pid 1234 (/state/locks/a.example.lock)" when
  // another holder has it ("held by another process" when no running pid is recorded);
  // kIoError/kPermissionDenied when the file cannot be created. Creates the locks directory 0700 as
  // needed.
  static shared::Result<CertificateLock> acquire(const store::StateLayout& layout,
                                                 std::string_view name);

  // The same lock on any file `path` (its directory must exist); errors start with
  // `context` ("account lock: held by pid 1234 (...)"). For the account's key changes.
  static shared::Result<CertificateLock> acquireFile(const std::filesystem::path& path,
                                                     const std::string& context);

  CertificateLock(CertificateLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  CertificateLock& operator=(CertificateLock&& other) noexcept;
  CertificateLock(const CertificateLock&) = delete;
  CertificateLock& operator=(const CertificateLock&) = delete;
  ~CertificateLock();

 private:
  explicit CertificateLock(int fd) : fd_(fd) {}
  int fd_;  // -1 once moved from
};

}  // namespace certd::state
