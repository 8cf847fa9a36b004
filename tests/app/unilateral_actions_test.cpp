// Acting at once through the use cases (app/decisions.h take_action to revise_action):
// the action on the timeline, its report by the member who took it, the review vote by
// the vote rule, and revisions, on real SQLite with real sealing.
#include <gtest/gtest.h>

#include <string>

#include "app/cases.h"
#include "app/conflicts.h"
#include "app/decisions.h"
#include "app_fixture.h"

namespace conduct::app {
namespace {

constexpr std::int64_t kHour = 60 * 60;

class UnilateralActionsTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    jonas_ = add("jonas@tidewater.example", "Jonas Berg", "member");
    mei_ = add("mei@tidewater.example", "Mei Tanaka", "member");
    domain::NewCaseCommand command;
    command.report.report_text = "Threats posted in the chat, naming where the reporter lives.";
    command.report.parties = {{"reporter", "Noor Haddad", "noor@example.net", "", ""},
                              {"reported", "", "@drift_wood", "", ""}};
    next_command();
    auto record = open_case(context_, chair_, command);
    ASSERT_TRUE(record.ok()) << record.error().message;
    summary_ = record->summary;
  }

  static domain::ActionCommand ban() {
    domain::ActionCommand command;
    command.situation = "physical-danger";
    command.what = "Banned the account from every space and called the venue's security.";
    command.why = "The posts named the reporter's street.";
    command.affects = "The reported person";
    return command;
  }

  Result<DecisionsView> act(const Actor& actor, const domain::ActionCommand& command = ban()) {
    next_command();
    return take_action(context_, actor, summary_.code_name, command);
  }

  Result<DecisionsView> report(const Actor& actor, int number = 1) {
    next_command();
    return report_action(context_, actor, summary_.code_name, number, "The posts stopped; please review the ban.");
  }

  Result<DecisionsView> vote(const Actor& actor, const std::string& ballot, int number = 1) {
    next_command();
    return cast_ballot(context_, actor, summary_.code_name, number, ballot, BallotOn::Action);
  }

  DecisionsView shown(const Actor& actor) {
    next_command();
    auto view = show_decisions(context_, actor, summary_.code_name);
    EXPECT_TRUE(view.ok()) << view.error().message;
    return view.ok() ? *view : DecisionsView{};
  }

  int entries_of(domain::EntryKind kind) {
    next_command();
    auto record = show_case(context_, chair_, summary_.code_name);
    EXPECT_TRUE(record.ok());
    int count = 0;
    if (record.ok())
      for (const domain::TimelineEntry& entry : record->timeline) count += entry.kind == kind ? 1 : 0;
    return count;
  }

  Actor jonas_, mei_;
  domain::Case summary_;
};

TEST_F(UnilateralActionsTest, AnActionIsRecordedSealedAndItsReportFallsDueWithinThePolicysHours) {
  auto taken = act(member_);
  ASSERT_TRUE(taken.ok()) << taken.error().message;
  ASSERT_EQ(taken->actions.size(), 1u);
  const ActionView& action = taken->actions[0];
  EXPECT_EQ(action.action.status, domain::ActionStatus::AwaitingReport);
  EXPECT_EQ(action.action.report_due.seconds,
            clock_.now().seconds + chair_.community.policy.deadlines.unilateral_report_hours * kHour);
  EXPECT_FALSE(action.overdue);
  EXPECT_EQ(entries_of(domain::EntryKind::Action), 1);
  // Another member reads what was done; the database holds it only sealed.
  EXPECT_EQ(shown(jonas_).actions.at(0).action.what, ban().what);
  auto select = store_.sqlite().database().prepare("SELECT content_sealed FROM unilateral_actions");
  ASSERT_TRUE(select.ok());
  auto found = select->step();
  ASSERT_TRUE(found.ok() && *found);
  EXPECT_EQ(select->blob(0).find("security"), std::string::npos);

  clock_.advance_seconds(chair_.community.policy.deadlines.unilateral_report_hours * kHour + 1);
  const DecisionsView late = shown(chair_);
  EXPECT_TRUE(late.actions.at(0).overdue);
  EXPECT_NE(late.actions.at(0).state.find("was due"), std::string::npos) << late.actions.at(0).state;
}

TEST_F(UnilateralActionsTest, BadFieldsAreNamedAndWriteNothing) {
  domain::ActionCommand command;
  command.situation = "urgent";
  auto refused = act(member_, command);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(refused.error().fields.count("situation"), 1u);
  EXPECT_EQ(refused.error().fields.count("what"), 1u);
  EXPECT_TRUE(shown(chair_).actions.empty());
  EXPECT_EQ(entries_of(domain::EntryKind::Action), 0);
}

TEST_F(UnilateralActionsTest, OnlyTheMemberWhoActedReportsItAndTheReportOpensTheReview) {
  ASSERT_TRUE(act(member_).ok());
  auto by_other = report(jonas_);
  ASSERT_FALSE(by_other.ok());
  EXPECT_EQ(by_other.error().code, ErrorCode::FailedPrecondition);
  EXPECT_EQ(shown(chair_).actions.at(0).action.status, domain::ActionStatus::AwaitingReport);

  auto reported = report(member_);
  ASSERT_TRUE(reported.ok()) << reported.error().message;
  const ActionView& action = reported->actions.at(0);
  EXPECT_EQ(action.action.status, domain::ActionStatus::UnderReview);
  ASSERT_TRUE(action.vote.has_value());
  EXPECT_EQ(action.vote->matter, domain::VoteMatter::Action);
  EXPECT_EQ(action.count.eligible, 4);
  EXPECT_FALSE(report(member_).ok());  // reported once
}

TEST_F(UnilateralActionsTest, TheGroupRatifiesTheActionByTheVoteRule) {
  ASSERT_TRUE(act(member_).ok());
  ASSERT_TRUE(report(member_).ok());
  for (const Actor* voter : {&member_, &chair_, &jonas_}) ASSERT_TRUE(vote(*voter, "agree").ok());
  auto last = vote(mei_, "object");
  ASSERT_TRUE(last.ok()) << last.error().message;
  const ActionView& action = last->actions.at(0);
  EXPECT_EQ(action.action.status, domain::ActionStatus::Ratified);
  ASSERT_TRUE(action.vote->closed_at.has_value());
  EXPECT_EQ(action.vote->outcome, domain::VoteOutcome::PassedByTwoThirds);
  EXPECT_EQ(entries_of(domain::EntryKind::Vote), 1);
  // The case itself does not move: the review decides the action, not the case.
  EXPECT_EQ(last->summary.state, domain::CaseState::Received);
  auto closed = vote(mei_, "agree");
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(closed.error().code, ErrorCode::FailedPrecondition);
}

TEST_F(UnilateralActionsTest, ARevisionReplacesTheActionsReviewAndRevisesItWhenAgreed) {
  ASSERT_TRUE(act(member_).ok());
  ASSERT_TRUE(report(member_).ok());
  ASSERT_TRUE(vote(member_, "agree").ok());
  domain::ActionCommand change;
  change.what = "Lift the ban from the mailing list; keep it in the chat.";
  change.why = "The threats were only in the chat.";
  next_command();
  auto revising = revise_action(context_, chair_, summary_.code_name, 1, change);
  ASSERT_TRUE(revising.ok()) << revising.error().message;
  ASSERT_EQ(revising->actions.size(), 2u);
  EXPECT_EQ(revising->actions[0].action.status, domain::ActionStatus::Revising);
  EXPECT_EQ(revising->actions[1].action.revises, 1);
  EXPECT_EQ(revising->actions[1].action.affects, "The reported person");
  // The action's own vote no longer takes ballots.
  EXPECT_EQ(vote(jonas_, "agree").error().code, ErrorCode::FailedPrecondition);
  for (const Actor* voter : {&member_, &chair_, &jonas_, &mei_}) ASSERT_TRUE(vote(*voter, "agree", 2).ok());
  const DecisionsView after = shown(chair_);
  EXPECT_EQ(after.actions[0].action.status, domain::ActionStatus::Revised);
  EXPECT_EQ(after.actions[1].action.status, domain::ActionStatus::Ratified);
  EXPECT_EQ(after.actions[1].vote->outcome, domain::VoteOutcome::PassedByConsensus);
}

TEST_F(UnilateralActionsTest, AMemberWithAConflictTakesNoActionAndAnAdviserNone) {
  next_command();
  ASSERT_TRUE(declare_conflict(context_, jonas_, summary_.code_name, "I know the reported person.").ok());
  next_command();
  auto conflicted = act(jonas_);
  ASSERT_FALSE(conflicted.ok());
  EXPECT_EQ(conflicted.error().code, ErrorCode::NotFound);
  auto adviser = act(adviser_);
  ASSERT_FALSE(adviser.ok());
  EXPECT_TRUE(shown(chair_).actions.empty());
}

TEST_F(UnilateralActionsTest, AReviewWithoutADecisionGoesToTheBoard) {
  ASSERT_TRUE(act(member_).ok());
  ASSERT_TRUE(report(member_).ok());
  clock_.advance_seconds(chair_.community.policy.voting.default_vote_days * 24 * kHour + 1);
  const DecisionsView after = shown(chair_);
  EXPECT_EQ(after.actions.at(0).action.status, domain::ActionStatus::ToTheBoard);
  EXPECT_EQ(entries_of(domain::EntryKind::Vote), 1);
}

}  // namespace
}  // namespace conduct::app
