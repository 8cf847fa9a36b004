#include "domain/policy.h"

#include <gtest/gtest.h>

namespace conduct::domain {
namespace {

TEST(PolicyTest, DefaultFollowsTheReferenceProcedure) {
  const Policy policy = default_policy();
  EXPECT_TRUE(validate_policy(policy).ok());
  EXPECT_EQ(policy.deadlines.acknowledge_hours, 24);        // "ideally within a day"
  EXPECT_EQ(policy.deadlines.unilateral_report_hours, 24);  // "within 24 hours"
  EXPECT_EQ(policy.voting.rule, VoteRule::ConsensusThenTwoThirds);
  EXPECT_EQ(policy.membership.inactivity_days, 90);
  ASSERT_EQ(policy.ladder.size(), 4u);
  EXPECT_EQ(policy.ladder[1].key, "temporary-suspension");
  EXPECT_EQ(policy.ladder[1].minimum_days, 30);
  EXPECT_EQ(policy.ladder[1].maximum_days, 90);
  EXPECT_TRUE(policy.ladder[2].requires_conditions);
  EXPECT_NE(find_ladder_level(policy, "permanent-ban"), nullptr);
  EXPECT_EQ(find_ladder_level(policy, "exile"), nullptr);
}

TEST(PolicyTest, ValidationNamesEveryBadValueByItsPath) {
  Policy policy = default_policy();
  policy.deadlines.acknowledge_hours = 0;
  policy.voting.quorum_share = 1.0;
  policy.spaces.push_back({"forum", SpaceKind::Forum, "Second forum"});
  policy.ladder[1].maximum_days = 10;
  policy.ladder[3].rank = 2;
  const Status status = validate_policy(policy);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::InvalidArgument);
  const auto& fields = status.error().fields;
  for (const char* path : {"deadlines.acknowledge_hours", "voting.quorum_share", "spaces[8].key",
                           "ladder[1].maximum_days", "ladder[3].rank"})
    EXPECT_TRUE(fields.count(path)) << path << " in: " << status.error().message;
  EXPECT_EQ(fields.size(), 5u);
}

TEST(PolicyTest, EvidenceLimitIsPositiveAndAtMost256MiB) {
  Policy policy = default_policy();
  EXPECT_EQ(policy.evidence_max_bytes, 10 * 1024 * 1024);
  for (const std::int64_t good : {std::int64_t{1}, kLargestEvidenceMaxBytes}) {
    policy.evidence_max_bytes = good;
    EXPECT_TRUE(validate_policy(policy).ok()) << good;
  }
  for (const std::int64_t bad : {std::int64_t{0}, std::int64_t{-1}, kLargestEvidenceMaxBytes + 1}) {
    SCOPED_TRACE(bad);
    policy.evidence_max_bytes = bad;
    const Status status = validate_policy(policy);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().fields.size(), 1u);
    EXPECT_EQ(status.error().fields.at("evidence_max_bytes"), "must be from 1 to 268435456 (256 MiB)");
  }
}

}  // namespace
}  // namespace conduct::domain
