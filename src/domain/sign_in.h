// Rules of signing in that are pure arithmetic on times: the back-off after failed
// attempts and the lifetime of a session. The policy's [sign_in] table holds the
// numbers; src/app/accounts.cpp applies them.
#pragma once

#include <vector>

#include "core/time.h"

namespace conduct::domain {

struct SignInPolicy {
  // After N consecutive failures the next attempt waits backoff_seconds[N-1] seconds
  // (the last value repeats). Applied per account and per client address alike.
  std::vector<int> backoff_seconds = {0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 120, 300};
  int session_idle_minutes = 30;    // a session unused this long ends
  int session_absolute_hours = 12;  // and no session lives longer than this
  int totp_window_steps = 1;        // codes one 30-second step early or late still count
  int enrolment_link_hours = 72;    // how long an enrolment or reset link works
};

struct ThrottleState {
  int failures = 0;  // consecutive failures since the last success
  Timestamp last_failure;
};

struct ThrottleVerdict {
  bool allowed = true;
  std::int64_t retry_after_seconds = 0;  // when not allowed: how long to wait
};

// Whether another attempt may be made now.
ThrottleVerdict check_throttle(const ThrottleState& state, const SignInPolicy& policy, Timestamp now);
ThrottleState after_failure(ThrottleState state, Timestamp now);

struct SessionTimes {
  Timestamp created_at;
  Timestamp last_seen_at;
};

// Whether a session is still alive at `now`: neither idle too long nor too old.
bool session_alive(const SessionTimes& times, const SignInPolicy& policy, Timestamp now);

// A session's idle clock is written back at most once every this many seconds: a
// request does not have to commit a write only to say it was seen, and an idle
// timeout counted in minutes is off by less than a minute at most.
inline constexpr std::int64_t kSessionTouchSeconds = 60;

// Whether a request at `now` should record the session as seen.
bool session_needs_touch(const SessionTimes& times, Timestamp now);

}  // namespace conduct::domain
