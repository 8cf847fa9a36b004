// How often strangers may do something that costs the group or the server: send a
// report, or try a receipt on the portal. A limit of `most` uses per `per_seconds`
// is a leaky bucket on the throttle state sign-in uses (sign_in.h): every
// per_seconds / most seconds forgives one use, and a use is refused while `most` are
// still counted. The policy's [intake] table holds the limits.
#pragma once

#include "core/time.h"
#include "domain/sign_in.h"

namespace conduct::domain {

struct RateLimit {
  int most = 0;  // 0: no limit
  int per_seconds = 3600;
};

// Whether one more use is allowed at `now`, and if not, how long until it is.
ThrottleVerdict check_rate(const ThrottleState& state, const RateLimit& limit, Timestamp now);
// The state after one more use at `now`.
ThrottleState after_use(const ThrottleState& state, const RateLimit& limit, Timestamp now);
// When every use of `state` is forgiven (its record may then be deleted).
Timestamp rate_forgiven_at(const ThrottleState& state, const RateLimit& limit);

}  // namespace conduct::domain
