#pragma once

// OpenSSL's per-thread error queue turned into shared::Status messages. Every function in
// shared::pki leaves the calling thread's queue empty when it returns, success or failure,
// so a later, unrelated OpenSSL call never reports our stale errors; ErrorQueueGuard is the
// tool for that. Thread-safety: the queue is per thread, so all of this is thread-safe.

#include <string>
#include <string_view>

#include "shared/status.h"

namespace shared::pki {

// Pops every entry of the calling thread's error queue and joins their texts
// (ERR_error_string_n) with "; ". Returns "" when the queue is empty; the queue is empty after.
std::string drainOpenSslErrors();

// An error Status "what: <drained errors>", or "what: unknown OpenSSL error" when the queue
// is empty. Empties the queue. `code` must not be kOk (kOk is treated as kInternal).
Status openSslError(std::string_view what, Status::Code code = Status::Code::kInternal);

// Clears the calling thread's error queue when constructed (so messages never include an
// earlier caller's leftovers) and again when destroyed (so we never leave entries behind).
// Put one at the top of each public function that calls OpenSSL.
class ErrorQueueGuard {
 public:
  ErrorQueueGuard();
  ~ErrorQueueGuard();
  ErrorQueueGuard(const ErrorQueueGuard&) = delete;
  ErrorQueueGuard& operator=(const ErrorQueueGuard&) = delete;
};

}  // namespace shared::pki
