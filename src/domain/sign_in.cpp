#include "domain/sign_in.h"

#include <algorithm>

namespace conduct::domain {

ThrottleVerdict check_throttle(const ThrottleState& state, const SignInPolicy& policy, Timestamp now) {
  if (state.failures <= 0 || policy.backoff_seconds.empty()) return {};
  const std::size_t index =
      std::min<std::size_t>(static_cast<std::size_t>(state.failures), policy.backoff_seconds.size()) - 1;
  const std::int64_t wait = policy.backoff_seconds[index];
  const std::int64_t ready_at = state.last_failure.seconds + wait;
  if (now.seconds >= ready_at) return {};
  return ThrottleVerdict{false, ready_at - now.seconds};
}

ThrottleState after_failure(ThrottleState state, Timestamp now) {
  ++state.failures;
  state.last_failure = now;
  return state;
}

bool session_alive(const SessionTimes& times, const SignInPolicy& policy, Timestamp now) {
  const std::int64_t idle = now.seconds - times.last_seen_at.seconds;
  const std::int64_t age = now.seconds - times.created_at.seconds;
  return idle < static_cast<std::int64_t>(policy.session_idle_minutes) * 60 &&
         age < static_cast<std::int64_t>(policy.session_absolute_hours) * kSecondsPerHour && age >= 0;
}

bool session_needs_touch(const SessionTimes& times, Timestamp now) {
  return now.seconds - times.last_seen_at.seconds >= kSessionTouchSeconds;
}

}  // namespace conduct::domain
