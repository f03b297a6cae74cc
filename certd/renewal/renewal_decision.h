#pragma once

// The one decision the renewal loop and `certd renew` make per certificate: order now,
// or wait until when. A pure function of what is on disk, the attempt history and "now".
// It encodes two safety rules of issue 5:
//   - never a new order while a valid certificate covering the configured domains is on
//     disk and its renewal time has not come (a restart costs nothing);
//   - never an order while the back-off from earlier failures runs (a crash loop cannot
//     burn the CA's rate limits). `force` skips the renewal time, never the back-off.

#include <optional>
#include <string>
#include <vector>

#include "certd/renewal/renewal_time.h"
#include "certd/state/attempt_history.h"

namespace certd::renewal {

// What the decision needs to know about the live certificate (from store::current()).
struct LiveCertificate {
  TimePoint not_before;
  TimePoint not_after;
  TimePoint renewal_time;      // from its metadata, or defaultRenewalTime()
  bool covers_domains = true;  // the leaf covers every configured domain
};

enum class Action {
  kWait,     // nothing to do before `at`
  kObtain,   // no usable certificate: order one now
  kRenew,    // the renewal time has come (or force): order a replacement now
  kBackOff,  // an order is needed but earlier failures say wait until `at`
};

struct Decision {
  Action action;
  TimePoint at;        // when to look again (kWait, kBackOff); `now` for kObtain/kRenew
  std::string reason;  // one phrase for the log: "renewal time 2026-03-02T00:00:00Z reached"
};

// `live` is nullopt when nothing usable is installed (missing, unparsable, key mismatch).
Decision decide(const std::optional<LiveCertificate>& live, const state::AttemptHistory& history,
                TimePoint now, bool force = false);

}  // namespace certd::renewal
