#include "certd/renewal/schedule.h"

#include <algorithm>

namespace certd::renewal {

TimePoint nextWake(const std::vector<Decision>& decisions, TimePoint now, std::chrono::seconds cap,
                   std::chrono::seconds floor) {
  TimePoint wake = now + cap;
  for (const Decision& decision : decisions) {
    const bool waits = decision.action == Action::kWait || decision.action == Action::kBackOff;
    wake = std::min(wake, waits ? decision.at : now);
  }
  return std::clamp(wake, now + floor, now + cap);
}

}  // namespace certd::renewal
