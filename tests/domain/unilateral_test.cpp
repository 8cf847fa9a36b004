// Acting at once (domain/unilateral.h): what a member records, the duty to report it
// within the policy's hours, and the group's review by ratification or revision.
#include "domain/unilateral.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace conduct::domain {
namespace {

constexpr std::int64_t kHour = 60 * 60;
const Timestamp kNow = testing::test_now();

Member member(std::int64_t id = 6) {
  Member actor;
  actor.id = id;
  return actor;
}

ActionCommand a_ban() {
  ActionCommand command;
  command.situation = "ongoing";
  command.what = "Banned the account from the chat for 48 hours.";
  command.why = "It kept posting the reporter's address.";
  command.affects = "The reported person";
  return command;
}

UnilateralAction taken(const Policy& policy = default_policy()) {
  const Result<ActionPlan> plan =
      plan_unilateral_action(testing::case_being_decided().summary, policy, a_ban(), member(), 1, 7, kNow);
  EXPECT_TRUE(plan.ok());
  return plan->action;
}

TEST(UnilateralAction, StartsTheClockForItsReport) {
  Policy policy = default_policy();
  policy.deadlines.unilateral_report_hours = 24;
  const Result<ActionPlan> plan =
      plan_unilateral_action(testing::case_being_decided().summary, policy, a_ban(), member(), 1, 7, kNow);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->action.status, ActionStatus::AwaitingReport);
  EXPECT_EQ(plan->action.report_due.seconds, kNow.seconds + 24 * kHour);
  EXPECT_EQ(plan->action.taken_by, 6);
  EXPECT_EQ(plan->entry.kind, EntryKind::Action);
  EXPECT_EQ(plan->entry.number, 7);
  EXPECT_NE(plan->entry.body.find("Banned the account"), std::string::npos);
  EXPECT_NE(plan->entry.body.find("To be reported to the group by " + format_timestamp(plan->action.report_due)),
            std::string::npos);
  EXPECT_FALSE(report_overdue(plan->action, Timestamp{kNow.seconds + 24 * kHour}));
  EXPECT_TRUE(report_overdue(plan->action, Timestamp{kNow.seconds + 24 * kHour + 1}));
}

TEST(UnilateralAction, AnActionRecordedAfterwardsCountsFromWhenItWasTaken) {
  ActionCommand command = a_ban();
  command.situation = "physical-danger";
  command.taken_at = format_timestamp(Timestamp{kNow.seconds - 20 * kHour});
  const Result<ActionPlan> plan =
      plan_unilateral_action(testing::case_being_decided().summary, default_policy(), command, member(), 1, 7, kNow);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->action.situation, ActionSituation::PhysicalDanger);
  EXPECT_EQ(plan->action.report_due.seconds, kNow.seconds + 4 * kHour);
}

TEST(UnilateralAction, NamesEveryMissingOrBadField) {
  ActionCommand command;
  command.situation = "urgent";
  command.taken_at = format_timestamp(Timestamp{kNow.seconds + 2 * kHour});
  const Result<ActionPlan> plan =
      plan_unilateral_action(testing::case_being_decided().summary, default_policy(), command, member(), 1, 7, kNow);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code, ErrorCode::InvalidArgument);
  for (const char* field : {"situation", "what", "why", "affects", "taken_at"})
    EXPECT_TRUE(plan.error().fields.count(field)) << field;
  command = a_ban();
  command.taken_at = format_timestamp(Timestamp{kNow.seconds - 31 * 24 * kHour});
  const Result<ActionPlan> old =
      plan_unilateral_action(testing::case_being_decided().summary, default_policy(), command, member(), 1, 7, kNow);
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.error().fields.count("taken_at"), 1u);
}

TEST(UnilateralAction, IsReportedOnlyByTheMemberWhoTookItAndOpensItsReview) {
  const UnilateralAction action = taken();
  const Case summary = testing::case_being_decided().summary;
  const Result<ActionReportPlan> other =
      plan_action_report(summary, action, "Done.", default_policy().voting, member(9), 8, kNow);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::FailedPrecondition);
  const Result<ActionReportPlan> empty =
      plan_action_report(summary, action, "  ", default_policy().voting, member(), 8, kNow);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().fields.count("text"), 1u);

  const Timestamp late{action.report_due.seconds + kHour};
  const Result<ActionReportPlan> report =
      plan_action_report(summary, action, "The posts stopped.", default_policy().voting, member(), 8, late);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_NE(report->entry.body.find("after its time"), std::string::npos);
  EXPECT_EQ(report->review.matter, VoteMatter::Action);
  EXPECT_EQ(report->review.action_number, 1);
  EXPECT_EQ(report->review.proposer_id, 6);
  EXPECT_EQ(report->review.closes_at.seconds, late.seconds + default_policy().voting.default_vote_days * 24 * kHour);

  UnilateralAction reported = action;
  reported.status = ActionStatus::UnderReview;
  EXPECT_FALSE(plan_action_report(summary, reported, "Again.", default_policy().voting, member(), 8, kNow).ok());
}

TEST(UnilateralAction, ARevisionIsPutToTheVoteAndRevisesOnlyTheActionItself) {
  const Case summary = testing::case_being_decided().summary;
  UnilateralAction action = taken();
  action.status = ActionStatus::UnderReview;
  ActionCommand change;
  change.what = "Shorten the ban to 24 hours.";
  change.why = "The posts were removed within the hour.";
  const Result<RevisionPlan> plan =
      plan_action_revision(summary, action, change, default_policy().voting, member(9), 2, 9, kNow);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->revision.revises, 1);
  EXPECT_EQ(plan->revision.status, ActionStatus::UnderReview);
  EXPECT_EQ(plan->revision.affects, "The reported person");
  EXPECT_EQ(plan->review.action_number, 2);
  EXPECT_EQ(plan->review.proposer_id, 9);

  const Result<RevisionPlan> of_revision =
      plan_action_revision(summary, plan->revision, change, default_policy().voting, member(9), 3, 10, kNow);
  ASSERT_FALSE(of_revision.ok());
  EXPECT_EQ(of_revision.error().code, ErrorCode::FailedPrecondition);
  action.status = ActionStatus::Revised;
  EXPECT_FALSE(plan_action_revision(summary, action, change, default_policy().voting, member(9), 3, 10, kNow).ok());
  const Result<RevisionPlan> blank =
      plan_action_revision(summary, taken(), ActionCommand{}, default_policy().voting, member(9), 3, 10, kNow);
  ASSERT_FALSE(blank.ok());
  EXPECT_EQ(blank.error().fields.count("what"), 1u);
  EXPECT_EQ(blank.error().fields.count("why"), 1u);
}

TEST(UnilateralAction, TheReviewRatifiesReviseOrGoesToTheBoard) {
  VoteCount passed;
  passed.outcome = VoteOutcome::PassedByConsensus;
  passed.arithmetic = "3 of 3 eligible members agreed.";
  UnilateralAction action = taken();
  ReviewOutcome ratified = review_outcome(action, passed, 12, kNow);
  EXPECT_EQ(ratified.status, ActionStatus::Ratified);
  EXPECT_FALSE(ratified.original_status);
  EXPECT_EQ(ratified.entry.kind, EntryKind::Vote);
  EXPECT_EQ(ratified.entry.body, "The review of action 1 closed. 3 of 3 eligible members agreed.");

  UnilateralAction revision = action;
  revision.number = 2;
  revision.revises = 1;
  const ReviewOutcome revised = review_outcome(revision, passed, 12, kNow);
  EXPECT_EQ(revised.status, ActionStatus::Ratified);
  EXPECT_EQ(revised.original_status, ActionStatus::Revised);

  VoteCount none;
  none.outcome = VoteOutcome::ToTheBoard;
  const ReviewOutcome board = review_outcome(action, none, 12, kNow);
  EXPECT_EQ(board.status, ActionStatus::ToTheBoard);
  EXPECT_NE(board.entry.body.find("The board reviews it."), std::string::npos);
  // A revision the group does not decide takes the action it revises to the board too,
  // rather than leaving it "revising" for good.
  const ReviewOutcome revision_to_board = review_outcome(revision, none, 12, kNow);
  EXPECT_EQ(revision_to_board.status, ActionStatus::ToTheBoard);
  EXPECT_EQ(revision_to_board.original_status, ActionStatus::ToTheBoard);
}

TEST(UnilateralAction, ACaseHeldInEscrowTakesNoAction) {
  Case summary = testing::case_being_decided().summary;
  summary.escrowed = true;
  const Result<ActionPlan> plan = plan_unilateral_action(summary, default_policy(), a_ban(), member(), 1, 7, kNow);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code, ErrorCode::FailedPrecondition);
}

}  // namespace
}  // namespace conduct::domain
