// The group's own matters (domain/group_matter.h): what a matter needs, who is eligible
// to vote on it, and what the count makes of it. The vote rule itself is vote_count's.
#include "domain/group_matter.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace conduct::domain {
namespace {

const Timestamp kNow = testing::test_now();

Member voter(std::int64_t id, Role role = Role::Member) {
  Member member = testing::group_member(role);
  member.id = id;
  return member;
}

TEST(GroupMatter, IsPutToTheVoteForThePolicysDays) {
  VotingPolicy policy;
  policy.default_vote_days = 7;
  const Result<GroupMatter> matter =
      plan_matter({"admit-member", " Admit Ana Lima as a member. ", std::nullopt}, policy, voter(4), 2, kNow);
  ASSERT_TRUE(matter.ok()) << matter.error().message;
  EXPECT_EQ(matter->number, 2);
  EXPECT_EQ(matter->kind, MatterKind::AdmitMember);
  EXPECT_EQ(matter->status, MatterStatus::Voting);
  EXPECT_EQ(matter->text, "Admit Ana Lima as a member.");
  EXPECT_EQ(matter->closes_at.seconds - kNow.seconds, 7 * kSecondsPerDay);
  const Vote vote = matter_vote(*matter);
  EXPECT_EQ(vote.matter, VoteMatter::GroupMatter);
  EXPECT_EQ(vote.proposer_id, 4);
  EXPECT_TRUE(plan_ballot(vote, "agree", kNow).ok());
  EXPECT_FALSE(plan_ballot(vote, "agree", Timestamp{vote.closes_at.seconds + 1}).ok());
}

TEST(GroupMatter, RefusesEveryFaultByField) {
  const Result<GroupMatter> matter = plan_matter({"bylaws", "", 45}, VotingPolicy{}, voter(4), 1, kNow);
  ASSERT_FALSE(matter.ok());
  EXPECT_EQ(matter.error().fields.at("kind"), "must be one of admit-member, guideline, policy or other");
  EXPECT_EQ(matter.error().fields.at("text"), "is required: what the group is asked to agree to");
  EXPECT_EQ(matter.error().fields.at("vote_days"), "must be a number of days from 1 to 30");
}

TEST(GroupMatter, ItsElectorateIsTheGroupItWasSealedForLessThoseWhoStoodAside) {
  std::vector<Member> members = {voter(1, Role::Chair),   voter(2), voter(3), voter(4),
                                 voter(5, Role::Adviser), voter(6)};
  members[3].term_end = *parse_date("2026-11-01");  // no longer active
  GroupMatter matter;
  matter.proposed_by = 1;
  // Member 6 joined after the matter was put to the vote: it was not sealed for them.
  const VoteCountInput input = matter_electorate(matter, members, {1, 2, 3, 4, 5}, {3}, date_of(kNow));
  EXPECT_EQ(input.eligible, (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(input.all_voting_members, 4);  // 1, 2, 3 and 6: active, of a voting role
  EXPECT_EQ(input.proposer_id, 1);
}

TEST(GroupMatter, ADecidedCountIsAgreedOrGoesToTheBoard) {
  VoteCount count;
  count.outcome = VoteOutcome::PassedByTwoThirds;
  EXPECT_EQ(status_after(count), MatterStatus::Agreed);
  count.outcome = VoteOutcome::PassedByConsensus;
  EXPECT_EQ(status_after(count), MatterStatus::Agreed);
  count.outcome = VoteOutcome::ToTheBoard;
  EXPECT_EQ(status_after(count), MatterStatus::ToTheBoard);
}

}  // namespace
}  // namespace conduct::domain
