// Rules of signing in that are pure arithmetic on times: the back-off after failed
// attempts and the lifetime of a session. The policy's [sign_in] table holds the
// numbers; src/app/accounts.cpp applies them.
//
// Failures are counted per client address, and per account at each address, never per
// account alone: a stranger who knows a member's email (they are not secret) can slow
// down only their own address, not the member's. A success clears the account's count
// at its own address; an address's count only fades with time, so one good password
// cannot wash away the guesses made from the same address against other accounts.
#pragma once

#include <cstdint>
#include <vector>

#include "core/time.h"

namespace conduct::domain {

struct SignInPolicy {
  // After N failures still counted, the next attempt waits backoff_seconds[N-1] seconds
  // (the last value repeats). Applied per address and per account at an address alike.
  std::vector<int> backoff_seconds = {0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 120, 300};
  // Each full period this long without a failure forgives one failure.
  int failure_decay_seconds = 900;
  // Failed sign-ins against one account, from any addresses and still counted, that
  // warn the chairs (once, when the count reaches it). No one is locked out by them.
  int warn_chairs_after_failures = 10;
  // Wrong current passwords given in one session's password change (still counted at
  // the session's address) that end the session.
  int password_failures_end_session = 5;
  int session_idle_minutes = 30;    // a session unused this long ends
  int session_absolute_hours = 12;  // and no session lives longer than this
  int totp_window_steps = 1;        // codes one 30-second step early or late still count
  int enrolment_link_hours = 72;    // how long an enrolment or reset link works
};

struct ThrottleState {
  int failures = 0;  // failures counted when the last one was recorded
  Timestamp last_failure;
};

struct ThrottleVerdict {
  bool allowed = true;
  std::int64_t retry_after_seconds = 0;  // when not allowed: how long to wait
};

// The failures still counted at `now`: the recorded count less one for each full
// failure_decay_seconds since the last failure (never below zero).
int failures_counted(const ThrottleState& state, const SignInPolicy& policy, Timestamp now);
// Whether another attempt may be made now.
ThrottleVerdict check_throttle(const ThrottleState& state, const SignInPolicy& policy, Timestamp now);
// The state after one more failure at `now`: the failures still counted, plus one.
ThrottleState after_failure(const ThrottleState& state, const SignInPolicy& policy, Timestamp now);
// When every failure of `state` is forgiven: from then on the state is as if it had
// never failed, and its record may be deleted.
Timestamp forgiven_at(const ThrottleState& state, const SignInPolicy& policy);

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
