#pragma once

// runHook: runs one operator-supplied hook command with `/bin/sh -c COMMAND` in its own
// process group, with the process environment plus `env` (replacing variables of the same
// name), stdin from /dev/null, stdout and stderr captured together (up to kMaxHookOutput
// bytes kept), and no other descriptor of certd's. When `timeout` passes first, the whole process
// group is killed (SIGKILL), so a hook that started children cannot outlive it. Signals the daemon
// blocks are unblocked in the child. A hook's failure is the caller's to log; it is never fatal to
// certd. Blocks the calling thread for at most about `timeout`; thread-safe (fork + execve only).

#include <chrono>
#include <string>

#include "certd/hooks/hook_environment.h"
#include "shared/result.h"

namespace certd::hooks {

inline constexpr std::size_t kMaxHookOutput = 64 * 1024;

struct HookResult {
  int exit_code = -1;      // the shell's exit status; -1 when killed by a signal
  bool timed_out = false;  // killed because `timeout` passed
  std::string output;      // stdout and stderr interleaved, truncated to kMaxHookOutput

  bool ok() const { return exit_code == 0 && !timed_out; }
};

// Fails only when the process cannot be started (pipe or fork failed: kIoError).
shared::Result<HookResult> runHook(const std::string& command, const Environment& env,
                                   std::chrono::milliseconds timeout);

}  // namespace certd::hooks
