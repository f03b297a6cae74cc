#include "certd/renewal/renewal_time.h"

#include <algorithm>

namespace certd::renewal {

TimePoint defaultRenewalTime(TimePoint not_before, TimePoint not_after) {
  const auto lifetime = not_after - not_before;
  // Short-lived certificates (Let's Encrypt's 6-day profile) renew at half their life, so
  // a failed attempt still leaves days to retry.
  if (lifetime < kShortLivedLifetime) return not_before + lifetime / 2;
  return not_before + lifetime * 2 / 3;
}

TimePoint ariRenewalTime(const AriWindow& window, TimePoint now, double random_unit) {
  const auto span = std::max(window.end - window.start, TimePoint::duration::zero());
  const double unit = std::clamp(random_unit, 0.0, 1.0);
  const auto offset = std::chrono::duration_cast<TimePoint::duration>(
      std::chrono::duration<double, TimePoint::period>(static_cast<double>(span.count()) * unit));
  TimePoint chosen = window.start + std::min(offset, span);
  // RFC 9773 §4.2: a selected time in the past means renew immediately.
  return std::max(chosen, now);
}

TimePoint renewalTime(TimePoint not_before, TimePoint not_after,
                      const std::optional<AriWindow>& ari_window, TimePoint now,
                      double random_unit) {
  if (ari_window) return ariRenewalTime(*ari_window, now, random_unit);
  return defaultRenewalTime(not_before, not_after);
}

std::chrono::seconds defaultGrace(TimePoint renewal_time, TimePoint not_after) {
  const auto left = std::chrono::duration_cast<std::chrono::seconds>(not_after - renewal_time);
  const std::chrono::seconds day = std::chrono::hours(24);
  return std::clamp(left / 2, std::chrono::seconds::zero(), day);
}

}  // namespace certd::renewal
