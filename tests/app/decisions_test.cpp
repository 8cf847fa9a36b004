// The group's decisions through the use cases (app/decisions.h): evaluation, the
// reported person's response, proposals and votes, on real SQLite with real sealing.
// The vote rule's arithmetic has its own table (tests/domain/vote_count_test.cpp); these
// tests show who is counted, when a vote closes, what closing does to the case, and the
// refusals of the procedure.
#include "app/decisions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "app/audit.h"
#include "app/cases.h"
#include "app/conflicts.h"
#include "app/intake.h"
#include "app/reporter_thread.h"
#include "app_fixture.h"
#include "support/memory_database.h"

namespace conduct::app {
namespace {

constexpr std::int64_t kDay = 24 * 60 * 60;
constexpr int kReported = 2;  // the party number of the reported person in every case here

class DecisionsTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    jonas_ = add("jonas@tidewater.example", "Jonas Berg", "member");
    mei_ = add("mei@tidewater.example", "Mei Tanaka", "member");
    summary_ = open("Mocking a newcomer's English in the help channel, three times.");
  }

  domain::Case open(const std::string& text, const std::string& reported = "@drift_wood") {
    domain::NewCaseCommand command;
    command.report.report_text = text;
    command.report.parties = {{"reporter", "Noor Haddad", "noor@example.net", "", ""},
                              {"reported", "", reported, "", ""}};
    next_command();
    auto record = open_case(context_, chair_, command);
    EXPECT_TRUE(record.ok()) << record.error().message;
    if (!record.ok()) return {};
    move_to(record->summary, "acknowledged");
    move_to(record->summary, "investigating");
    return record->summary;
  }

  void move_to(const domain::Case& summary, const std::string& state) {
    next_command();
    auto moved = transition_case(context_, chair_, summary.code_name, {state, "Next step.", "", ""});
    EXPECT_TRUE(moved.ok()) << moved.error().message;
  }

  static domain::EvaluationCommand evaluation(const std::string& answer = "no") {
    domain::EvaluationCommand command;
    for (const domain::EvaluationQuestion& question : domain::evaluation_questions())
      command.answers[question.key] = {answer, ""};
    command.what_happened = "Three comments mocking a newcomer's English.";
    command.violation = "yes";
    command.rules = {"character-attacks"};
    command.responsible = "The reported person.";
    command.ongoing_or_threat = "no";
    return command;
  }

  Result<DecisionsView> respond(const Actor& actor, const std::string& step, const std::string& text) {
    next_command();
    return record_response(context_, actor, summary_.code_name, {kReported, step, text});
  }

  static domain::ProposalCommand suspension(int days = 30) {
    domain::ProposalCommand command;
    command.reported_party = kReported;
    command.resolution = "temporary-suspension";
    command.duration_days = days;
    command.message_to_reported = "You are suspended from the help channel for 30 days.";
    return command;
  }

  Result<DecisionsView> propose(const Actor& actor, const domain::ProposalCommand& command = suspension()) {
    next_command();
    return propose_resolution(context_, actor, summary_.code_name, command);
  }

  Result<DecisionsView> vote(const Actor& actor, const std::string& ballot, int proposal = 1) {
    next_command();
    return cast_ballot(context_, actor, summary_.code_name, proposal, ballot);
  }

  DecisionsView shown(const Actor& actor) {
    next_command();
    auto view = show_decisions(context_, actor, summary_.code_name);
    EXPECT_TRUE(view.ok()) << view.error().message;
    return view.ok() ? *view : DecisionsView{};
  }

  // The case told and answered, ready for a proposal.
  void responded() {
    ASSERT_TRUE(respond(member_, "told", "We told them what was reported, without the reporter's name.").ok());
    ASSERT_TRUE(respond(member_, "responded", "They say they meant it as a joke.").ok());
  }

  domain::CaseState state() {
    auto found = context_.store.find_case_by_id(summary_.id);
    EXPECT_TRUE(found.ok());
    return found.ok() ? found->state : domain::CaseState::Received;
  }

  std::vector<domain::TimelineEntry> entries_of(domain::EntryKind kind) {
    next_command();
    auto record = show_case(context_, chair_, summary_.code_name);
    EXPECT_TRUE(record.ok()) << record.error().message;
    std::vector<domain::TimelineEntry> found;
    if (record.ok())
      std::copy_if(record->timeline.begin(), record->timeline.end(), std::back_inserter(found),
                   [&](const domain::TimelineEntry& entry) { return entry.kind == kind; });
    return found;
  }

  // The proposal passed by all four members: the case awaits feedback.
  void agreed() {
    responded();
    ASSERT_TRUE(propose(chair_).ok());
    for (const Actor* voter : {&chair_, &member_, &jonas_, &mei_}) ASSERT_TRUE(vote(*voter, "agree").ok());
    ASSERT_EQ(state(), domain::CaseState::AwaitingFeedback);
  }

  Result<DecisionsView> feedback(const domain::FeedbackCommand& command) {
    next_command();
    return record_feedback(context_, member_, summary_.code_name, command);
  }

  Result<DecisionsView> enact(int proposal = 1) {
    next_command();
    return enact_proposal(context_, chair_, summary_.code_name, proposal, "Sending it today.");
  }

  Actor jonas_, mei_;
  domain::Case summary_;
};

TEST_F(DecisionsTest, AnEvaluationIsKeptOnTheTimelineAndItsRiskRaisesTheCasesUrgency) {
  domain::EvaluationCommand command = evaluation();
  command.answers["repeat-risk"] = {"yes", "They did it again the next day."};
  next_command();
  auto first = evaluate_case(context_, member_, summary_.code_name, command);
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_TRUE(first->evaluation.has_value());
  EXPECT_EQ(first->evaluation->evaluation.answers.at("repeat-risk").note, "They did it again the next day.");
  EXPECT_EQ(first->summary.urgency, domain::Urgency::Raised);

  command.answers["sexual-harassment-or-threats"] = {"yes", ""};
  next_command();
  auto revised = evaluate_case(context_, chair_, summary_.code_name, command);
  ASSERT_TRUE(revised.ok()) << revised.error().message;
  EXPECT_EQ(revised->summary.urgency, domain::Urgency::High);
  EXPECT_EQ(revised->evaluation->evaluation.evaluated_by, chair_.member.id);
  // Both evaluations stay on the timeline; the case list shows the latest urgency.
  EXPECT_EQ(entries_of(domain::EntryKind::Evaluation).size(), 2u);
  auto listed = list_cases(context_, chair_, store::CaseFilter{});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().urgency, domain::Urgency::High);
}

TEST_F(DecisionsTest, AnEstablishedPatternIsComputedFromThePersonsEarlierCases) {
  EXPECT_FALSE(shown(chair_).pattern.flagged);
  EXPECT_EQ(shown(chair_).pattern.earlier_reports, 0);
  open("Insults in the review of pull request 12.");
  const domain::Case latest = open("Insults in the issue tracker.");
  // The first case's pattern counts no later report; the latest one counts both before it.
  EXPECT_EQ(shown(chair_).pattern.earlier_reports, 0);
  next_command();
  auto evaluated = evaluate_case(context_, member_, latest.code_name, evaluation());
  ASSERT_TRUE(evaluated.ok()) << evaluated.error().message;
  EXPECT_EQ(evaluated->pattern.earlier_reports, 2);
  EXPECT_TRUE(evaluated->evaluation->evaluation.established_pattern);
  EXPECT_EQ(evaluated->summary.urgency, domain::Urgency::Raised);
}

TEST_F(DecisionsTest, AProposalBeforeThePersonHadTheChanceToRespondIsRefusedAndChangesNothing) {
  auto refused = propose(member_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::FailedPrecondition);
  EXPECT_EQ(shown(chair_).proposals.size(), 0u);
  EXPECT_EQ(state(), domain::CaseState::Investigating);

  ASSERT_TRUE(respond(member_, "told", "We told them what was reported.").ok());
  refused = propose(member_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::FailedPrecondition);
  EXPECT_NE(refused.error().message.find("to respond"), std::string::npos) << refused.error().message;

  // The deadline passes without a response: the proposal may go to the vote.
  clock_.advance_seconds(8 * kDay);
  auto proposed = propose(member_);
  ASSERT_TRUE(proposed.ok()) << proposed.error().message;
  EXPECT_EQ(state(), domain::CaseState::Deciding);
  ASSERT_EQ(proposed->proposals.size(), 1u);
  EXPECT_EQ(proposed->proposals[0].proposal.status, domain::ProposalStatus::Voting);
  EXPECT_EQ(proposed->proposals[0].proposal.message_to_reported,
            "You are suspended from the help channel for 30 days.");
}

TEST_F(DecisionsTest, AStepSentWithSpacesAroundItIsReadAsTheStep) {
  auto told = respond(member_, "  told ", "We told them what was reported.");
  ASSERT_TRUE(told.ok()) << told.error().message;
  ASSERT_EQ(told->responses.size(), 1u);
  EXPECT_TRUE(told->responses[0].facts.told_at.has_value());
}

TEST_F(DecisionsTest, FourMembersAgreeingPassTheProposalByConsensusAndOpenTheFeedbackRound) {
  responded();
  ASSERT_TRUE(propose(chair_).ok());
  auto after = vote(member_, "agree");
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(after->proposals[0].count.eligible, 4);  // chair, Priya, Jonas, Mei; never the adviser
  EXPECT_EQ(after->proposals[0].count.outcome, domain::VoteOutcome::Open);
  EXPECT_EQ(*after->proposals[0].own_ballot, domain::Ballot::Agree);
  ASSERT_TRUE(vote(jonas_, "agree").ok());
  ASSERT_TRUE(vote(mei_, "abstain").ok());
  after = vote(chair_, "agree");
  ASSERT_TRUE(after.ok()) << after.error().message;
  const ProposalView& decided = after->proposals[0];
  EXPECT_EQ(decided.proposal.status, domain::ProposalStatus::Agreed);
  ASSERT_TRUE(decided.vote->closed_at.has_value());
  EXPECT_EQ(*decided.vote->outcome, domain::VoteOutcome::PassedByConsensus);
  EXPECT_NE(decided.vote->arithmetic.find("3 of 4 eligible members agreed"), std::string::npos)
      << decided.vote->arithmetic;
  EXPECT_EQ(state(), domain::CaseState::AwaitingFeedback);
  ASSERT_EQ(entries_of(domain::EntryKind::Vote).size(), 1u);
  EXPECT_EQ(entries_of(domain::EntryKind::Vote)[0].body.rfind("The vote on proposal 1 closed.", 0), 0u);

  auto late = vote(jonas_, "object");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::FailedPrecondition);
}

TEST_F(DecisionsTest, AMemberWhoRecusesMidVoteDropsOutAndTheVoteIsCountedAgain) {
  responded();
  ASSERT_TRUE(propose(chair_).ok());
  ASSERT_TRUE(vote(member_, "agree").ok());
  ASSERT_TRUE(vote(jonas_, "agree").ok());
  ASSERT_TRUE(vote(mei_, "object").ok());
  EXPECT_EQ(shown(chair_).proposals[0].count.eligible, 4);
  EXPECT_EQ(shown(chair_).proposals[0].count.objected, 1);

  next_command();
  ASSERT_TRUE(declare_conflict(context_, mei_, summary_.code_name, "").ok());
  const DecisionsView recounted = shown(chair_);
  EXPECT_EQ(recounted.proposals[0].count.eligible, 3);
  EXPECT_EQ(recounted.proposals[0].count.objected, 0);  // Mei's ballot no longer counts
  auto last = vote(chair_, "agree");
  ASSERT_TRUE(last.ok()) << last.error().message;
  EXPECT_EQ(*last->proposals[0].vote->outcome, domain::VoteOutcome::PassedByConsensus);
  // Nobody's ballot changes it afterwards.
  auto changed = vote(jonas_, "object");
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(changed.error().code, ErrorCode::FailedPrecondition);

  // Mei declared the conflict: she is told why she may not vote, and sees nothing else.
  auto refused = vote(mei_, "object");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::FailedPrecondition);
  EXPECT_NE(refused.error().message.find("declared a conflict"), std::string::npos);
  next_command();
  EXPECT_EQ(show_decisions(context_, mei_, summary_.code_name).error().code, ErrorCode::NotFound);
}

TEST_F(DecisionsTest, WhatARecusingMemberWroteStaysOnTheTimelineForEveryoneElse) {
  next_command();
  ASSERT_TRUE(evaluate_case(context_, mei_, summary_.code_name, evaluation()).ok());
  next_command();
  ASSERT_TRUE(declare_conflict(context_, mei_, summary_.code_name, "").ok());
  const std::vector<domain::TimelineEntry> evaluations = entries_of(domain::EntryKind::Evaluation);
  ASSERT_EQ(evaluations.size(), 1u);
  EXPECT_EQ(*evaluations[0].author_id, mei_.member.id);
  const DecisionsView view = shown(chair_);
  ASSERT_TRUE(view.evaluation.has_value());
  EXPECT_EQ(view.evaluation->evaluation.what_happened, "Three comments mocking a newcomer's English.");
}

TEST_F(DecisionsTest, AnAdviserNeverVotesAndIsNotCounted) {
  next_command();
  ASSERT_TRUE(invite_adviser(context_, chair_, summary_.code_name, "ada@tidewater.example").ok());
  responded();
  ASSERT_TRUE(propose(chair_).ok());
  const DecisionsView seen = shown(adviser_);
  EXPECT_FALSE(seen.may_vote);
  EXPECT_FALSE(seen.may_decide);
  EXPECT_EQ(seen.proposals[0].count.eligible, 4);
  auto refused = vote(adviser_, "agree");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::NotFound);
  next_command();
  EXPECT_EQ(evaluate_case(context_, adviser_, summary_.code_name, evaluation()).error().code, ErrorCode::NotFound);
}

TEST_F(DecisionsTest, AMemberNamedInTheReportCannotLearnTheCaseByVoting) {
  const domain::Case about_jonas = open("Jonas was rude in the review.", "jonas@tidewater.example");
  next_command();
  auto refused = cast_ballot(context_, jonas_, about_jonas.code_name, 1, "agree");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::NotFound);
  EXPECT_EQ(refused.error().message, "no case '" + about_jonas.code_name + "'");
}

TEST_F(DecisionsTest, FewerThanThreeEligibleMembersSendTheProposalToTheBoardAtOnce) {
  responded();
  next_command();
  ASSERT_TRUE(declare_conflict(context_, jonas_, summary_.code_name, "").ok());
  next_command();
  ASSERT_TRUE(declare_conflict(context_, mei_, summary_.code_name, "").ok());
  auto proposed = propose(chair_);
  ASSERT_TRUE(proposed.ok()) << proposed.error().message;
  EXPECT_EQ(*proposed->proposals[0].vote->outcome, domain::VoteOutcome::ToTheBoard);
  EXPECT_EQ(proposed->proposals[0].proposal.status, domain::ProposalStatus::NotAgreed);
  EXPECT_EQ(state(), domain::CaseState::EscalatedToBoard);
}

TEST_F(DecisionsTest, AVoteWhoseDeadlinePassesIsClosedWhenItIsNextShown) {
  responded();
  ASSERT_TRUE(propose(chair_).ok());
  ASSERT_TRUE(vote(chair_, "agree").ok());
  ASSERT_TRUE(vote(member_, "agree").ok());
  ASSERT_TRUE(vote(jonas_, "agree").ok());  // 3 of 4 voted: open until Mei votes or the deadline
  EXPECT_EQ(shown(chair_).proposals[0].count.outcome, domain::VoteOutcome::Open);
  clock_.advance_seconds(8 * kDay);
  const DecisionsView after = shown(member_);
  ASSERT_TRUE(after.proposals[0].vote->closed_at.has_value());
  EXPECT_EQ(*after.proposals[0].vote->outcome, domain::VoteOutcome::PassedByConsensus);
  EXPECT_EQ(state(), domain::CaseState::AwaitingFeedback);
}

TEST_F(DecisionsTest, ARevisedProposalSupersedesTheEarlierOneForTheSamePerson) {
  responded();
  ASSERT_TRUE(propose(chair_).ok());
  auto revised = propose(member_, suspension(60));
  ASSERT_TRUE(revised.ok()) << revised.error().message;
  ASSERT_EQ(revised->proposals.size(), 2u);
  EXPECT_EQ(revised->proposals[0].proposal.status, domain::ProposalStatus::Superseded);
  EXPECT_EQ(revised->proposals[1].proposal.status, domain::ProposalStatus::Voting);
  auto refused = vote(jonas_, "agree", 1);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::FailedPrecondition);
  auto unknown = vote(jonas_, "agree", 9);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields.count("proposal"), 1u);
  auto bad = vote(jonas_, "perhaps", 2);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.count("ballot"), 1u);
}

TEST_F(DecisionsTest, BallotsAndProposalTextsAreSealedUnderTheCasesKey) {
  responded();
  ASSERT_TRUE(propose(chair_).ok());
  ASSERT_TRUE(vote(member_, "object").ok());
  for (const char* sql : {"SELECT ballot_sealed FROM ballots", "SELECT content_sealed FROM proposals"}) {
    auto select = store_.sqlite().database().prepare(sql);
    ASSERT_TRUE(select.ok());
    auto found = select->step();
    ASSERT_TRUE(found.ok() && *found) << sql;
    const std::string stored = select->blob(0);
    EXPECT_EQ(stored.find("object"), std::string::npos) << sql;
    EXPECT_EQ(stored.find("suspended"), std::string::npos) << sql;
  }
}

TEST_F(DecisionsTest, EnactingBeforeTheFeedbackRoundIsOverIsRefusedAndChangesNothing) {
  agreed();
  const DecisionsView before = shown(chair_);
  ASSERT_TRUE(before.proposals[0].round.has_value());
  ASSERT_EQ(before.proposals[0].round->requests.size(), 1u);  // the reporter, Noor
  EXPECT_FALSE(before.proposals[0].round_closed);

  auto refused = enact();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::FailedPrecondition);
  EXPECT_NE(refused.error().message.find("0 of 1 affected person answered"), std::string::npos)
      << refused.error().message;
  next_command();
  auto by_hand = transition_case(context_, chair_, summary_.code_name, {"enacting", "Let us go.", "", ""});
  ASSERT_FALSE(by_hand.ok());
  EXPECT_EQ(by_hand.error().code, ErrorCode::FailedPrecondition);
  EXPECT_EQ(state(), domain::CaseState::AwaitingFeedback);
  EXPECT_EQ(shown(chair_).proposals[0].proposal.status, domain::ProposalStatus::Agreed);
}

TEST_F(DecisionsTest, TheAnswersOfEveryoneAskedCloseTheRoundAndTheProposalIsEnacted) {
  agreed();
  ASSERT_TRUE(feedback({1, 1, "asked", "phone", "We read her the proposed suspension."}).ok());
  auto answered = feedback({1, 1, "answered", "", "She thinks 30 days is fair."});
  ASSERT_TRUE(answered.ok()) << answered.error().message;
  EXPECT_TRUE(answered->proposals[0].round_closed);
  EXPECT_EQ(answered->proposals[0].round_state, "1 of 1 affected person answered");
  ASSERT_EQ(entries_of(domain::EntryKind::Feedback).size(), 2u);
  EXPECT_EQ(entries_of(domain::EntryKind::Feedback)[1].body,
            "Feedback from the reporter (party 1) on proposal 1:\nShe thinks 30 days is fair.");

  auto enacted = enact();
  ASSERT_TRUE(enacted.ok()) << enacted.error().message;
  EXPECT_EQ(enacted->proposals[0].proposal.status, domain::ProposalStatus::Enacted);
  EXPECT_EQ(state(), domain::CaseState::Enacting);
  next_command();
  EXPECT_TRUE(
      transition_case(context_, chair_, summary_.code_name, {"resolved", "Suspended.", "group", "action-taken"}).ok());
}

TEST_F(DecisionsTest, TheRoundIsOverAtItsDeadlineWhoeverAnswered) {
  agreed();
  clock_.advance_seconds(8 * kDay);
  auto enacted = enact();
  ASSERT_TRUE(enacted.ok()) << enacted.error().message;
  EXPECT_EQ(state(), domain::CaseState::Enacting);
}

TEST_F(DecisionsTest, ARevisionDuringTheRoundIsANewProposalAndTheCaseIsDecidedAgain) {
  agreed();
  auto revised = propose(member_, suspension(60));
  ASSERT_TRUE(revised.ok()) << revised.error().message;
  EXPECT_EQ(revised->proposals[0].proposal.status, domain::ProposalStatus::Superseded);
  EXPECT_EQ(state(), domain::CaseState::Deciding);
  EXPECT_EQ(enact(1).error().code, ErrorCode::FailedPrecondition);
}

TEST_F(DecisionsTest, TheReporterIsAskedThroughTheirPortal) {
  domain::PublicReport report;
  report.what_happened = "Mocking my English in the help channel, three times.";
  report.people = {{"reported-person", "", "@drift_wood"}};
  auto sent = submit_public_report(context_, "tidewater", report, ReportOrigin{"192.0.2.8", "en"});
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  auto found = context_.store.find_case_by_id(sent->case_id);
  ASSERT_TRUE(found.ok());
  summary_ = *found;
  move_to(summary_, "acknowledged");
  move_to(summary_, "investigating");
  next_command();
  auto record = show_case(context_, chair_, summary_.code_name);
  ASSERT_TRUE(record.ok());
  int reporter = 0, reported = 0;
  for (const domain::Party& party : record->parties)
    (party.role == domain::PartyRole::Reporter ? reporter : reported) = party.number;
  ASSERT_TRUE(record_response(context_, member_, summary_.code_name, {reported, "waived-for-safety", "Unsafe."}).ok());
  domain::ProposalCommand warning;
  warning.reported_party = reported;
  warning.resolution = "warning";
  ASSERT_TRUE(propose(chair_, warning).ok());
  for (const Actor* voter : {&chair_, &member_, &jonas_, &mei_}) ASSERT_TRUE(vote(*voter, "agree").ok());

  auto portal_to_witness = feedback({1, reported, "asked", "portal", "…"});
  ASSERT_FALSE(portal_to_witness.ok());
  EXPECT_EQ(portal_to_witness.error().fields.count("party"), 1u);
  auto asked = feedback({1, reporter, "asked", "portal", "We propose a written warning. Does that address it?"});
  ASSERT_TRUE(asked.ok()) << asked.error().message;
  next_command();
  auto thread = read_reporter_thread(context_, chair_, summary_.code_name);
  ASSERT_TRUE(thread.ok()) << thread.error().message;
  ASSERT_FALSE(thread->messages.empty());
  EXPECT_EQ(thread->messages.back().text, "We propose a written warning. Does that address it?");
  EXPECT_TRUE(thread->messages.back().to_reporter);
  EXPECT_NE(entries_of(domain::EntryKind::Feedback).back().body.find("(Sent on the portal.)"), std::string::npos);
}

}  // namespace
}  // namespace conduct::app
