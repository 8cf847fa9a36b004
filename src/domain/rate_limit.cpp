#include "domain/rate_limit.h"

#include <algorithm>

namespace conduct::domain {
namespace {

// Seconds after which one use is forgiven.
std::int64_t forgive_every(const RateLimit& limit) {
  if (limit.most <= 0) return 1;
  return std::max<std::int64_t>(1, limit.per_seconds / limit.most);
}

int counted(const ThrottleState& state, const RateLimit& limit, Timestamp now) {
  if (state.failures <= 0) return 0;
  const std::int64_t elapsed = std::max<std::int64_t>(0, now.seconds - state.last_failure.seconds);
  const std::int64_t left = state.failures - elapsed / forgive_every(limit);
  return static_cast<int>(std::max<std::int64_t>(0, left));
}

}  // namespace

ThrottleVerdict check_rate(const ThrottleState& state, const RateLimit& limit, Timestamp now) {
  if (limit.most <= 0 || counted(state, limit, now) < limit.most) return {true, 0};
  const std::int64_t every = forgive_every(limit);
  const std::int64_t elapsed = std::max<std::int64_t>(0, now.seconds - state.last_failure.seconds);
  return {false, every - elapsed % every};
}

ThrottleState after_use(const ThrottleState& state, const RateLimit& limit, Timestamp now) {
  return {counted(state, limit, now) + 1, now};
}

Timestamp rate_forgiven_at(const ThrottleState& state, const RateLimit& limit) {
  return Timestamp{state.last_failure.seconds + static_cast<std::int64_t>(state.failures) * forgive_every(limit)};
}

}  // namespace conduct::domain
