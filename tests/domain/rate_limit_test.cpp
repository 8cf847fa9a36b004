#include "domain/rate_limit.h"

#include <gtest/gtest.h>

namespace conduct::domain {
namespace {

constexpr Timestamp kStart{1'800'000'000};

Timestamp at(std::int64_t seconds_after_start) { return Timestamp{kStart.seconds + seconds_after_start}; }

// Ten an hour: one use forgiven every 360 seconds.
constexpr RateLimit kTenAnHour{10, 3600};

TEST(RateLimitTest, AFreshStateIsAllowed) {
  const ThrottleVerdict verdict = check_rate(ThrottleState{}, kTenAnHour, kStart);
  EXPECT_TRUE(verdict.allowed);
  EXPECT_EQ(verdict.retry_after_seconds, 0);
}

TEST(RateLimitTest, TheUseAfterTheMostIsRefusedUntilOneIsForgiven) {
  ThrottleState state;
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(check_rate(state, kTenAnHour, at(i)).allowed) << "use " << i + 1;
    state = after_use(state, kTenAnHour, at(i));
  }
  EXPECT_EQ(state.failures, 10);
  EXPECT_EQ(state.last_failure, at(9));
  const ThrottleVerdict refused = check_rate(state, kTenAnHour, at(9));
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_seconds, 360);
  const ThrottleVerdict later = check_rate(state, kTenAnHour, at(9 + 100));
  EXPECT_FALSE(later.allowed);
  EXPECT_EQ(later.retry_after_seconds, 260);
  // 360 seconds after the last use, one is forgiven: one more is allowed, and only one.
  EXPECT_TRUE(check_rate(state, kTenAnHour, at(9 + 360)).allowed);
  state = after_use(state, kTenAnHour, at(9 + 360));
  EXPECT_EQ(state.failures, 10);
  EXPECT_FALSE(check_rate(state, kTenAnHour, at(9 + 360)).allowed);
}

TEST(RateLimitTest, UsesAreForgivenEvenlyOverThePeriod) {
  const ThrottleState state{10, kStart};
  // The next use counts what is left of the earlier ones.
  EXPECT_EQ(after_use(state, kTenAnHour, at(0)).failures, 11);
  EXPECT_EQ(after_use(state, kTenAnHour, at(359)).failures, 11);
  EXPECT_EQ(after_use(state, kTenAnHour, at(360)).failures, 10);
  EXPECT_EQ(after_use(state, kTenAnHour, at(3 * 360 + 1)).failures, 8);
  EXPECT_EQ(after_use(state, kTenAnHour, at(3600)).failures, 1);
  EXPECT_EQ(after_use(state, kTenAnHour, at(100 * 3600)).failures, 1);
  EXPECT_EQ(after_use(state, kTenAnHour, at(3600)).last_failure, at(3600));
  // A clock that went back counts nothing as forgiven.
  EXPECT_EQ(after_use(state, kTenAnHour, at(-500)).failures, 11);
}

TEST(RateLimitTest, ForgivenAtIsWhenTheLastUseIsForgiven) {
  EXPECT_EQ(rate_forgiven_at(ThrottleState{10, kStart}, kTenAnHour), at(3600));
  EXPECT_EQ(rate_forgiven_at(ThrottleState{1, kStart}, kTenAnHour), at(360));
  EXPECT_EQ(rate_forgiven_at(ThrottleState{3, kStart}, RateLimit{600, 3600}), at(18));
  // A limit finer than a second forgives one use a second.
  EXPECT_EQ(rate_forgiven_at(ThrottleState{5, kStart}, RateLimit{7200, 3600}), at(5));
}

TEST(RateLimitTest, MostZeroMeansNoLimit) {
  const RateLimit unlimited{0, 3600};
  const ThrottleState heavy{1'000'000, kStart};
  const ThrottleVerdict verdict = check_rate(heavy, unlimited, kStart);
  EXPECT_TRUE(verdict.allowed);
  EXPECT_EQ(verdict.retry_after_seconds, 0);
  EXPECT_TRUE(check_rate(heavy, RateLimit{-1, 3600}, kStart).allowed);
}

TEST(RateLimitTest, ALimitOfOne) {
  const RateLimit one_an_hour{1, 3600};
  const ThrottleState used = after_use(ThrottleState{}, one_an_hour, kStart);
  EXPECT_EQ(used.failures, 1);
  const ThrottleVerdict refused = check_rate(used, one_an_hour, at(1));
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_seconds, 3599);
  EXPECT_TRUE(check_rate(used, one_an_hour, at(3600)).allowed);
}

}  // namespace
}  // namespace conduct::domain
