#include "domain/sign_in.h"

#include <algorithm>

namespace conduct::domain {

int failures_counted(const ThrottleState& state, const SignInPolicy& policy, Timestamp now) {
  if (state.failures <= 0) return 0;
  const std::int64_t elapsed = std::max<std::int64_t>(0, now.seconds - state.last_failure.seconds);
  const std::int64_t forgiven = elapsed / std::max(1, policy.failure_decay_seconds);
  return static_cast<int>(std::max<std::int64_t>(0, state.failures - forgiven));
}

ThrottleVerdict check_throttle(const ThrottleState& state, const SignInPolicy& policy, Timestamp now) {
  const int counted = failures_counted(state, policy, now);
  if (counted <= 0 || policy.backoff_seconds.empty()) return {};
  const std::size_t index = std::min<std::size_t>(static_cast<std::size_t>(counted), policy.backoff_seconds.size()) - 1;
  const std::int64_t wait = policy.backoff_seconds[index];
  const std::int64_t ready_at = state.last_failure.seconds + wait;
  if (now.seconds >= ready_at) return {};
  return ThrottleVerdict{false, ready_at - now.seconds};
}

ThrottleState after_failure(const ThrottleState& state, const SignInPolicy& policy, Timestamp now) {
  return ThrottleState{failures_counted(state, policy, now) + 1, now};
}

Timestamp forgiven_at(const ThrottleState& state, const SignInPolicy& policy) {
  return Timestamp{state.last_failure.seconds +
                   static_cast<std::int64_t>(std::max(0, state.failures)) * std::max(1, policy.failure_decay_seconds)};
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
