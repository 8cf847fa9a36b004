// Votes (domain/vote.h): when a ballot is taken, and what closing a proposal's vote
// writes on its case. The count itself is vote_count_test.cpp's table.
#include "domain/vote.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace conduct::domain {
namespace {

constexpr std::int64_t kDay = 24 * 60 * 60;

Vote open_vote() {
  Case owner = testing::case_being_decided().summary;
  owner.community_id = 1;
  Proposal proposal;
  proposal.number = 2;
  proposal.ladder_rank = 2;
  proposal.proposed_by = 5;
  return open_proposal_vote(owner, proposal, default_policy().voting, testing::test_now());
}

VoteCount counted(VoteOutcome outcome, const std::string& arithmetic) {
  VoteCount count;
  count.outcome = outcome;
  count.arithmetic = arithmetic;
  return count;
}

TEST(Votes, AProposalsVoteClosesAfterThePolicysVoteDays) {
  const Vote vote = open_vote();
  EXPECT_EQ(vote.case_id, 7);
  EXPECT_EQ(vote.proposal_number, 2);
  EXPECT_EQ(vote.ladder_rank, 2);
  EXPECT_EQ(vote.proposer_id, 5);
  EXPECT_EQ(vote.closes_at.seconds - vote.opened_at.seconds, 7 * kDay);
  EXPECT_FALSE(deadline_passed(vote, Timestamp{vote.closes_at.seconds - 1}));
  EXPECT_TRUE(deadline_passed(vote, vote.closes_at));
}

TEST(Votes, ABallotIsAgreeObjectOrAbstainWhileTheVoteIsOpen) {
  const Vote vote = open_vote();
  EXPECT_EQ(*plan_ballot(vote, "agree", testing::test_now()), Ballot::Agree);
  EXPECT_EQ(*plan_ballot(vote, " abstain ", testing::test_now()), Ballot::Abstain);
  const auto unknown = plan_ballot(vote, "yes", testing::test_now());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(unknown.error().fields.at("ballot"), "must be agree, object or abstain");

  const auto late = plan_ballot(vote, "agree", vote.closes_at);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::FailedPrecondition);
  Vote closed = vote;
  closed.closed_at = testing::test_now();
  EXPECT_EQ(plan_ballot(closed, "agree", testing::test_now()).error().code, ErrorCode::FailedPrecondition);
}

TEST(Votes, APassedProposalOpensTheFeedbackRoundWithTheArithmeticOnTheTimeline) {
  const Case owner = testing::case_being_decided().summary;
  const CaseEdit edit = case_edit_after_vote(owner, open_vote(),
                                             counted(VoteOutcome::PassedByConsensus, "4 of 4 eligible members agreed."),
                                             12, testing::test_now());
  ASSERT_EQ(edit.new_entries.size(), 2u);
  EXPECT_EQ(edit.new_entries[0].kind, EntryKind::Vote);
  EXPECT_EQ(edit.new_entries[0].number, 12);
  EXPECT_FALSE(edit.new_entries[0].author_id.has_value());
  EXPECT_EQ(edit.new_entries[0].body, "The vote on proposal 2 closed. 4 of 4 eligible members agreed.");
  EXPECT_EQ(edit.new_entries[1].kind, EntryKind::Transition);
  EXPECT_EQ(edit.new_entries[1].number, 13);
  EXPECT_EQ(edit.new_entries[1].from_state, CaseState::Deciding);
  EXPECT_EQ(edit.new_entries[1].to_state, CaseState::AwaitingFeedback);
  EXPECT_EQ(edit.new_state, CaseState::AwaitingFeedback);
}

TEST(Votes, NoDecisionSendsTheCaseToTheBoard) {
  const Case owner = testing::case_being_decided().summary;
  const CaseEdit edit = case_edit_after_vote(
      owner, open_vote(), counted(VoteOutcome::ToTheBoard, "2 eligible members."), 3, testing::test_now());
  EXPECT_EQ(edit.new_state, CaseState::EscalatedToBoard);
  ASSERT_EQ(edit.new_entries.size(), 2u);
  EXPECT_EQ(edit.new_entries[1].body, "The vote on proposal 2 reached no decision: the board decides.");
}

TEST(Votes, ACaseAnotherVoteMovedAlreadyOnlyGetsTheVotesEntry) {
  Case owner = testing::case_being_decided().summary;
  owner.state = CaseState::AwaitingFeedback;  // another proposal of the case passed first
  const CaseEdit passed =
      case_edit_after_vote(owner, open_vote(), counted(VoteOutcome::PassedByTwoThirds, "…"), 3, testing::test_now());
  EXPECT_FALSE(passed.new_state.has_value());
  ASSERT_EQ(passed.new_entries.size(), 1u);
  EXPECT_EQ(passed.new_entries[0].kind, EntryKind::Vote);
  // Awaiting feedback on another proposal, or with the board already: no move the
  // lifecycle does not allow.
  for (const CaseState state : {CaseState::AwaitingFeedback, CaseState::EscalatedToBoard}) {
    owner.state = state;
    EXPECT_FALSE(case_edit_after_vote(owner, open_vote(), counted(VoteOutcome::ToTheBoard, "…"), 3, testing::test_now())
                     .new_state.has_value());
  }
}

}  // namespace
}  // namespace conduct::domain
