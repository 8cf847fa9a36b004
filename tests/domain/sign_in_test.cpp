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
  const SignInPolicy policy;
  const ThrottleState first = after_failure({}, policy, Timestamp{kT});
  EXPECT_EQ(first.failures, 1);
  EXPECT_EQ(first.last_failure, Timestamp{kT});
  const ThrottleState second = after_failure(first, policy, Timestamp{kT + 7});
  EXPECT_EQ(second.failures, 2);
  EXPECT_EQ(second.last_failure, Timestamp{kT + 7});
}

TEST(SignInRules, EachQuietPeriodForgivesOneFailure) {
  SignInPolicy policy;
  policy.failure_decay_seconds = 600;
  struct Row {
    std::string name;
    int failures;
    std::int64_t seconds_since_last_failure;
    int counted;
  };
  const std::vector<Row> rows = {
      {"at once", 5, 0, 5},
      {"a second short of a period", 5, 599, 5},
      {"one period", 5, 600, 4},
      {"two and a half periods", 5, 1500, 3},
      {"five periods forgive all", 5, 3000, 0},
      {"never below zero", 5, 60000, 0},
      {"a clock set back forgives nothing", 5, -600, 5},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const ThrottleState state{row.failures, Timestamp{kT}};
    EXPECT_EQ(failures_counted(state, policy, Timestamp{kT + row.seconds_since_last_failure}), row.counted);
  }
  // A new failure counts on from what is still counted, and the back-off follows it.
  const ThrottleState later = after_failure({5, Timestamp{kT}}, policy, Timestamp{kT + 1500});
  EXPECT_EQ(later.failures, 4);
  EXPECT_EQ(forgiven_at(later, policy), Timestamp{kT + 1500 + 4 * 600});
  policy.backoff_seconds = {0, 0, 0, 30};
  EXPECT_FALSE(check_throttle(later, policy, Timestamp{kT + 1500 + 29}).allowed);
  EXPECT_TRUE(check_throttle(later, policy, Timestamp{kT + 1500 + 30}).allowed);
  // Once forgiven, nothing waits even under a long schedule.
  policy.backoff_seconds = {86400};
  EXPECT_TRUE(check_throttle(later, policy, forgiven_at(later, policy)).allowed);
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
