// The arithmetic of signing in (domain/sign_in.h), table by table: the back-off after
// failed attempts, counting failures, a session's lifetime, and when a session's idle
// clock is written back.
#include "domain/sign_in.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace conduct::domain {
namespace {

constexpr std::int64_t kT = 1'800'000'000;

TEST(SignInRules, BackOffWaitsTheScheduledSecondsAfterEachFailure) {
  SignInPolicy policy;
  policy.backoff_seconds = {0, 0, 5, 60};
  struct Row {
    std::string name;
    int failures;
    std::int64_t seconds_since_last_failure;
    bool allowed;
    std::int64_t retry_after;
  };
  const std::vector<Row> rows = {
      {"no failure", 0, 0, true, 0},
      {"first failure waits nothing", 1, 0, true, 0},
      {"second failure waits nothing", 2, 0, true, 0},
      {"third failure waits 5 s: at once", 3, 0, false, 5},
      {"third failure waits 5 s: 4 s on", 3, 4, false, 1},
      {"third failure waits 5 s: 5 s on", 3, 5, true, 0},
      {"fourth failure waits 60 s", 4, 30, false, 30},
      {"the last value repeats", 9, 59, false, 1},
      {"the last value repeats, then ends", 9, 60, true, 0},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const ThrottleState state{row.failures, Timestamp{kT}};
    const ThrottleVerdict verdict = check_throttle(state, policy, Timestamp{kT + row.seconds_since_last_failure});
    EXPECT_EQ(verdict.allowed, row.allowed);
    EXPECT_EQ(verdict.retry_after_seconds, row.retry_after);
  }
}

TEST(SignInRules, AnEmptyScheduleNeverWaits) {
  SignInPolicy policy;
  policy.backoff_seconds.clear();
  const ThrottleVerdict verdict = check_throttle({50, Timestamp{kT}}, policy, Timestamp{kT});
  EXPECT_TRUE(verdict.allowed);
  EXPECT_EQ(verdict.retry_after_seconds, 0);
}

TEST(SignInRules, AFailureCountsOneMoreAndIsDatedNow) {
  const ThrottleState first = after_failure({}, Timestamp{kT});
  EXPECT_EQ(first.failures, 1);
  EXPECT_EQ(first.last_failure, Timestamp{kT});
  const ThrottleState second = after_failure(first, Timestamp{kT + 7});
  EXPECT_EQ(second.failures, 2);
  EXPECT_EQ(second.last_failure, Timestamp{kT + 7});
}

TEST(SignInRules, ASessionLivesUntilItIsIdleTooLongOrTooOld) {
  SignInPolicy policy;
  policy.session_idle_minutes = 30;
  policy.session_absolute_hours = 12;
  struct Row {
    std::string name;
    std::int64_t created_ago;
    std::int64_t seen_ago;
    bool alive;
  };
  const std::vector<Row> rows = {
      {"just made", 0, 0, true},
      {"idle a second short of the limit", 3600, 30 * 60 - 1, true},
      {"idle exactly the limit", 3600, 30 * 60, false},
      {"in use, a second short of the age limit", 12 * 3600 - 1, 0, true},
      {"in use, exactly the age limit", 12 * 3600, 0, false},
      {"made in the future (a clock set back)", -10, -10, false},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const SessionTimes times{Timestamp{kT - row.created_ago}, Timestamp{kT - row.seen_ago}};
    EXPECT_EQ(session_alive(times, policy, Timestamp{kT}), row.alive);
  }
}

TEST(SignInRules, ASessionIsRecordedAsSeenAtMostOnceAMinute) {
  struct Row {
    std::int64_t seen_ago;
    bool touch;
  };
  const std::vector<Row> rows = {
      {0, false}, {1, false}, {kSessionTouchSeconds - 1, false}, {kSessionTouchSeconds, true}, {3600, true}};
  for (const Row& row : rows) {
    SCOPED_TRACE("seen " + std::to_string(row.seen_ago) + " s ago");
    EXPECT_EQ(session_needs_touch({Timestamp{kT - 7200}, Timestamp{kT - row.seen_ago}}, Timestamp{kT}), row.touch);
  }
}

}  // namespace
}  // namespace conduct::domain
