#include "certd/renewal/renewal_decision.h"

#include "certd/store/time_text.h"

namespace certd::renewal {

Decision decide(const std::optional<LiveCertificate>& live, const state::AttemptHistory& history,
                TimePoint now, bool force) {
  std::string why;
  Action wanted = Action::kRenew;
  if (!live) {
    wanted = Action::kObtain;
    why = "no usable certificate is installed";
  } else if (!live->covers_domains) {
    wanted = Action::kObtain;
    why = "the certificate does not cover the configured domains";
  } else if (now > live->not_after) {
    wanted = Action::kObtain;
    why = "the certificate expired at " + store::formatRfc3339(live->not_after);
  } else if (force) {
    why = "renewal forced";
  } else if (isDue(live->renewal_time, now)) {
    why = "renewal time " + store::formatRfc3339(live->renewal_time) + " reached";
  } else {
    return {Action::kWait, live->renewal_time,
            "valid until " + store::formatRfc3339(live->not_after) + ", renewal at " +
                store::formatRfc3339(live->renewal_time)};
  }
  // The back-off is checked last so its reason names what is waiting for it.
  if (!state::mayAttempt(history, now)) {
    return {Action::kBackOff, *history.not_before,
            why + "; backing off after " + std::to_string(history.consecutive_failures) +
                " failure(s) until " + store::formatRfc3339(*history.not_before)};
  }
  return {wanted, now, why};
}

}  // namespace certd::renewal
