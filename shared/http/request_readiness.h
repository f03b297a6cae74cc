#pragma once

// requestReadiness: decides from the raw bytes a client has sent so far whether its next
// request can go to a worker thread, which then parses and serves it without waiting on the
// client: the whole head has arrived, and so has the body when it is small. A cheap scan,
// not a parser: whatever it cannot judge (a malformed Content-Length, an Expect header) is
// "ready" and the worker's parser answers it. Pure; any thread.

#include <cstddef>
#include <string_view>

namespace shared::http {

struct ReadinessLimits {
  std::size_t max_head_bytes = 16 * 1024;     // a longer head is refused with 431
  std::size_t buffer_body_bytes = 64 * 1024;  // bodies up to this wait whole in the front
};

struct Readiness {
  enum class State {
    kNeedMore,     // keep reading
    kReady,        // hand the connection to a worker
    kHeadTooLarge  // answer 431 and close
  };
  State state = State::kNeedMore;
  std::size_t head_bytes = 0;  // the head's length (with its blank line) once it is complete
};

Readiness requestReadiness(std::string_view bytes, const ReadinessLimits& limits);

}  // namespace shared::http
