// The group's own matters (app/group_matters.h): put to the vote, counted by the rule of
// a case's votes in the session of a member who holds the matter's key, a member who
// stands aside dropping out of the count. Real SQLite, real sealing.
#include "app/group_matters.h"

#include <gtest/gtest.h>

#include "app_fixture.h"

namespace conduct::app {
namespace {

class GroupMattersTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    jonas_ = add("jonas@tidewater.example", "Jonas Lindqvist", "member");
    mei_ = add("mei@tidewater.example", "Mei Tanaka", "member");
  }

  Result<MatterView> propose(const Actor& actor, const std::string& text = "Admit Ana Lima as a member.") {
    next_command();
    return propose_matter(context_, actor, {"admit-member", text, std::nullopt});
  }
  Result<MatterView> vote(const Actor& actor, int number, const std::string& ballot) {
    next_command();
    return cast_matter_ballot(context_, actor, number, ballot);
  }

  Actor jonas_, mei_;
};

TEST_F(GroupMattersTest, AMatterIsDecidedByTheRuleOfACasesVote) {
  auto proposed = propose(member_);
  ASSERT_TRUE(proposed.ok()) << proposed.error().message;
  EXPECT_EQ(proposed->summary.matter.number, 1);
  ASSERT_TRUE(proposed->text.has_value());
  EXPECT_EQ(*proposed->text, "Admit Ana Lima as a member.");
  ASSERT_TRUE(proposed->count.has_value());
  EXPECT_EQ(proposed->count->eligible, 4);  // Robin, Priya, Jonas, Mei; Ada advises and never votes

  ASSERT_TRUE(vote(member_, 1, "agree").ok());
  ASSERT_TRUE(vote(chair_, 1, "agree").ok());
  auto third = vote(jonas_, 1, "agree");
  ASSERT_TRUE(third.ok()) << third.error().message;
  EXPECT_EQ(third->summary.matter.status, domain::MatterStatus::Voting);  // Mei has yet to vote
  auto last = vote(mei_, 1, "abstain");
  ASSERT_TRUE(last.ok()) << last.error().message;
  EXPECT_EQ(last->summary.matter.status, domain::MatterStatus::Agreed);
  EXPECT_EQ(last->summary.matter.outcome, domain::VoteOutcome::PassedByConsensus);
  EXPECT_NE(last->summary.matter.arithmetic.find("3 of 4 eligible members agreed"), std::string::npos)
      << last->summary.matter.arithmetic;

  auto late = vote(jonas_, 1, "object");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::FailedPrecondition);

  next_command();
  auto row = context_.store.find_matter(chair_.community.id, 1);
  ASSERT_TRUE(row.ok() && row->has_value());
  EXPECT_EQ((*row)->text_sealed.find("Ana Lima"), std::string::npos);
  auto ballots = context_.store.matter_ballots((*row)->matter.id);
  ASSERT_TRUE(ballots.ok());
  ASSERT_EQ(ballots->size(), 4u);
  for (const store::MatterBallotRow& ballot : *ballots)
    EXPECT_EQ(ballot.ballot_sealed.find("agree"), std::string::npos);
}

TEST_F(GroupMattersTest, AMemberWhoStandsAsideDropsOutOfTheCount) {
  ASSERT_TRUE(propose(chair_).ok());
  ASSERT_TRUE(vote(chair_, 1, "agree").ok());
  ASSERT_TRUE(vote(member_, 1, "agree").ok());
  ASSERT_TRUE(vote(jonas_, 1, "object").ok());
  next_command();
  auto aside = stand_aside_from_matter(context_, jonas_, 1);
  ASSERT_TRUE(aside.ok()) << aside.error().message;
  EXPECT_TRUE(aside->stood_aside);
  EXPECT_FALSE(aside->eligible);
  ASSERT_TRUE(aside->count.has_value());
  EXPECT_EQ(aside->count->eligible, 3);
  auto refused = vote(jonas_, 1, "agree");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("you stood aside"), std::string::npos);

  auto closing = vote(mei_, 1, "agree");
  ASSERT_TRUE(closing.ok()) << closing.error().message;
  EXPECT_EQ(closing->summary.matter.status, domain::MatterStatus::Agreed);
  EXPECT_EQ(closing->summary.matter.outcome, domain::VoteOutcome::PassedByConsensus);
}

TEST_F(GroupMattersTest, AMemberWhoJoinedLaterTakesNoPartAndReadsNothing) {
  ASSERT_TRUE(propose(chair_, "Change the guideline on direct messages.").ok());
  const Actor newcomer = add("noa@tidewater.example", "Noa Levi", "member");
  next_command();
  auto shown = show_matter(context_, newcomer, 1);
  ASSERT_TRUE(shown.ok()) << shown.error().message;
  EXPECT_FALSE(shown->text.has_value());
  EXPECT_FALSE(shown->count.has_value());
  auto refused = vote(newcomer, 1, "agree");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::FailedPrecondition);
  EXPECT_NE(refused.error().message.find("before you were a voting member"), std::string::npos);
}

TEST_F(GroupMattersTest, OnlyTheGroupsVotingMembersDecideItsMatters) {
  auto refused = propose(adviser_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::PermissionDenied);
  auto bad = propose_matter(context_, chair_, {"bylaws", "", 0});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.size(), 3u);
  next_command();
  auto missing = show_matter(context_, chair_, 4);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
}

}  // namespace
}  // namespace conduct::app
