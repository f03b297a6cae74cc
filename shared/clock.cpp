#include "shared/clock.h"

namespace shared {

const SystemClock& SystemClock::instance() {
  static const SystemClock clock;
  return clock;
}

}  // namespace shared
